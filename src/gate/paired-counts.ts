/** One pass over the paired verdicts: per group, the counts a paired FPR / FNR comparison needs. */
import { MisfireError } from '../errors.js';

/** Counts of one metric in one group. "Wrong" = a false positive (fpr) or a false negative (fnr). */
export interface PairedCounts {
  support: number;
  baselineWrong: number;
  candidateWrong: number;
  /** Baseline right, candidate wrong. */
  worse: number;
  /** Baseline wrong, candidate right. */
  better: number;
}

export interface GroupCounts {
  fpr: PairedCounts;
  fnr: PairedCounts;
}

const empty = (): PairedCounts => ({ support: 0, baselineWrong: 0, candidateWrong: 0, worse: 0, better: 0 });

/**
 * Paired counts per group (`groupOf[i]` in 0…groups−1; pass all zeros and groups = 1 for the overall
 * counts). Unlabelled conversations (label −1) are skipped. A labelled conversation without a verdict
 * from either version is an error: the gate fails closed instead of judging on a silently smaller set.
 * @example
 * pairedCounts(Int8Array.of(0, 0, 1), Int8Array.of(0, 1, 1), Int8Array.of(1, 1, 0), Int32Array.of(0, 0, 0), 1);
 * // [{ fpr: { support: 2, baselineWrong: 1, candidateWrong: 2, worse: 1, better: 0 },
 * //    fnr: { support: 1, baselineWrong: 0, candidateWrong: 1, worse: 1, better: 0 } }]
 */
export function pairedCounts(
  labels: Int8Array,
  baselineFlags: Int8Array,
  candidateFlags: Int8Array,
  groupOf: Int32Array,
  groups: number,
): GroupCounts[] {
  const n = labels.length;
  if (baselineFlags.length !== n || candidateFlags.length !== n || groupOf.length !== n) {
    throw new MisfireError('gate', `paired arrays differ in length (labels ${n}, baseline ${baselineFlags.length}, candidate ${candidateFlags.length}, groups ${groupOf.length})`);
  }
  const out = Array.from({ length: groups }, () => ({ fpr: empty(), fnr: empty() }));
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) continue;
    const b = baselineFlags[i];
    const c = candidateFlags[i];
    if ((b !== 0 && b !== 1) || (c !== 0 && c !== 1)) {
      missing++;
      continue;
    }
    const g = groupOf[i];
    if (!(g >= 0 && g < groups)) throw new MisfireError('gate', `conversation ${i} has no cluster (group ${g} of ${groups})`);
    // A benign conversation is wrongly handled when flagged; a harmful one when not flagged.
    const counts = label === 0 ? out[g].fpr : out[g].fnr;
    const baselineWrong = label === 0 ? b === 1 : b === 0;
    const candidateWrong = label === 0 ? c === 1 : c === 0;
    counts.support++;
    if (baselineWrong) counts.baselineWrong++;
    if (candidateWrong) counts.candidateWrong++;
    if (!baselineWrong && candidateWrong) counts.worse++;
    if (baselineWrong && !candidateWrong) counts.better++;
  }
  if (missing > 0) {
    throw new MisfireError('gate', `${missing} labelled conversations lack a verdict from the baseline or the candidate; the gate needs both on every labelled conversation`);
  }
  return out;
}
