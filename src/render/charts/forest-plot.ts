/** Forest plot of pockets: each pocket's rate with its Wilson 95 % interval against the overall rate. */
import * as Plot from '@observablehq/plot';
import { pct } from '../format.js';
import { chartDocument, shorten } from './plot-document.js';
import { TrustedSvg, type ChartElement } from './trusted-svg.js';

export interface ForestRow {
  /** Cluster id (`L0-004`) or pocket id (`FP-1`), shown after the name. */
  id: string;
  name: string;
  rate: number;
  lo: number;
  hi: number;
  /** Element id inside the page the dot links to. */
  anchor: string;
  /** Listed under the row above it (a pocket inside a group): drawn with an indent marker. */
  nested?: boolean;
  /** Shown for context, not a pocket: drawn in grey. */
  muted?: boolean;
}

const ink = (row: ForestRow) => (row.muted ? '#9aa3b2' : '#b2182b');

/**
 * @param rows pockets in display order (top first)
 * @param overall the classifier's overall rate (dashed reference line)
 * @param rateName axis label, e.g. `FPR`
 */
export function forestPlot(rows: ForestRow[], overall: number | null, rateName: string): TrustedSvg | null {
  if (rows.length === 0) return null;
  const labelled = rows.map((r) => ({ ...r, label: `${r.nested ? '↳ ' : ''}${shorten(r.name, 40)} · ${r.id}` }));
  const top = Math.max(overall ?? 0, ...rows.map((r) => r.hi));
  const domain: [number, number] = [0, Math.min(1, Math.ceil((top + 0.02) * 10) / 10)];
  const element = Plot.plot({
    document: chartDocument(),
    className: 'mf-forest',
    width: 720,
    height: 44 + 26 * rows.length,
    marginLeft: 300,
    marginRight: 24,
    x: { domain, tickFormat: '%', label: `${rateName} with Wilson 95% interval`, grid: true },
    y: { domain: labelled.map((r) => r.label), label: null },
    marks: [
      ...(overall === null ? [] : [Plot.ruleX([overall], { stroke: '#5b6478', strokeDasharray: '4,3' })]),
      Plot.ruleY(labelled, { y: 'label', x1: 'lo', x2: 'hi', stroke: (d: ForestRow) => ink(d), strokeWidth: 2 }),
      Plot.dot(labelled, {
        y: 'label',
        x: 'rate',
        fill: (d: ForestRow) => ink(d),
        r: 4,
        title: (d: ForestRow) => `${d.name} (${d.id}): ${pct(d.rate)} [${pct(d.lo)}–${pct(d.hi)}]`,
        href: (d: ForestRow) => `#${d.anchor}`,
      }),
      ...(overall === null ? [] : [Plot.text([overall], { x: (d: number) => d, frameAnchor: 'top', dy: -12, text: () => `overall ${pct(overall)}`, fill: '#5b6478' })]),
    ],
  });
  return TrustedSvg.fromElement('forest', element as unknown as ChartElement);
}
