/** The gate's rule: one check's counts and tests → pass / warn / fail / insufficient_data, with a reason. */
import type { CheckStatus, GateSettings } from './types.js';

/** Rates are ratios of counts; allow for the last bit of rounding when comparing to a threshold. */
const EPSILON = 1e-12;

export interface RuleInput {
  support: number;
  increase: number | null;
  /** The significance that counts: the BH q for clusters, the raw p overall. */
  significance: number | null;
  /** `max_increase` for clusters, `max_overall_increase` overall. */
  maxIncrease: number;
}

/**
 * Decide one check.
 * - `insufficient_data` when support < min_support, whatever the rates did (thin data never passes);
 * - `fail` when the rate rose by ≥ maxIncrease and the significance is < alpha;
 * - `warn` when it rose by ≥ maxIncrease without significance, or rose significantly by less;
 * - `pass` otherwise (no rise, or a small rise that could be noise).
 * @example
 * checkStatus({ support: 100, increase: 0.2, significance: 0.001, maxIncrease: 0.05 }, DEFAULT_GATE_SETTINGS);
 * // { status: 'fail', reason: 'rose by 20.0 points (≥ 5.0) with q = 0.001 < 0.05' }
 */
export function checkStatus(input: RuleInput, settings: GateSettings, significanceName: 'p' | 'q'): { status: CheckStatus; reason: string } {
  const { support, increase, significance, maxIncrease } = input;
  if (support < settings.min_support || increase === null || significance === null) {
    return { status: 'insufficient_data', reason: `only ${support} paired conversations (min_support ${settings.min_support})` };
  }
  const rise = Math.abs(increase) <= EPSILON ? 'unchanged' : `${increase > 0 ? 'rose' : 'fell'} by ${points(Math.abs(increase))} points`;
  const bigRise = increase >= maxIncrease - EPSILON;
  const significant = significance < settings.alpha;
  const test = `${significanceName} = ${formatP(significance)}`;
  if (bigRise && significant) {
    return { status: 'fail', reason: `${rise} (≥ ${points(maxIncrease)}) with ${test} < ${settings.alpha}` };
  }
  if (bigRise) return { status: 'warn', reason: `${rise} (≥ ${points(maxIncrease)}) but not significant (${test} ≥ ${settings.alpha})` };
  if (increase > EPSILON && significant) {
    return { status: 'warn', reason: `${rise}, significant (${test}) but below the ${points(maxIncrease)}-point tolerance` };
  }
  return { status: 'pass', reason: increase > EPSILON ? `${rise} (< ${points(maxIncrease)}, ${test})` : rise };
}

function points(value: number): string {
  return (value * 100).toFixed(1);
}

/** p-values for messages: 4 decimals, or 2 significant digits in exponent form when tiny. */
export function formatP(p: number): string {
  if (p === 0) return '0';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toFixed(4)));
}
