/** The `metrics.json` artifact (schema misfire.metrics/v1). */
import type { ClassifierMetrics } from '../pipeline/metrics.js';
import type { AnalyzeResult } from './analyze.js';
import type { RunSettings } from './settings.js';

export const METRICS_SCHEMA = 'misfire.metrics/v1';

export interface MetricsDocument {
  schema: typeof METRICS_SCHEMA;
  labels_present: boolean;
  settings: { alpha: number; min_effect: number; min_support: number; confidence: number; correction: string; test: string };
  classifiers: ClassifierMetrics[];
}

export function metricsDocument(result: AnalyzeResult, settings: RunSettings): MetricsDocument {
  return {
    schema: METRICS_SCHEMA,
    labels_present: result.joined.labels !== null,
    settings: {
      alpha: settings.alpha,
      min_effect: settings.minEffect,
      min_support: settings.minSupport,
      confidence: 0.95,
      correction: 'benjamini-hochberg per classifier and level',
      test: 'one-sided Fisher exact (cluster vs rest)',
    },
    classifiers: result.metrics,
  };
}
