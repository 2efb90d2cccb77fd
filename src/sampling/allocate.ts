/** Split a labelling budget over strata: Neyman allocation with a floor and a ceiling per stratum. */

/**
 * n_h = min(N_h, max(floor_h, λ·N_h·S_h)) with λ chosen so that Σ n_h = budget — the allocation that
 * minimises Σ_h N_h²S_h²/n_h (the variance Neyman allocation minimises) under floor_h ≤ n_h ≤ N_h —
 * then rounded to whole numbers by largest remainder (ties to the earlier stratum). What the strata with
 * S_h > 0 cannot take (all of them full) is spread over the others in proportion to N_h.
 * Needs Σ floor_h ≤ budget; a budget of at least Σ N_h takes every unit.
 * @example
 * neymanAllocation([100, 100], [1, 3], [2, 2], 20); // Int32Array [5, 15]
 */
export function neymanAllocation(sizes: ArrayLike<number>, spreads: ArrayLike<number>, floors: ArrayLike<number>, budget: number): Int32Array {
  const count = sizes.length;
  let population = 0;
  let floorTotal = 0;
  for (let h = 0; h < count; h++) {
    if (!(floors[h] >= 0 && floors[h] <= sizes[h] && spreads[h] >= 0)) throw new RangeError(`neymanAllocation: stratum ${h} has floor ${floors[h]}, size ${sizes[h]}, spread ${spreads[h]}`);
    population += sizes[h];
    floorTotal += floors[h];
  }
  if (budget >= population) return Int32Array.from({ length: count }, (_, h) => sizes[h]);
  if (budget < floorTotal) throw new RangeError(`neymanAllocation: budget ${budget} is below the floors' ${floorTotal}`);
  const shares = new Float64Array(count);
  for (let h = 0; h < count; h++) shares[h] = sizes[h] * spreads[h];
  let exact = fill(sizes, shares, floors, budget);
  const spent = exact.reduce((a, b) => a + b, 0);
  if (spent < budget - 1e-9) {
    // Every stratum with S_h > 0 is full: spread the rest over the others by size.
    const rest = Float64Array.from({ length: count }, (_, h) => (shares[h] > 0 ? 0 : sizes[h]));
    exact = fill(sizes, rest, exact, budget);
  }
  return roundToBudget(exact, sizes, floors, budget);
}

/** min(N_h, max(low_h, λ·a_h)) with λ found by bisection so the sum reaches `budget` (or every a_h > 0 stratum is full). */
function fill(sizes: ArrayLike<number>, shares: Float64Array, low: ArrayLike<number>, budget: number): Float64Array {
  const count = sizes.length;
  const at = (lambda: number) => Float64Array.from({ length: count }, (_, h) => Math.min(sizes[h], Math.max(low[h], lambda * shares[h])));
  const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
  const full = Float64Array.from({ length: count }, (_, h) => (shares[h] > 0 ? sizes[h] : low[h]));
  if (sum(full) <= budget) return full;
  let lo = 0;
  let hi = 1;
  while (sum(at(hi)) < budget) {
    lo = hi;
    hi *= 2;
  }
  for (let step = 0; step < 100 && hi - lo > hi * 1e-15; step++) {
    const mid = (lo + hi) / 2;
    if (sum(at(mid)) < budget) lo = mid;
    else hi = mid;
  }
  return at(hi);
}

/** Whole numbers adding up to `budget`, each within [floor_h, N_h], nearest to `exact` by largest remainder. */
function roundToBudget(exact: Float64Array, sizes: ArrayLike<number>, floors: ArrayLike<number>, budget: number): Int32Array {
  const count = exact.length;
  const out = Int32Array.from({ length: count }, (_, h) => Math.max(floors[h], Math.min(sizes[h], Math.floor(exact[h] + 1e-9))));
  let total = out.reduce((a, b) => a + b, 0);
  const order = Array.from({ length: count }, (_, h) => h).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  while (total < budget) {
    const before = total;
    for (const h of order) {
      if (total >= budget) break;
      if (out[h] < sizes[h]) {
        out[h]++;
        total++;
      }
    }
    if (total === before) break;
  }
  while (total > budget) {
    const before = total;
    for (const h of [...order].reverse()) {
      if (total <= budget) break;
      if (out[h] > floors[h]) {
        out[h]--;
        total--;
      }
    }
    if (total === before) break;
  }
  return out;
}
