/**
 * Confusion counts of a labelled sample per leaf cluster and stratum, and their sums over any set of leaves
 * (a cluster of any level, or everything else): the per-stratum sums the design-based estimators need.
 */
import { FN, FP, TN, TP } from './counts.js';

/** Slots per stratum in a cell: tn, fp, fn, tp (the order of counts.ts). */
export const CELL = 4;

/** Per leaf cluster: stratum index → [tn, fp, fn, tp] of its labelled, drawn conversations with a verdict. */
export type LeafCells = Map<number, Int32Array>[];

/**
 * Sparse per-leaf, per-stratum confusion counts.
 * @example designCells(leafOf, 29, stratumOf, flagged, labels)[3].get(7); // Int32Array [tn, fp, fn, tp]
 */
export function designCells(leafOf: Int32Array, leaves: number, stratumOf: Int32Array, flagged: Int8Array, labels: Int8Array): LeafCells {
  const cells: LeafCells = Array.from({ length: leaves }, () => new Map());
  for (let i = 0; i < leafOf.length; i++) {
    const h = stratumOf[i];
    const f = flagged[i];
    const label = labels[i];
    if (h < 0 || f < 0 || label < 0) continue;
    const byStratum = cells[leafOf[i]];
    let cell = byStratum.get(h);
    if (!cell) {
      cell = new Int32Array(CELL);
      byStratum.set(h, cell);
    }
    cell[label * 2 + f]++;
  }
  return cells;
}

/**
 * The cells of `leaves` summed per stratum into a dense strata × CELL array.
 * @example sumCells(cells, [0, 4], strata)[h * CELL + FP]; // false positives of stratum h in leaves 0 and 4
 */
export function sumCells(cells: LeafCells, leaves: Iterable<number>, strata: number): Int32Array {
  const out = new Int32Array(strata * CELL);
  for (const leaf of leaves) {
    for (const [h, cell] of cells[leaf]) for (let s = 0; s < CELL; s++) out[h * CELL + s] += cell[s];
  }
  return out;
}

export { FN, FP, TN, TP };
