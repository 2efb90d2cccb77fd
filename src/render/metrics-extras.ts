/**
 * Optional parts of metrics.json: score metrics (AUC, threshold sweep, threshold moves), FNR per label
 * category, and proxy mode (no labels). Each is null when the run did not produce it — and also when
 * the file predates it — so the report shows nothing for it. Lookups by cluster id, built once.
 */
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { CategoryClusterMetrics, CategoryMetrics } from '../metrics/categories.js';
import type { ProxyClusterMetrics, ProxyMetrics } from '../metrics/proxy.js';
import type { ScoreClusterMetrics, ScoreMetrics } from '../metrics/scores.js';

export interface SweepPoint {
  threshold: number;
  fpr: number | null;
  fnr: number | null;
}

export interface CategoryRate {
  category: string;
  fnr: number | null;
  fn: number;
  positives: number;
}

/** The optional metrics of one classifier, indexed by cluster id. */
export interface ClassifierExtras {
  scores: ScoreMetrics | null;
  proxy: ProxyMetrics | null;
  categories: CategoryMetrics | null;
  scoreRows: ReadonlyMap<string, ScoreClusterMetrics>;
  proxyRows: ReadonlyMap<string, ProxyClusterMetrics>;
  categoryRows: ReadonlyMap<string, CategoryClusterMetrics>;
}

export function classifierExtras(c: ClassifierMetrics): ClassifierExtras {
  const scores = c.scores ?? null;
  const proxy = c.proxy ?? null;
  const categories = c.categories ?? null;
  const byId = <T extends { cluster_id: string }>(rows: readonly T[] | undefined) => new Map((rows ?? []).map((r) => [r.cluster_id, r]));
  return {
    scores,
    proxy,
    categories,
    scoreRows: byId(scores?.clusters),
    proxyRows: byId(proxy?.clusters),
    categoryRows: byId(categories?.clusters),
  };
}

/** The classifier's overall sweep (empty without scores). */
export function overallSweep(x: ClassifierExtras): SweepPoint[] {
  const sweep = x.scores?.sweep;
  if (!sweep) return [];
  return sweep.thresholds.map((threshold, i) => ({ threshold, fpr: sweep.fpr[i] ?? null, fnr: sweep.fnr[i] ?? null }));
}

/** A cluster's sweep (empty without scores, and above the levels that keep sweeps). */
export function clusterSweep(x: ClassifierExtras, id: string): SweepPoint[] {
  const row = x.scoreRows.get(id);
  const thresholds = x.scores?.sweep.thresholds;
  if (!row || !thresholds || !row.sweep_fpr || !row.sweep_fnr) return [];
  const fpr = row.sweep_fpr;
  const fnr = row.sweep_fnr;
  return thresholds.map((threshold, i) => ({ threshold, fpr: fpr[i] ?? null, fnr: fnr[i] ?? null }));
}

/** FNR per label category in one cluster (empty when labels carry no categories). */
export function clusterCategories(x: ClassifierExtras, id: string): CategoryRate[] {
  const row = x.categoryRows.get(id);
  const names = x.categories?.names;
  if (!row || !names) return [];
  return names.map((category, i) => ({ category, fnr: row.fnr[i] ?? null, fn: row.fn[i] ?? 0, positives: row.positives[i] ?? 0 })).filter((r) => r.positives > 0);
}

/** Pearson r of flag rate vs mean concern at a level (proxy mode), else null. */
export function proxyCorrelation(x: ClassifierExtras, level: number): number | null {
  return x.proxy?.correlation.find((c) => c.level === level)?.r ?? null;
}
