/** Benjamini–Hochberg false-discovery-rate adjustment. */
import { assertProbability } from './validate.js';

/**
 * Benjamini–Hochberg step-up adjusted p-values (q-values), in the input's order.
 *
 * With m the number of non-null p-values and rank(i) the 1-based position of p_i in ascending
 * order, q_i = min(1, min over j with p_j ≥ p_i of p_j · m / rank(j)). Tied p-values get the
 * same q. Null entries (untestable, e.g. a rate with denominator 0) are not part of the family:
 * they do not count towards m and stay null. Same values as
 * scipy.stats.false_discovery_control(p, method='bh') on the non-null entries.
 *
 * Each q is written back to the position its p came from (the inverse of the sorting
 * permutation), never to the position given by the sort index itself.
 *
 * @example
 * benjaminiHochberg([0.01, null, 0.04, 0.03]); // [0.03, null, 0.04, 0.04]
 */
export function benjaminiHochberg(p: ReadonlyArray<number | null>): Array<number | null> {
  const tested: number[] = []; // indices into p of the non-null entries
  for (let i = 0; i < p.length; i++) {
    const value = p[i];
    if (value === null) continue;
    assertProbability(value, `p[${i}]`, 'benjaminiHochberg');
    tested.push(i);
  }
  const q: Array<number | null> = new Array<number | null>(p.length).fill(null);
  const m = tested.length;
  if (m === 0) return q;

  // Input indices ordered by p descending (stable sort; ties stay in input order, which does not
  // matter because tied p-values end up with the same q).
  const byDescendingP = tested.slice().sort((i, j) => (p[j] as number) - (p[i] as number));

  // Walk from the largest p down: position k in this order has ascending rank m − k. The running
  // minimum of p·m/rank is the step-up q for everything at or below the current p.
  let runningMin = 1;
  for (let k = 0; k < m; k++) {
    const index = byDescendingP[k];
    const rank = m - k;
    // p·(m/rank), not (p·m)/rank: m/rank ≥ 1 exactly, so rounding can never push q below p.
    const candidate = (p[index] as number) * (m / rank);
    if (candidate < runningMin) runningMin = candidate;
    q[index] = runningMin;
  }
  return q;
}
