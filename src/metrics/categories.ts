/**
 * False-negative rate per harm category per cluster, when labels carry a `category`: among the
 * positives of that category in the cluster (with a verdict), how many the classifier missed, with a
 * Wilson 95 % interval. Arrays are aligned with `names`; clusters with no categorised positive are left out.
 */
import { ratio, wilsonInterval } from '../stats/index.js';
import { clusterId, type Hierarchy } from '../clustering/hierarchy.js';
import { sumRowsByLevel } from './levels.js';
import type { Interval } from './confusion.js';

export interface CategoryCodes {
  /** Distinct categories of positive labels, sorted. */
  names: string[];
  /** Conversation → index into names, −1 when it is not a categorised positive. */
  code: Int32Array;
}

export interface CategoryRates {
  positives: number[];
  fn: number[];
  fnr: (number | null)[];
  fnr_ci: Interval[];
}

export interface CategoryClusterMetrics extends CategoryRates {
  cluster_id: string;
  level: number;
}

export interface CategoryMetrics {
  names: string[];
  overall: CategoryRates;
  /** Positives with a verdict but no category (not in any column). */
  uncategorised_positives: number;
  clusters: CategoryClusterMetrics[];
}

/**
 * Encode the categories of positive labels (label 1); null when no positive has a category.
 *
 * @example
 * encodeCategories(['hate', null, 'hate'], Int8Array.of(1, 0, 0)); // { names: ['hate'], code: [0, -1, -1] }
 */
export function encodeCategories(categories: readonly (string | null)[] | null, labels: Int8Array | null): CategoryCodes | null {
  if (!categories || !labels) return null;
  const distinct = new Set<string>();
  for (let i = 0; i < labels.length; i++) {
    const name = categories[i];
    if (labels[i] === 1 && name !== null && name !== '') distinct.add(name);
  }
  if (distinct.size === 0) return null;
  const names = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(names.map((name, i) => [name, i]));
  const code = new Int32Array(labels.length).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const name = categories[i];
    if (labels[i] === 1 && name !== null && name !== '') code[i] = index.get(name) as number;
  }
  return { names, code };
}

/** Category FNRs of one classifier for every cluster of every level. */
export function categoryMetrics(hierarchy: Hierarchy, flagged: Int8Array, labels: Int8Array, codes: CategoryCodes): CategoryMetrics {
  const width = codes.names.length * 2;
  const k0 = hierarchy.levels[0]?.k ?? 0;
  const leafRows = new Int32Array(k0 * width);
  const leafOf = hierarchy.leafOf;
  let uncategorised = 0;
  for (let i = 0; i < leafOf.length; i++) {
    const f = flagged[i];
    if (labels[i] !== 1 || f < 0) continue;
    const c = codes.code[i];
    if (c < 0) {
      uncategorised++;
      continue;
    }
    const base = leafOf[i] * width + c * 2;
    leafRows[base]++;
    if (f === 0) leafRows[base + 1]++;
  }
  return categoryMetricsFromRows(hierarchy, codes.names, leafRows, uncategorised);
}

/**
 * {@link categoryMetrics} from per-leaf rows: `names.length` pairs (positives with a verdict, of them
 * missed) per leaf, and the positives with a verdict but no category.
 */
export function categoryMetricsFromRows(hierarchy: Hierarchy, names: string[], leafRows: Int32Array, uncategorised: number): CategoryMetrics {
  const width = names.length * 2;
  const byLevel = sumRowsByLevel(leafRows, width, hierarchy);
  const overallRow = new Int32Array(width);
  for (let j = 0; j < leafRows.length; j++) overallRow[j % width] += leafRows[j];
  const clusters: CategoryClusterMetrics[] = [];
  byLevel.forEach((rows, l) => {
    for (let c = 0; c < (hierarchy.levels[l]?.k ?? 0); c++) {
      const rates = ratesOf(rows, c * width, names.length);
      if (rates.positives.some((p) => p > 0)) clusters.push({ cluster_id: clusterId(l, c), level: l, ...rates });
    }
  });
  return { names, overall: ratesOf(overallRow, 0, names.length), uncategorised_positives: uncategorised, clusters };
}

function ratesOf(rows: Int32Array, offset: number, count: number): CategoryRates {
  const out: CategoryRates = { positives: [], fn: [], fnr: [], fnr_ci: [] };
  for (let j = 0; j < count; j++) {
    const positives = rows[offset + j * 2];
    const fn = rows[offset + j * 2 + 1];
    out.positives.push(positives);
    out.fn.push(fn);
    out.fnr.push(ratio(fn, positives));
    out.fnr_ci.push(wilsonInterval(fn, positives));
  }
  return out;
}
