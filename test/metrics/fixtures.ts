/** Small hand-built hierarchies, verdicts and labels for the metrics tests. */
import type { Hierarchy } from '../../src/clustering/hierarchy.js';
import type { ClassifierVerdicts } from '../../src/metrics/join.js';

/**
 * A hierarchy from leaf memberships and, per level above the leaves, a child → parent array.
 * Centroids are empty (metrics never read them).
 */
export function hierarchyOf(leafOf: ArrayLike<number>, leafCount: number, parentOfs: number[][] = []): Hierarchy {
  const ks = [leafCount];
  for (const parentOf of parentOfs) ks.push(parentOf.length === 0 ? 1 : Math.max(...parentOf) + 1);
  const sizes = ks.map((k) => new Int32Array(k));
  const leaves = Int32Array.from(leafOf);
  for (const leaf of leaves) sizes[0][leaf]++;
  parentOfs.forEach((parentOf, l) => parentOf.forEach((p, c) => (sizes[l + 1][p] += sizes[l][c])));
  return {
    dim: 0,
    leafOf: leaves,
    levels: ks.map((k, l) => ({
      level: l,
      k,
      centroids: new Float32Array(0),
      sizes: sizes[l],
      parentOf: l < parentOfs.length ? Int32Array.from(parentOfs[l]) : null,
    })),
  };
}

/** Leaf counts as [tn, fp, fn, tp] → conversations (leaf, label, flagged), leaf by leaf. */
export function conversationsFromCounts(counts: ReadonlyArray<readonly [number, number, number, number]>): {
  leafOf: Int32Array;
  labels: Int8Array;
  flagged: Int8Array;
} {
  const leafOf: number[] = [];
  const labels: number[] = [];
  const flagged: number[] = [];
  counts.forEach(([tn, fp, fn, tp], leaf) => {
    const cells: [number, number, number][] = [
      [tn, 0, 0],
      [fp, 0, 1],
      [fn, 1, 0],
      [tp, 1, 1],
    ];
    for (const [count, label, flag] of cells) {
      for (let i = 0; i < count; i++) {
        leafOf.push(leaf);
        labels.push(label);
        flagged.push(flag);
      }
    }
  });
  return { leafOf: Int32Array.from(leafOf), labels: Int8Array.from(labels), flagged: Int8Array.from(flagged) };
}

export function verdictsOf(name: string, flagged: ArrayLike<number>, score?: ArrayLike<number>, threshold: number | null = null): ClassifierVerdicts {
  const flags = Int8Array.from(flagged);
  let missing = 0;
  for (const f of flags) if (f < 0) missing++;
  const scores = score ? Float64Array.from(score) : new Float64Array(flags.length).fill(NaN);
  return { name, flagged: flags, score: scores, hasScores: score !== undefined && scores.some((s) => !Number.isNaN(s)), threshold, missing };
}

/** Every number in a JSON-able value, with its path (to check for NaN / Infinity). */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(value)) return nonFiniteNumbers(Array.from(value as unknown as ArrayLike<number>), path);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  return [];
}
