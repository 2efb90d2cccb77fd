/**
 * Every statistic of metrics.json from a count table, through the same functions src/metrics applies to
 * per-conversation counts: per-cluster confusion counts, Wilson intervals, Fisher tests and BH (confusion.ts),
 * category FNRs (categories.ts), flag rate vs concern (proxy.ts), and the score metrics from binned scores
 * (score-metrics.ts). What differs from a run over conversations in memory: the score metrics are computed
 * from bins (equal for scores in [0, 1] with at most four decimals), and there is no search for pockets
 * among the errors (`error_pockets` is null: it needs every error's embedding).
 */
import type { Hierarchy } from '../clustering/hierarchy.js';
import { categoryMetricsFromRows } from '../metrics/categories.js';
import { classifierMetricsFromCounts, DEFAULT_METRICS_SETTINGS, type ClassifierMetrics, type MetricsSettings } from '../metrics/confusion.js';
import { STRIDE } from '../metrics/counts.js';
import type { MetricsResult } from '../metrics/index.js';
import { sumRowsByLevel } from '../metrics/levels.js';
import { PROXY_NOTE, proxyMetricsFromCounts } from '../metrics/proxy.js';
import { scoreMetricsFromCounts } from './score-metrics.js';
import type { ClassifierCounts, CountTable } from './table.js';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Metrics of every classifier (sorted by name) for every cluster of every level of `hierarchy`, whose
 * leaves are the table's leaves (its `leafOf` is not read).
 * @example
 * const { classifiers } = metricsFromCounts(table, hierarchy, { settings, suppressedAt });
 */
export function metricsFromCounts(
  table: CountTable,
  hierarchy: Hierarchy,
  options: { settings?: MetricsSettings; suppressedAt?: (level: number, index: number) => boolean } = {},
): MetricsResult {
  const settings = options.settings ?? DEFAULT_METRICS_SETTINGS;
  const suppressedAt = options.suppressedAt ?? (() => false);
  if ((hierarchy.levels[0]?.k ?? 0) !== table.leaves) throw new RangeError(`the hierarchy has ${hierarchy.levels[0]?.k ?? 0} leaves, the count table ${table.leaves}`);
  const mode = table.labelled ? 'labelled' : 'proxy';
  const categoryNames = [...table.categoryNames].sort(byName);
  const concernRows = mode === 'proxy' ? sumRowsByLevel(Float64Array.from(table.concern), 2, hierarchy) : null;
  const classifiers = [...table.classifiers.values()]
    .sort((a, b) => byName(a.name, b.name))
    .map((counts): ClassifierMetrics => {
      const perLevel = sumRowsByLevel(counts.cells, STRIDE, hierarchy);
      const metrics = classifierMetricsFromCounts(hierarchy, counts, perLevel, settings, suppressedAt);
      if (table.labelled) {
        metrics.scores = scoreMetricsFromCounts(hierarchy, counts, table.leaves);
        metrics.categories = categoryNames.length ? categoryMetricsFromRows(hierarchy, categoryNames, categoryRows(counts, categoryNames, table.leaves), counts.uncategorised) : null;
      } else if (concernRows) {
        metrics.proxy = proxyMetricsFromCounts(hierarchy, perLevel, concernRows, settings);
      }
      return metrics;
    });
  return { mode, note: mode === 'proxy' ? PROXY_NOTE : null, classifiers };
}

function categoryRows(counts: ClassifierCounts, names: readonly string[], leaves: number): Int32Array {
  const width = names.length * 2;
  const rows = new Int32Array(leaves * width);
  names.forEach((name, j) => {
    const of = counts.categories.get(name);
    if (!of) return;
    for (let leaf = 0; leaf < leaves; leaf++) {
      rows[leaf * width + j * 2] = of[leaf * 2];
      rows[leaf * width + j * 2 + 1] = of[leaf * 2 + 1];
    }
  });
  return rows;
}

/**
 * A hierarchy over count tables: the levels' sizes, parents and centroids, with no conversations
 * (`leafOf` empty). Sizes are the conversations the table counted per cluster.
 * @example const h = hierarchyForCounts(parentsByLevel, table.conversations, centroids, dim);
 */
export function hierarchyForCounts(parents: readonly (Int32Array | null)[], ks: readonly number[], leafSizes: Int32Array, leafCentroids: Float32Array, dim: number): Hierarchy {
  const levels = ks.map((k, level) => ({
    level,
    k,
    centroids: level === 0 ? leafCentroids : new Float32Array(k * dim),
    sizes: level === 0 ? Int32Array.from(leafSizes) : new Int32Array(k),
    parentOf: parents[level] ?? null,
  }));
  const hierarchy: Hierarchy = { dim, levels, leafOf: new Int32Array(0) };
  const sizes = sumRowsByLevel(Int32Array.from(leafSizes), 1, hierarchy);
  levels.forEach((level, l) => level.sizes.set(sizes[l]));
  return hierarchy;
}
