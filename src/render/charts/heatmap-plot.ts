/** Comparison heatmap: clusters × classifiers, each cell a rate coloured against that classifier's overall rate. */
import * as Plot from '@observablehq/plot';
import { chartDocument, shorten } from './plot-document.js';
import { TrustedSvg, type ChartElement } from './trusted-svg.js';

export interface HeatCell {
  clusterId: string;
  cluster: string;
  classifier: string;
  /** Formatted rate, e.g. `12.5%` (or `—`). */
  text: string;
  colour: string;
  ink: string;
  title: string;
}

export function heatmapPlot(cells: HeatCell[], clusterOrder: string[], classifiers: string[], metric: string): TrustedSvg {
  const label = new Map(cells.map((c) => [c.clusterId, `${shorten(c.cluster, 36)} · ${c.clusterId}`]));
  const element = Plot.plot({
    document: chartDocument(),
    className: 'mf-heatmap',
    width: 300 + 110 * classifiers.length,
    height: 50 + 20 * clusterOrder.length,
    marginLeft: 290,
    marginTop: 40,
    x: { domain: classifiers, axis: 'top', label: `${metric} by classifier`, tickFormat: (d: string) => shorten(d, 16) },
    y: { domain: clusterOrder.map((id) => label.get(id) ?? id), label: null },
    color: { type: 'identity' },
    marks: [
      Plot.cell(cells, {
        x: 'classifier',
        y: (d: HeatCell) => label.get(d.clusterId),
        fill: 'colour',
        inset: 0.5,
        title: 'title',
        href: (d: HeatCell) => `#cluster-${d.clusterId}`,
      }),
      Plot.text(cells, { x: 'classifier', y: (d: HeatCell) => label.get(d.clusterId), text: 'text', fill: 'ink' }),
    ],
  });
  return TrustedSvg.fromElement('heatmap', element as unknown as ChartElement);
}
