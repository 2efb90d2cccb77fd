/**
 * A compact id → slot table for joins over millions of conversations: open addressing (linear probing)
 * on the ids' 64-bit hashes (see hash.ts), about 12 bytes per slot at a load of at most 0.7, instead of a
 * JavaScript Map of strings (≈ 100 bytes per id). Slots are numbered 0, 1, 2, … in insertion order.
 *
 * Two different ids with the same 64-bit hash would share a slot. Among 10 million distinct ids the chance
 * that any two collide is about 3 in a million (n² / 2^65); misfire accepts that in exchange for not
 * holding every id in memory.
 */
import { hashHigh, hashLow } from './hash.js';

const EMPTY = -1;
const MAX_LOAD = 0.7;

/**
 * @example
 * const ids = new IdTable();
 * ids.insert('c1'); // { slot: 0, added: true }
 * ids.find('c1'); // 0
 */
export class IdTable {
  private high: Uint32Array;
  private low: Uint32Array;
  private slotAt: Int32Array;
  private mask: number;
  /** Ids in the table. */
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.slotAt = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  /**
   * The slot of `id`, or −1 when it is not in the table.
   * @example new IdTable().find('c1'); // -1
   */
  find(id: string): number {
    const hi = hashHigh(id);
    const lo = hashLow(id);
    for (let at = (hi ^ lo) & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slotAt[at];
      if (slot === EMPTY) return -1;
      if (this.high[at] === hi && this.low[at] === lo) return slot;
    }
  }

  /**
   * The slot of `id`, added with the next slot number when absent; `added` says which.
   * @example const t = new IdTable(); t.insert('c1'); // { slot: 0, added: true }
   */
  insert(id: string): { slot: number; added: boolean } {
    const hi = hashHigh(id);
    const lo = hashLow(id);
    let at = (hi ^ lo) & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const slot = this.slotAt[at];
      if (slot === EMPTY) break;
      if (this.high[at] === hi && this.low[at] === lo) return { slot, added: false };
    }
    const slot = this.size++;
    this.high[at] = hi;
    this.low[at] = lo;
    this.slotAt[at] = slot;
    if (this.size > this.slotAt.length * MAX_LOAD) this.grow();
    return { slot, added: true };
  }

  /** Bytes held by the table (for the benchmark's memory accounting). */
  get bytes(): number {
    return this.slotAt.length * 12;
  }

  private grow(): void {
    const { high, low, slotAt } = this;
    const capacity = slotAt.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.slotAt = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < slotAt.length; i++) {
      if (slotAt[i] === EMPTY) continue;
      let at = (high[i] ^ low[i]) & this.mask;
      while (this.slotAt[at] !== EMPTY) at = (at + 1) & this.mask;
      this.high[at] = high[i];
      this.low[at] = low[i];
      this.slotAt[at] = slotAt[i];
    }
  }
}
