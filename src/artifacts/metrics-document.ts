/** The `metrics.json` artifact (schema misfire.metrics/v1); its shape, checked when it is read back, is in metrics-shape.ts. */
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { MetricsMode } from '../metrics/index.js';
import { HIGH_CONCERN_MIN, LOW_CONCERN_MAX, PROXY_NOTE } from '../metrics/proxy.js';
import { SWEEP_POINTS } from '../metrics/threshold.js';
import type { RunSettings } from '../types.js';
import type { SliceDimension, SliceDimensionRecord } from '../slicing/dimensions.js';
import type { MetricsDesignRecord } from './design-record.js';

export const METRICS_SCHEMA = 'misfire.metrics/v1';

export interface MetricsDocument {
  schema: typeof METRICS_SCHEMA;
  /** 'labelled' = error rates against human labels; 'proxy' = no labels, flag rate vs concern only. */
  mode: MetricsMode;
  /** Plain-words caveat (proxy mode), else null. */
  note: string | null;
  labels_present: boolean;
  settings: {
    alpha: number;
    min_effect: number;
    min_support: number;
    confidence: number;
    correction: string;
    test: string;
    sweep: string;
    proxy_rule: string;
  };
  classifiers: ClassifierMetrics[];
  /** The slicing dimensions (each classifier's `slices` hold their statistics). */
  slicing: MetricsSlicing;
  /** How the rates were estimated from a labelled sample (`run --sample`); absent otherwise. See design-record.ts. */
  design?: MetricsDesignRecord;
}

/** How the run sliced the conversations: which fields, chosen how, and every slice's definition. */
export interface MetricsSlicing {
  /** `slice-by`: the fields were named (--slice-by); `default`: the default rule chose them. */
  chosen_by: 'default' | 'slice-by';
  /** Each field also crossed with the clusters of the top level (--cross). */
  cross: boolean;
  correction: string;
  dimensions: SliceDimensionRecord[];
}

/** What metrics.json records of the analysis (an `AnalyzeResult` has both). */
export interface MetricsAnalysis {
  /** Null when no labels were given (proxy mode). */
  joined: { labels: unknown };
  metrics: ClassifierMetrics[];
  /** Slicing dimensions (none when absent). */
  slices?: readonly SliceDimension[];
  /** Set when the rates were estimated from a labelled sample (`metrics` is what metrics.json records of it). */
  design?: { metrics: MetricsDesignRecord } | null;
}

export function metricsDocument(result: MetricsAnalysis, settings: RunSettings): MetricsDocument {
  const labelled = result.joined.labels !== null;
  return {
    schema: METRICS_SCHEMA,
    mode: labelled ? 'labelled' : 'proxy',
    note: labelled ? null : PROXY_NOTE,
    labels_present: labelled,
    settings: {
      alpha: settings.alpha,
      min_effect: settings.minEffect,
      min_support: settings.minSupport,
      confidence: 0.95,
      correction: 'benjamini-hochberg per classifier and level',
      test: 'one-sided Fisher exact (cluster vs rest)',
      sweep: `${SWEEP_POINTS} thresholds (0..1 by 0.05 for scores in [0,1], else evenly spaced over the score range); threshold moves are one grid step`,
      proxy_rule: `false-positive candidate: flag rate ≥ overall + min_effect, one-sided Fisher q < alpha, ≥ min_support verdicts, mean concern ≤ ${LOW_CONCERN_MAX}; false-negative candidate: flag rate ≤ overall − min_effect, q < alpha, ≥ min_support verdicts, mean concern ≥ ${HIGH_CONCERN_MIN}`,
    },
    classifiers: result.metrics,
    slicing: {
      chosen_by: settings.sliceBy === null ? 'default' : 'slice-by',
      cross: settings.cross,
      correction: 'benjamini-hochberg per classifier, slicing dimension and rate; one-sided Fisher exact (slice vs rest)',
      dimensions: (result.slices ?? []).map((d) => d.record),
    },
    ...(result.design ? { design: result.design.metrics } : {}),
  };
}
