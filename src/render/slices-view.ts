/**
 * The report's slices section: per slicing field (metadata field, language, value × cluster) a table of its
 * shown values with every classifier's rates (the explorer's rate columns), the forest plot the cluster
 * pockets use for each classifier and kind with a pocket in the field, and per classifier the slice pockets
 * ranked by excess errors. Suppressed values are counted, never named, and show no rates.
 */
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { ClassifierMetrics, OverallMetrics } from '../metrics/confusion.js';
import type { SliceMetrics } from '../metrics/slices.js';
import type { SliceDimensionRecord, SliceRecord } from '../slicing/dimensions.js';
import { sliceName, sliceValueText } from '../slicing/names.js';
import { wilsonInterval } from '../stats/index.js';
import { forestPlot, type ForestRow } from './charts/forest-plot.js';
import { displayName, type ClusterIndex } from './cluster-lookup.js';
import { count, interval, pct } from './format.js';
import { pocketRateCells } from './pocket-rate-cells.js';
import { emptyCell, rateCell } from './rate-cell.js';
import { rateColour, textOn } from './rate-colour.js';
import type { RateCell } from './view-types.js';
import type { SliceFieldView, SlicePocketList, SlicePocketRow, SliceRowView, SlicesView } from './slice-types.js';

/** Slices listed per field table (pockets first, then the largest); the rest are counted. */
export const SLICES_SHOWN = 20;
/** Slice pockets listed per classifier and kind. */
export const SLICE_POCKETS_SHOWN = 10;

type Kind = 'fp' | 'fn';

/**
 * @example
 * const view = slicesView(metrics, clusters, { minUsers: 5, minConversations: 5 });
 * view.fields[1].title; // 'channel'
 */
export function slicesView(metrics: MetricsDocument, clusters: ClusterIndex, privacy: { minUsers: number; minConversations: number }): SlicesView {
  const labelled = metrics.labels_present;
  const rows = metrics.classifiers.map((c) => new Map(c.slices.map((r) => [r.slice_id, r])));
  const clusterName = (id: string) => displayName(clusters.get(id), id);
  const fields = metrics.slicing.dimensions.map((d) => fieldView(d, metrics.classifiers, rows, labelled, clusterName));
  return {
    chosenBy: metrics.slicing.chosen_by === 'slice-by' ? 'the fields named with --slice-by' : 'the default rule (the language facet, and every metadata field with 2–50 values each held by enough users)',
    privacy: `A value is named, and its rates shown, only when at least ${privacy.minUsers} distinct users and ${privacy.minConversations} conversations hold it (as for clusters); otherwise it is counted as suppressed and its conversations count only in "the rest" of every test.`,
    fields,
    classifiers: labelled
      ? metrics.classifiers.map((c, i) => ({
          index: i,
          name: c.name,
          fp: pocketList(c, 'fp', rows[i], clusterName),
          fn: pocketList(c, 'fn', rows[i], clusterName),
        }))
      : [],
  };
}

