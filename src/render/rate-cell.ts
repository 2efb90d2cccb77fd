/** A rate as the tree, table, map and detail show it: text, interval, colour against the overall rate. */
import type { GroupMetrics, OverallMetrics } from '../metrics/confusion.js';
import type { ProxyClusterMetrics } from '../metrics/proxy.js';
import { interval, pct, pValue } from './format.js';
import { rateColour, textOn } from './rate-colour.js';
import type { RateCell } from './view-types.js';

/** `flag_rate` stands in for the error rates in proxy mode (no labels). */
export type RateKind = 'fpr' | 'fnr' | 'flag_rate';

export const RATE_NAMES: Record<RateKind, 'FPR' | 'FNR' | 'flag rate'> = { fpr: 'FPR', fnr: 'FNR', flag_rate: 'flag rate' };

/** FPR or FNR of a cluster (or a slice) against the classifier's overall rate. */
export function rateCell(row: GroupMetrics | undefined, overall: OverallMetrics, kind: 'fpr' | 'fnr'): RateCell {
  if (!row) return emptyCell();
  const value = row[kind];
  const colour = rateColour(value, overall[kind]);
  const ci = kind === 'fpr' ? row.fpr_ci : row.fnr_ci;
  const denominator = kind === 'fpr' ? row.fp + row.tn : row.fn + row.tp;
  const q = kind === 'fpr' ? row.fpr_q : row.fnr_q;
  const name = RATE_NAMES[kind];
  return {
    text: pct(value),
    ci: interval(ci),
    value,
    colour,
    ink: textOn(colour),
    pocket: kind === 'fpr' ? row.pocket_fp : row.pocket_fn,
    title: value === null
      ? `${name}: no ${kind === 'fpr' ? 'benign' : 'harmful'} conversations here`
      : `${name} ${pct(value)} (95% CI ${interval(ci)}), n=${denominator}, overall ${pct(overall[kind])}, q=${pValue(q)}`,
  };
}

/** Flag rate of a cluster (proxy mode) against the classifier's overall flag rate; candidates are outlined. */
export function flagRateCell(row: ProxyClusterMetrics | undefined, overall: number | null): RateCell {
  if (!row) return emptyCell();
  const colour = rateColour(row.flag_rate, overall);
  const concern = row.mean_concern === null ? 'no concern values' : `mean concern ${row.mean_concern.toFixed(2)}`;
  return {
    text: pct(row.flag_rate),
    ci: interval(row.flag_rate_ci),
    value: row.flag_rate,
    colour,
    ink: textOn(colour),
    pocket: row.candidate !== null,
    title: `flag rate ${pct(row.flag_rate)} (95% CI ${interval(row.flag_rate_ci)}), n=${row.verdicts}, overall ${pct(overall)}, ${concern}`,
  };
}

export function emptyCell(): RateCell {
  const colour = rateColour(null, null);
  return { text: '—', ci: '—', value: null, colour, ink: textOn(colour), pocket: false, title: 'no data' };
}
