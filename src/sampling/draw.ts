/** Simple random samples without replacement inside each stratum, from one seeded stream. */
import type { Rng } from '../random.js';

/**
 * For each stratum, `counts[h]` of its members drawn uniformly without replacement (a partial
 * Fisher–Yates shuffle of a copy of the list), returned ascending. Strata are drawn in order from one
 * stream, so the same members, counts and stream give the same sample.
 * @example
 * drawWithinStrata([Int32Array.of(0, 1, 2, 3)], Int32Array.of(2), createRng(1)); // e.g. [Int32Array [1, 3]]
 */
export function drawWithinStrata(members: readonly Int32Array[], counts: Int32Array, rng: Rng): Int32Array[] {
  return members.map((list, h) => {
    const take = counts[h];
    if (!(take >= 0 && take <= list.length)) throw new RangeError(`drawWithinStrata: stratum ${h} has ${list.length} members, asked for ${take}`);
    const pool = Int32Array.from(list);
    for (let j = 0; j < take; j++) {
      const k = j + rng.int(pool.length - j);
      const swap = pool[j];
      pool[j] = pool[k];
      pool[k] = swap;
    }
    return pool.slice(0, take).sort();
  });
}
