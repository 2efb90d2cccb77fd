/**
 * Helpers to lift per-leaf arrays to every level of the hierarchy: a leaf → cluster map per level, and
 * sums of fixed-width per-leaf rows into their ancestors (so every level adds up to the same totals).
 */
import type { Hierarchy } from '../clustering/hierarchy.js';

/**
 * For every level l, an array mapping a leaf index to its ancestor's index at level l
 * (level 0 is the identity).
 *
 * @example
 * leafToLevelMaps(h)[1][leaf]; // the parent cluster of `leaf`
 */
export function leafToLevelMaps(hierarchy: Hierarchy): Int32Array[] {
  const levels = hierarchy.levels;
  const k0 = levels[0]?.k ?? 0;
  const maps: Int32Array[] = [];
  if (levels.length === 0) return maps;
  const identity = new Int32Array(k0);
  for (let c = 0; c < k0; c++) identity[c] = c;
  maps.push(identity);
  for (let l = 1; l < levels.length; l++) {
    const parentOf = levels[l - 1].parentOf as Int32Array;
    const below = maps[l - 1];
    const map = new Int32Array(k0);
    for (let c = 0; c < k0; c++) map[c] = parentOf[below[c]];
    maps.push(map);
  }
  return maps;
}

/**
 * Sum per-leaf rows (`width` slots per leaf) into every level: index 0 is the input itself,
 * index l holds `levels[l].k × width` sums over each cluster's leaves.
 */
export function sumRowsByLevel<T extends Int32Array | Float64Array>(leafRows: T, width: number, hierarchy: Hierarchy): T[] {
  const out: T[] = [leafRows];
  const maps = leafToLevelMaps(hierarchy);
  for (let l = 1; l < hierarchy.levels.length; l++) {
    const rows = new (leafRows.constructor as new (n: number) => T)(hierarchy.levels[l].k * width);
    const map = maps[l];
    for (let leaf = 0; leaf < map.length; leaf++) {
      const from = leaf * width;
      const to = map[leaf] * width;
      for (let s = 0; s < width; s++) rows[to + s] += leafRows[from + s];
    }
    out.push(rows);
  }
  return out;
}

/** Column sums of `width`-slot rows. */
export function columnTotals(rows: Int32Array | Float64Array, width: number): Float64Array {
  const out = new Float64Array(width);
  for (let i = 0; i < rows.length; i++) out[i % width] += rows[i];
  return out;
}

