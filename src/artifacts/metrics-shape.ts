/** The shape of `metrics.json`: every number the report and the gate read back, checked field by field. */
import type { CategoryClusterMetrics, CategoryMetrics, CategoryRates } from '../metrics/categories.js';
import type { ClassifierMetrics, ClusterMetrics, GroupMetrics, OverallMetrics } from '../metrics/confusion.js';
import type { ClassifierErrorPockets, ErrorPocketMetrics, ErrorSearchMetrics } from '../metrics/error-pockets.js';
import type { ProxyClusterMetrics, ProxyMetrics } from '../metrics/proxy.js';
import type { ScoreClusterMetrics, ScoreMetrics, ShiftEntry, ThresholdMove } from '../metrics/scores.js';
import { slicesAgree } from './slices-agree.js';
import { aBoolean, aNumber, aString, aWholeNumber, listOf, objectOf, oneOf, orAbsent, orNull, pairOf, type FieldShapes, type Shape } from './json-shape.js';
import { classifierDesignShape, metricsDesignShape } from './design-record.js';
import { METRICS_SCHEMA, type MetricsDocument, type MetricsSlicing } from './metrics-document.js';
import type { SliceMetrics } from '../metrics/slices.js';
import type { SliceDimensionRecord, SliceRecord } from '../slicing/dimensions.js';

const rate = orNull(aNumber);
const interval = orNull(pairOf(aNumber));
const rates = listOf(rate);

const overallFields: FieldShapes<OverallMetrics> = {
  n: aWholeNumber,
  tp: aWholeNumber,
  fp: aWholeNumber,
  tn: aWholeNumber,
  fn: aWholeNumber,
  fpr: rate,
  fpr_ci: interval,
  fnr: rate,
  fnr_ci: interval,
  precision: rate,
  recall: rate,
  flag_rate: rate,
  prevalence: rate,
  verdicts: aWholeNumber,
  flagged: aWholeNumber,
};

const groupFields: FieldShapes<GroupMetrics> = {
  ...overallFields,
  fpr_p: rate,
  fpr_q: rate,
  excess_fp: rate,
  share_fp: rate,
  fnr_p: rate,
  fnr_q: rate,
  excess_fn: rate,
  share_fn: rate,
  pocket_fp: aBoolean,
  pocket_fn: aBoolean,
  suppressed: aBoolean,
};

const clusterMetrics = objectOf<ClusterMetrics>({ ...groupFields, cluster_id: aString, level: aWholeNumber });

const sliceMetrics = objectOf<SliceMetrics>({
  ...groupFields,
  slice_id: aString,
  dimension_id: aString,
  field: aString,
  value: orNull(aString),
  missing: aBoolean,
  cluster_id: orNull(aString),
});

const sliceRecord = objectOf<SliceRecord>({
  slice_id: aString,
  value: orNull(aString),
  missing: aBoolean,
  cluster_id: orNull(aString),
  size: aWholeNumber,
  unique_users: aWholeNumber,
  suppressed: aBoolean,
  suppression_reason: oneOf(['few_users', 'few_conversations', 'cluster_suppressed', null]),
});

const slicing = objectOf<MetricsSlicing>({
  chosen_by: oneOf(['default', 'slice-by']),
  cross: aBoolean,
  correction: aString,
  dimensions: listOf(
    objectOf<SliceDimensionRecord>({ dimension_id: aString, field: aString, source: oneOf(['metadata', 'facet']), cross_level: orNull(aWholeNumber), slices: listOf(sliceRecord) }),
  ),
});

const shiftEntry = objectOf<ShiftEntry>({ cluster_id: aString, level: aWholeNumber, d_fp: aNumber, d_fn: aNumber, d_errors: aNumber });

const thresholdMove = objectOf<ThresholdMove>({
  threshold: aNumber,
  d_fp: aNumber,
  d_fn: aNumber,
  fpr: rate,
  fnr: rate,
  gains: listOf(shiftEntry),
  losses: listOf(shiftEntry),
});

const scoreCluster = objectOf<ScoreClusterMetrics>({
  cluster_id: aString,
  level: aWholeNumber,
  scored: aWholeNumber,
  roc_auc: rate,
  pr_auc: rate,
  sweep_fpr: orNull(rates),
  sweep_fnr: orNull(rates),
  shift_down_fp: rate,
  shift_down_fn: rate,
  shift_up_fp: rate,
  shift_up_fn: rate,
});

