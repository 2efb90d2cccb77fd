/**
 * The whole metrics stage for every classifier: the per-cluster confusion statistics of confusion.ts, the
 * same per slice of every slicing dimension (slices.ts),
 * plus score metrics, category FNRs (labelled mode) or flag rate vs concern (proxy mode, no labels).
 * Pure and deterministic; the entry point for analyze() and for the benchmark.
 */
import type { Facets } from '../types.js';
import type { Hierarchy } from '../clustering/hierarchy.js';
import type { ClassifierVerdicts } from './join.js';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS, type ClassifierMetrics, type MetricsSettings } from './confusion.js';
import { categoryMetrics, encodeCategories } from './categories.js';
import { sumRowsByLevel } from './levels.js';
import { concernByLeaf, PROXY_NOTE, proxyMetrics } from './proxy.js';
import { scoreMetrics } from './scores.js';
import { sliceMetrics } from './slices.js';
import type { SliceDimension } from '../slicing/dimensions.js';
import { designWeights, type SampleDesign } from './design.js';
import { designClassifierMetrics } from './design-metrics.js';

export type MetricsMode = 'labelled' | 'proxy';

export interface MetricsInput {
  hierarchy: Hierarchy;
  classifiers: readonly ClassifierVerdicts[];
  /** 1 harmful, 0 benign, −1 unknown; null = no labels given (proxy mode). */
  labels: Int8Array | null;
  /** Label category per conversation (null entries = none); null when labels carry none. */
  categories?: readonly (string | null)[] | null;
  /** Concern 1–5 per conversation, NaN where unknown (see concernFromFacets); used in proxy mode. */
  concern?: Float64Array | null;
  settings?: MetricsSettings;
  /** Clusters whose text is withheld (their numbers still appear). */
  suppressedAt?: (level: number, index: number) => boolean;
  /** Slicing dimensions (metadata fields, language; src/slicing): each gets the clusters' statistics. */
  slices?: readonly SliceDimension[];
  /** The labelling sample the labels come from (`run --sample`): rates are then design-weighted (design-metrics.ts). */
  design?: SampleDesign | null;
}

export interface MetricsResult {
  mode: MetricsMode;
  /** Plain-words caveat for the report; null in labelled mode. */
  note: string | null;
  classifiers: ClassifierMetrics[];
}

/**
 * Metrics for every classifier, every cluster and level. O(n log n) per classifier with scores
 * (one radix sort), O(n) otherwise.
 *
 * @example
 * const { mode, classifiers } = computeMetrics({ hierarchy, classifiers: joined.classifiers, labels: joined.labels });
 */
export function computeMetrics(input: MetricsInput): MetricsResult {
  const { hierarchy, labels } = input;
  const settings = input.settings ?? DEFAULT_METRICS_SETTINGS;
  const suppressedAt = input.suppressedAt ?? (() => false);
  const mode: MetricsMode = labels === null ? 'proxy' : 'labelled';
  const codes = encodeCategories(input.categories ?? null, labels);
  const concernRows =
    mode === 'proxy'
      ? sumRowsByLevel(concernByLeaf(input.concern ?? null, hierarchy.leafOf, hierarchy.levels[0]?.k ?? 0), 2, hierarchy)
      : null;
  if (input.design && labels !== null) {
    const weights = designWeights(input.design, labels);
    const frame = { population: input.design.population, labelled: weights.labelled };
    const design = input.design;
    return { mode, note: null, classifiers: input.classifiers.map((verdicts) => designClassifierMetrics(hierarchy, verdicts, labels, design, frame, settings, suppressedAt)) };
  }
  const classifiers = input.classifiers.map((verdicts) => {
    const metrics = classifierMetrics(hierarchy, verdicts, labels, settings, suppressedAt);
    Object.assign(metrics, sliceMetrics(input.slices ?? [], verdicts, labels, settings, metrics.clusters));
    if (labels !== null) {
      metrics.scores = scoreMetrics(hierarchy, verdicts, labels);
      metrics.categories = codes ? categoryMetrics(hierarchy, verdicts.flagged, labels, codes) : null;
    } else if (concernRows) {
      metrics.proxy = proxyMetrics(hierarchy, verdicts, concernRows, settings);
    }
    return metrics;
  });
  return { mode, note: mode === 'proxy' ? PROXY_NOTE : null, classifiers };
}

/**
 * Concern per conversation from the facets (`facets[i].concern`, 1–5), NaN where absent; null when
 * no conversation has one.
 *
 * @example
 * concernFromFacets([{ concern: 4 }, {}] as Facets[]); // Float64Array [4, NaN]
 */
export function concernFromFacets(facets: readonly Facets[]): Float64Array | null {
  const out = new Float64Array(facets.length).fill(NaN);
  let any = false;
  facets.forEach((f, i) => {
    if (typeof f.concern === 'number' && Number.isFinite(f.concern)) {
      out[i] = f.concern;
      any = true;
    }
  });
  return any ? out : null;
}
