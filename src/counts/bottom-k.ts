/**
 * Distinct-count sketches that merge exactly: a bottom-k sketch keeps the k smallest distinct 53-bit hashes
 * of the values seen (here user ids, see hash.ts). The union of two sets' sketches, cut back to k, is the
 * sketch of the union of the sets, so per-leaf sketches give every parent cluster's and the run's distinct
 * users, and shards merge to exactly what one pass over all data gives. Below k distinct values the count
 * is exact (up to hash collisions, negligible at 53 bits); at k or more it is the estimate (k − 1) / h_k
 * with h_k the k-th smallest hash as a fraction of the hash space (relative error about 1/√k).
 */
import { HASH53_SPACE } from './hash.js';

/** Hashes kept per cluster: exact distinct-user counts up to 255, about 6 % error above. */
export const CLUSTER_SKETCH_SIZE = 256;
/** Hashes kept for the run's total distinct users (about 1.6 % error above 4,095). */
export const TOTAL_SKETCH_SIZE = 4096;

/**
 * A bottom-k sketch of distinct 53-bit hashes.
 * @example const users = new BottomK(CLUSTER_SKETCH_SIZE); users.add(hash53('u7')); users.count(); // 1
 */
export class BottomK {
  /** The kept hashes, ascending (never more than `k`). */
  readonly hashes: number[] = [];

  constructor(readonly k: number) {}

  /**
   * Offer one hash.
   * @example const s = new BottomK(4); s.add(7); s.add(7); s.count(); // 1
   */
  add(hash: number): void {
    const list = this.hashes;
    const n = list.length;
    if (n === this.k && hash >= list[n - 1]) return;
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid] < hash) low = mid + 1;
      else high = mid;
    }
    if (low < n && list[low] === hash) return;
    list.splice(low, 0, hash);
    if (list.length > this.k) list.pop();
  }

  /** Add every hash of another sketch (its k may differ; this one's k is kept). */
  addAll(other: BottomK | readonly number[]): void {
    for (const h of Array.isArray(other) ? other : (other as BottomK).hashes) this.add(h);
  }

  /**
   * Distinct values seen: exact below k, else the bottom-k estimate rounded to a whole number.
   * @example const s = new BottomK(256); ['a', 'b'].forEach((u, i) => s.add(i)); s.count(); // 2
   */
  count(): number {
    const n = this.hashes.length;
    if (n < this.k) return n;
    const fraction = (this.hashes[n - 1] + 1) / HASH53_SPACE;
    return Math.max(n, Math.round((this.k - 1) / fraction));
  }

  /** Whether count() is exact (fewer distinct values than k were seen). */
  get exact(): boolean {
    return this.hashes.length < this.k;
  }
}
