/** Section 6 of the report: leaf clusters × classifiers heatmaps of FPR and FNR (two or more classifiers). */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import { heatmapPlot, type HeatCell } from './charts/heatmap-plot.js';
import type { TrustedSvg } from './charts/trusted-svg.js';
import { displayName } from './cluster-lookup.js';
import { rateCell } from './rate-cell.js';

export function comparisonView(clusters: readonly ClusterRecord[], classifiers: readonly ClassifierMetrics[], labelsPresent: boolean): { fpr: TrustedSvg; fnr: TrustedSvg } | null {
  if (classifiers.length < 2 || !labelsPresent) return null;
  const leaves = clusters.filter((c) => c.level === 0).sort((a, b) => b.size - a.size || (a.cluster_id < b.cluster_id ? -1 : 1));
  if (leaves.length === 0) return null;
  const rows = classifiers.map((c) => new Map(c.clusters.map((r) => [r.cluster_id, r])));
  const cells = (kind: 'fpr' | 'fnr'): HeatCell[] =>
    leaves.flatMap((leaf) =>
      classifiers.map((c, i) => {
        const cell = rateCell(rows[i].get(leaf.cluster_id), c.overall, kind);
        return {
          clusterId: leaf.cluster_id,
          cluster: displayName(leaf, leaf.cluster_id),
          classifier: c.name,
          text: cell.text,
          colour: cell.colour,
          ink: cell.ink,
          title: `${displayName(leaf, leaf.cluster_id)} · ${c.name}: ${cell.title}`,
        };
      }),
    );
  const order = leaves.map((l) => l.cluster_id);
  const names = classifiers.map((c) => c.name);
  return { fpr: heatmapPlot(cells('fpr'), order, names, 'FPR'), fnr: heatmapPlot(cells('fnr'), order, names, 'FNR') };
}
