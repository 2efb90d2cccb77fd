/**
 * The strata of a labelling sample: every leaf cluster split by one classifier's verdict, so that the
 * flagged conversations (where its false positives are) and the rest (where its misses are) are drawn
 * separately. Strata are listed leaf by leaf, flagged first; empty strata are left out.
 */

/** The verdict part of a stratum: flagged, not flagged, or no verdict from the classifier. */
export type StratumVerdict = 'flagged' | 'not-flagged' | 'no-verdict';

const VERDICTS: readonly StratumVerdict[] = ['flagged', 'not-flagged', 'no-verdict'];

export interface Strata {
  /** `L0-003/flagged`, `L0-003/not-flagged`, `L0-003/no-verdict`. */
  names: string[];
  /** Leaf cluster index of each stratum. */
  leaf: Int32Array;
  verdict: StratumVerdict[];
  /** Conversation indices of each stratum, ascending. */
  members: Int32Array[];
}

/**
 * The name of a stratum as sample.csv writes it.
 * @example stratumName('L0-003', 'flagged'); // 'L0-003/flagged'
 */
export function stratumName(leafId: string, verdict: StratumVerdict): string {
  return `${leafId}/${verdict}`;
}

/**
 * Leaf cluster × verdict strata of the conversations.
 * @example
 * buildStrata(Int32Array.of(0, 0, 1), ['L0-000', 'L0-001'], Int8Array.of(1, 0, 0)).names;
 * // ['L0-000/flagged', 'L0-000/not-flagged', 'L0-001/not-flagged']
 */
export function buildStrata(leafOf: Int32Array, leafIds: readonly string[], flagged: Int8Array): Strata {
  if (leafOf.length !== flagged.length) throw new RangeError(`buildStrata: ${leafOf.length} leaves but ${flagged.length} verdicts`);
  const slot = (i: number) => leafOf[i] * 3 + (flagged[i] === 1 ? 0 : flagged[i] === 0 ? 1 : 2);
  const sizes = new Int32Array(leafIds.length * 3);
  for (let i = 0; i < leafOf.length; i++) {
    if (!(leafOf[i] >= 0 && leafOf[i] < leafIds.length)) throw new RangeError(`buildStrata: conversation ${i} has no leaf cluster`);
    sizes[slot(i)]++;
  }
  const indexOfSlot = new Int32Array(sizes.length).fill(-1);
  const strata: Strata = { names: [], leaf: new Int32Array(0), verdict: [], members: [] };
  const leaves: number[] = [];
  for (let s = 0; s < sizes.length; s++) {
    if (sizes[s] === 0) continue;
    indexOfSlot[s] = strata.names.length;
    const leaf = Math.floor(s / 3);
    strata.names.push(stratumName(leafIds[leaf], VERDICTS[s % 3]));
    strata.verdict.push(VERDICTS[s % 3]);
    strata.members.push(new Int32Array(sizes[s]));
    leaves.push(leaf);
  }
  strata.leaf = Int32Array.from(leaves);
  const filled = new Int32Array(strata.names.length);
  for (let i = 0; i < leafOf.length; i++) {
    const h = indexOfSlot[slot(i)];
    strata.members[h][filled[h]++] = i;
  }
  return strata;
}
