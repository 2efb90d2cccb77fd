/** Threshold sweep of one cluster: FPR and FNR of each classifier as the flagging threshold moves. */
import * as Plot from '@observablehq/plot';
import type { SweepPoint } from '../metrics-extras.js';
import { chartDocument } from './plot-document.js';
import { TrustedSvg, type ChartElement } from './trusted-svg.js';

export interface ClassifierSweep {
  classifier: string;
  points: SweepPoint[];
  /** The operating threshold, when one was configured. */
  threshold: number | null;
}

interface LinePoint {
  classifier: string;
  metric: string;
  threshold: number;
  rate: number;
}

export function sweepPlot(sweeps: ClassifierSweep[]): TrustedSvg | null {
  const points: LinePoint[] = sweeps.flatMap((s) =>
    s.points.flatMap((p) => [
      ...(p.fpr === null ? [] : [{ classifier: s.classifier, metric: 'FPR', threshold: p.threshold, rate: p.fpr }]),
      ...(p.fnr === null ? [] : [{ classifier: s.classifier, metric: 'FNR', threshold: p.threshold, rate: p.fnr }]),
    ]),
  );
  if (points.length === 0) return null;
  const element = Plot.plot({
    document: chartDocument(),
    className: 'mf-sweep',
    width: 640,
    height: 210,
    marginRight: 20,
    fx: { label: null, domain: ['FPR', 'FNR'] },
    x: { label: 'threshold (flag when score ≥ threshold)' },
    y: { domain: [0, 1], tickFormat: '%', label: 'rate', grid: true },
    color: { legend: true, domain: sweeps.map((s) => s.classifier) },
    marks: [
      ...(sweeps.length === 1 && sweeps[0].threshold !== null
        ? [Plot.ruleX([sweeps[0].threshold], { stroke: '#5b6478', strokeDasharray: '4,3' }), Plot.text([sweeps[0].threshold], { x: (d: number) => d, frameAnchor: 'top', dy: -6, text: () => 'operating threshold', fill: '#5b6478' })]
        : []),
      Plot.line(points, { fx: 'metric', x: 'threshold', y: 'rate', stroke: 'classifier', z: 'classifier', strokeWidth: 1.6 }),
      Plot.frame({ stroke: '#d9dee8' }),
    ],
  });
  return TrustedSvg.fromElement('sweep', element as unknown as ChartElement);
}