const scoreMetrics = objectOf<ScoreMetrics>({
  scored: aWholeNumber,
  positives: aWholeNumber,
  negatives: aWholeNumber,
  roc_auc: rate,
  pr_auc: rate,
  operating_threshold: rate,
  threshold_source: oneOf(['configured', 'inferred', null]),
  sweep: objectOf<ScoreMetrics['sweep']>({ thresholds: listOf(aNumber), fpr: rates, fnr: rates, flag_rate: rates }),
  shift: orNull(objectOf<NonNullable<ScoreMetrics['shift']>>({ step: aNumber, down: thresholdMove, up: thresholdMove })),
  clusters: listOf(scoreCluster),
});

const proxyCluster = objectOf<ProxyClusterMetrics>({
  cluster_id: aString,
  level: aWholeNumber,
  verdicts: aWholeNumber,
  flagged: aWholeNumber,
  flag_rate: rate,
  flag_rate_ci: interval,
  excess_flags: rate,
  concern_n: aNumber,
  mean_concern: rate,
  over_flag_p: rate,
  over_flag_q: rate,
  under_flag_p: rate,
  under_flag_q: rate,
  candidate: oneOf(['false_positive', 'false_negative', null]),
});

const proxyMetrics = objectOf<ProxyMetrics>({
  note: aString,
  overall_flag_rate: rate,
  concern_n: aNumber,
  mean_concern: rate,
  correlation: listOf(objectOf<ProxyMetrics['correlation'][number]>({ level: aWholeNumber, r: rate, clusters: aWholeNumber })),
  candidates: objectOf<ProxyMetrics['candidates']>({ false_positive: listOf(aString), false_negative: listOf(aString) }),
  clusters: listOf(proxyCluster),
});

const categoryRateFields: FieldShapes<CategoryRates> = {
  positives: listOf(aWholeNumber),
  fn: listOf(aWholeNumber),
  fnr: rates,
  fnr_ci: listOf(interval),
};

const categoryMetrics = objectOf<CategoryMetrics>({
  names: listOf(aString),
  overall: objectOf<CategoryRates>(categoryRateFields),
  uncategorised_positives: aWholeNumber,
  clusters: listOf(objectOf<CategoryClusterMetrics>({ ...categoryRateFields, cluster_id: aString, level: aWholeNumber })),
});

const errorPocket = objectOf<ErrorPocketMetrics>({
  pocket_id: aString,
  kind: oneOf(['false_positive', 'false_negative']),
  label: orNull(aString),
  description: orNull(aString),
  terms: listOf(aString),
  suppressed: aBoolean,
  n: aWholeNumber,
  errors: aWholeNumber,
  rate,
  rate_ci: interval,
  overall_rate: rate,
  excess: rate,
  share: rate,
  users: aWholeNumber,
  p_search: aNumber,
  statistic: aNumber,
  leaves: listOf(objectOf<ErrorPocketMetrics['leaves'][number]>({ cluster_id: aString, n: aWholeNumber })),
});

const errorSearch = objectOf<ErrorSearchMetrics>({ pockets: listOf(errorPocket), searched: aWholeNumber, candidates: aWholeNumber, permutations: aWholeNumber });

const classifierMetrics = objectOf<ClassifierMetrics>({
  name: aString,
  threshold: orNull(aNumber),
  has_scores: aBoolean,
  overall: objectOf<OverallMetrics>(overallFields),
  clusters: listOf(clusterMetrics),
  pockets: objectOf<ClassifierMetrics['pockets']>({ false_positive: listOf(aString), false_negative: listOf(aString) }),
  scores: orNull(scoreMetrics),
  proxy: orNull(proxyMetrics),
  categories: orNull(categoryMetrics),
  error_pockets: orNull(objectOf<ClassifierErrorPockets>({ false_positive: errorSearch, false_negative: errorSearch })),
  slices: listOf(sliceMetrics),
  slice_pockets: objectOf<ClassifierMetrics['slice_pockets']>({ false_positive: listOf(aString), false_negative: listOf(aString) }),
  design: orAbsent(classifierDesignShape),
});

const metricsDocumentFields: Shape<MetricsDocument> = objectOf<MetricsDocument>({
  schema: oneOf([METRICS_SCHEMA]),
  mode: oneOf(['labelled', 'proxy']),
  note: orNull(aString),
  labels_present: aBoolean,
  settings: objectOf<MetricsDocument['settings']>({
    alpha: aNumber,
    min_effect: aNumber,
    min_support: aWholeNumber,
    confidence: aNumber,
    correction: aString,
    test: aString,
    sweep: aString,
    proxy_rule: aString,
  }),
  classifiers: listOf(classifierMetrics),
  slicing,
  design: orAbsent(metricsDesignShape),
});

/** The shape of metrics.json, and each classifier's slices agreeing with the slicing dimensions (slices-agree.ts). */
export const metricsDocumentShape: Shape<MetricsDocument> = (value) => slicesAgree(metricsDocumentFields(value));
