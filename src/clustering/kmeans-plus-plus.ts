/** Weighted k-means++ seeding (Arthur & Vassilvitskii 2007), for any distance between points. */
import { pickWeighted, type Rng } from '../random.js';

export interface SeedingOptions {
  /** Centres wanted (at most n are chosen). */
  k: number;
  /** Per-point weights; the first centre is drawn ∝ weight. */
  weights: Float64Array;
  rng: Rng;
  /** Non-negative distance from point i to point j (e.g. squared Euclidean, or 1 − cosine). */
  distance: (i: number, j: number) => number;
  /**
   * When every point coincides with a chosen centre (all masses 0): `'stop'` returns fewer centres,
   * `'uniform'` keeps drawing uniformly until there are k.
   */
  whenCovered: 'stop' | 'uniform';
}

/**
 * Indices of the chosen centres among the n points: the first drawn ∝ weight, each next one ∝ weight ×
 * distance to the nearest centre chosen so far. One draw per centre.
 * @example
 * const distance = (i: number, j: number) => squaredDistance(data, i * dim, data, j * dim, dim);
 * seedPlusPlus(n, { k: 8, weights, rng, distance, whenCovered: 'stop' }); // e.g. [17, 402, 3, …]
 */
export function seedPlusPlus(n: number, options: SeedingOptions): number[] {
  const { k, weights, rng, distance } = options;
  const chosen = [pickWeighted(weights, n, rng)];
  const closest = new Float64Array(n).fill(Infinity);
  const mass = new Float64Array(n);
  while (chosen.length < Math.min(k, n)) {
    const last = chosen[chosen.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = distance(i, last);
      if (d < closest[i]) closest[i] = d;
      mass[i] = weights[i] * closest[i];
      total += mass[i];
    }
    if (options.whenCovered === 'stop' && total <= 0) break;
    chosen.push(pickWeighted(mass, n, rng));
  }
  return chosen;
}
