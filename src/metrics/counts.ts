/**
 * One pass over conversations into per-cluster confusion counts on typed arrays; parents are summed from
 * their children, so every level adds up to the same totals by construction.
 */
import type { Hierarchy } from '../clustering/hierarchy.js';

/** Slots per cluster in a counts array. */
export const STRIDE = 6;
export const TN = 0;
export const FP = 1;
export const FN = 2;
export const TP = 3;
/** Conversations with a verdict (labelled or not) and how many of them were flagged. */
export const VERDICTS = 4;
export const FLAGGED = 5;

/**
 * Counts per leaf cluster (k × STRIDE). A conversation enters the confusion cells only when it has both
 * a label and a verdict; it enters VERDICTS/FLAGGED whenever it has a verdict.
 */
export function leafCounts(leafOf: Int32Array, k: number, flagged: Int8Array, labels: Int8Array | null): Int32Array {
  const counts = new Int32Array(k * STRIDE);
  for (let i = 0; i < leafOf.length; i++) {
    const f = flagged[i];
    if (f < 0) continue;
    const base = leafOf[i] * STRIDE;
    counts[base + VERDICTS]++;
    counts[base + FLAGGED] += f;
    if (labels === null) continue;
    const label = labels[i];
    if (label < 0) continue;
    counts[base + label * 2 + f]++;
  }
  return counts;
}

/** Counts for every level: index 0 = leaves, then parents summed from children. */
export function countsByLevel(hierarchy: Hierarchy, flagged: Int8Array, labels: Int8Array | null): Int32Array[] {
  const levels = hierarchy.levels;
  const out: Int32Array[] = [leafCounts(hierarchy.leafOf, levels[0]?.k ?? 0, flagged, labels)];
  for (let l = 1; l < levels.length; l++) {
    const below = out[l - 1];
    const parentOf = levels[l - 1].parentOf as Int32Array;
    const counts = new Int32Array(levels[l].k * STRIDE);
    for (let c = 0; c < levels[l - 1].k; c++) {
      const from = c * STRIDE;
      const to = parentOf[c] * STRIDE;
      for (let s = 0; s < STRIDE; s++) counts[to + s] += below[from + s];
    }
    out.push(counts);
  }
  return out;
}

/** Column totals over clusters (the classifier's overall counts). */
export function totals(counts: Int32Array): Int32Array {
  const out = new Int32Array(STRIDE);
  for (let i = 0; i < counts.length; i++) out[i % STRIDE] += counts[i];
  return out;
}