function fieldView(
  d: SliceDimensionRecord,
  classifiers: readonly ClassifierMetrics[],
  rows: readonly Map<string, SliceMetrics>[],
  labelled: boolean,
  clusterName: (id: string) => string,
): SliceFieldView {
  const isPocket = (s: SliceRecord) => rows.some((r) => r.get(s.slice_id)?.pocket_fp || r.get(s.slice_id)?.pocket_fn);
  const shownSlices = d.slices.filter((s) => !s.suppressed);
  const keep = new Set(
    [...shownSlices].sort((a, b) => Number(isPocket(b)) - Number(isPocket(a)) || b.size - a.size).slice(0, SLICES_SHOWN).map((s) => s.slice_id),
  );
  const listed = shownSlices.filter((s) => keep.has(s.slice_id));
  const suppressed = d.slices.length - shownSlices.length;
  const more = shownSlices.length - listed.length;
  const named = (s: SliceRecord) => sliceName({ ...s, field: d.field }, clusterName);
  const kinds: Kind[] = labelled ? ['fp', 'fn'] : [];
  return {
    dimensionId: d.dimension_id,
    anchor: `slices-${d.dimension_id}`,
    title: d.cross_level === null ? d.field : `${d.field} × level-${d.cross_level} cluster`,
    source: d.source === 'facet' ? 'detected language, a facet' : 'metadata field',
    counts: `${count(d.slices.length)} ${d.cross_level === null ? 'values' : 'value × cluster slices'}: ${count(shownSlices.length)} shown, ${count(suppressed)} suppressed`,
    suppressedNote:
      suppressed > 0
        ? `${suppressed} ${suppressed === 1 ? 'slice is' : 'slices are'} held by too few users or conversations (or lie in a suppressed cluster): not named, no rates.`
        : null,
    rows: listed.map((s): SliceRowView => ({
      sliceId: s.slice_id,
      anchor: `slice-${s.slice_id}`,
      name: d.cross_level === null ? sliceValueText(s) : `${sliceValueText(s)} × ${s.cluster_id === null ? '' : clusterName(s.cluster_id)}`,
      clusterId: s.cluster_id,
      size: count(s.size),
      users: count(s.unique_users),
      rates: classifiers.flatMap((c, i) => {
        const row = rows[i].get(s.slice_id);
        return labelled ? [rateCell(row, c.overall, 'fpr'), rateCell(row, c.overall, 'fnr')] : [flagCell(row, c.overall)];
      }),
    })),
    moreText: more > 0 ? `…and ${more} more shown ${more === 1 ? 'slice' : 'slices'}, none of them a pocket (see metrics.json).` : null,
    forests: classifiers.flatMap((c, i) =>
      kinds.flatMap((kind) => {
        const pocketIn = listed.some((s) => (kind === 'fp' ? rows[i].get(s.slice_id)?.pocket_fp : rows[i].get(s.slice_id)?.pocket_fn));
        if (!pocketIn) return [];
        const plotted = listed.flatMap((s) => forestRow(rows[i].get(s.slice_id), kind, named(s)));
        const chart = forestPlot(plotted, kind === 'fp' ? c.overall.fpr : c.overall.fnr, kind === 'fp' ? 'FPR' : 'FNR');
        return chart ? [{ classifier: c.name, rateName: kind === 'fp' ? 'FPR' : 'FNR', chart }] : [];
      }),
    ),
  };
}

function forestRow(r: SliceMetrics | undefined, kind: Kind, name: string): ForestRow[] {
  if (!r) return [];
  const rate = kind === 'fp' ? r.fpr : r.fnr;
  const ci = kind === 'fp' ? r.fpr_ci : r.fnr_ci;
  if (rate === null || ci === null) return [];
  return [{ id: r.slice_id, name, rate, lo: ci[0], hi: ci[1], anchor: `slice-${r.slice_id}`, muted: !(kind === 'fp' ? r.pocket_fp : r.pocket_fn) }];
}

/** The flag rate of a slice (no labels) against the classifier's overall flag rate. */
function flagCell(row: SliceMetrics | undefined, overall: OverallMetrics): RateCell {
  if (!row) return emptyCell();
  const colour = rateColour(row.flag_rate, overall.flag_rate);
  const ci = wilsonInterval(row.flagged, row.verdicts);
  return {
    text: pct(row.flag_rate),
    ci: interval(ci),
    value: row.flag_rate,
    colour,
    ink: textOn(colour),
    pocket: false,
    title: `flag rate ${pct(row.flag_rate)} (95% CI ${interval(ci)}), n=${row.verdicts}, overall ${pct(overall.flag_rate)}`,
  };
}

function pocketList(c: ClassifierMetrics, kind: Kind, rows: ReadonlyMap<string, SliceMetrics>, clusterName: (id: string) => string): SlicePocketList {
  const ids = kind === 'fp' ? c.slice_pockets.false_positive : c.slice_pockets.false_negative;
  const listed = pocketRows(c, kind, ids.slice(0, SLICE_POCKETS_SHOWN), rows, clusterName);
  const total = `${ids.length} ${ids.length === 1 ? 'pocket' : 'pockets'}`;
  return {
    rows: listed,
    total: ids.length,
    countText: listed.length < ids.length ? `${total}, ${listed.length} listed, most excess errors first` : `${total}, most excess errors first`,
    rateName: kind === 'fp' ? 'FPR' : 'FNR',
  };
}

function pocketRows(c: ClassifierMetrics, kind: Kind, ids: readonly string[], rows: ReadonlyMap<string, SliceMetrics>, clusterName: (id: string) => string): SlicePocketRow[] {
  return ids.flatMap((id) => {
    const r = rows.get(id);
    if (!r) return [];
    return [{
      sliceId: id,
      anchor: `slice-${id}`,
      name: sliceName(r, clusterName),
      ...pocketRateCells(r, kind, c.overall),
    }];
  });
}
