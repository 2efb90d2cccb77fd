/**
 * What metrics.json and run.json record when the rates were estimated from a labelled sample (`misfire run
 * --sample`): the shapes the reader checks them against, and the check that the two files and every
 * classifier agree on it. Runs without a sample carry none of these keys.
 */
import { inputError } from '../errors.js';
import type { ClassifierDesignMetrics, DesignClusterRates, DesignRates } from '../metrics/design-metrics.js';
import type { DesignWeights, SampleDesign } from '../metrics/design.js';
import { aNumber, aString, aWholeNumber, listOf, objectOf, oneOf, orNull, type FieldShapes } from './json-shape.js';
import type { MetricsDocument } from './metrics-document.js';
import type { RunRecord } from './run-record.js';

/** metrics.json `design`: how the rates were estimated. */
export interface MetricsDesignRecord {
  kind: 'stratified-sample';
  /** The estimator, interval and test, in words (the report's methods say the same). */
  estimator: string;
  interval: string;
  test: string;
  support: string;
  /** Strata of sample.csv, conversations drawn, drawn with a label, and conversations the strata cover. */
  strata: number;
  drawn: number;
  labelled: number;
  population: number;
  /** Strata with drawn conversations but no label: left out of every estimate. */
  unrepresented_strata: string[];
}

/** run.json `sample`: the sample's counts (its file is `inputs.sample`). */
export interface RunSampleRecord {
  strata: number;
  drawn: number;
  labelled: number;
  /** Drawn conversations without a usable label (treated as missing at random within their stratum). */
  unlabelled: number;
  population: number;
}

export const DESIGN_ESTIMATOR =
  'stratified ratio estimators with design weights N_h/m_h (N_h conversations in stratum h, m_h of them drawn and labelled): FPR = Σ w·fp / Σ w·(fp + tn), FNR = Σ w·fn / Σ w·(fn + tp)';
export const DESIGN_INTERVAL =
  'Wilson 95 % at the effective sample size n_eff = min(n, X̂, r(1 − r)/V), n the labelled conversations of the cluster, X̂ the estimated denominator, V the Taylor-linearised variance of the ratio within strata with the finite population correction (Kish n_eff when V = 0 or r is 0 or 1)';
export const DESIGN_TEST = 'one-sided Fisher exact (cluster vs rest) on effective counts (rate × n_eff, rounded)';
export const DESIGN_SUPPORT = 'pocket support: the lower end of the 95 % interval of the estimated benign (FPR) or harmful (FNR) conversations in the cluster, X̂ − 1.96·√V(X̂)';

const rateFields: FieldShapes<DesignRates> = {
  est_tp: aNumber,
  est_fp: aNumber,
  est_tn: aNumber,
  est_fn: aNumber,
  fpr_n_eff: orNull(aNumber),
  fnr_n_eff: orNull(aNumber),
};

export const classifierDesignShape = objectOf<ClassifierDesignMetrics>({
  overall: objectOf<DesignRates>(rateFields),
  clusters: listOf(objectOf<DesignClusterRates>({ ...rateFields, cluster_id: aString, level: aWholeNumber })),
});

export const metricsDesignShape = objectOf<MetricsDesignRecord>({
  kind: oneOf(['stratified-sample']),
  estimator: aString,
  interval: aString,
  test: aString,
  support: aString,
  strata: aWholeNumber,
  drawn: aWholeNumber,
  labelled: aWholeNumber,
  population: aWholeNumber,
  unrepresented_strata: listOf(aString),
});

export const runSampleShape = objectOf<RunSampleRecord>({
  strata: aWholeNumber,
  drawn: aWholeNumber,
  labelled: aWholeNumber,
  unlabelled: aWholeNumber,
  population: aWholeNumber,
});

/**
 * metrics.json and run.json must agree on whether the rates come from a sample, and in a sampled run every
 * classifier carries its design estimates, one per cluster, in the clusters' order.
 * @example assertDesignAgrees(run, metrics, 'reports/v7/metrics.json'); // throws on a mismatch
 */
export function assertDesignAgrees(run: RunRecord, metrics: MetricsDocument, file: string): void {
  const sampled = run.inputs.sample !== undefined && run.inputs.sample !== null;
  const fail = (message: string, field: string) => {
    throw inputError(`mismatched run: ${message}`, { file, field });
  };
  if (sampled !== (metrics.design !== undefined)) {
    fail(sampled ? 'run.json names a sample but metrics.json has no "design"' : 'metrics.json has a "design" but run.json names no sample', 'design');
  }
  if (sampled !== (run.sample !== undefined)) fail('run.json has inputs.sample without "sample" counts, or the reverse', 'design');
  metrics.classifiers.forEach((c, i) => {
    if (sampled !== (c.design !== undefined)) fail(`classifier "${c.name}" ${sampled ? 'has no' : 'has'} design estimates`, `classifiers[${i}].design`);
    if (!c.design) return;
    if (c.design.clusters.length !== c.clusters.length) fail(`classifier "${c.name}" has ${c.design.clusters.length} design rows for ${c.clusters.length} clusters`, `classifiers[${i}].design.clusters`);
    c.design.clusters.forEach((row, j) => {
      if (row.cluster_id !== c.clusters[j].cluster_id) fail(`design row ${j} is "${row.cluster_id}", the cluster there is "${c.clusters[j].cluster_id}"`, `classifiers[${i}].design.clusters[${j}].cluster_id`);
    });
  });
}

/**
 * The metrics.json `design` and run.json `sample` records of a sample and its weights.
 * @example designRecords(design, weights).metrics.labelled; // drawn conversations with a label
 */
export function designRecords(design: SampleDesign, weights: DesignWeights): { metrics: MetricsDesignRecord; run: RunSampleRecord } {
  const drawn = design.drawn.reduce((a, b) => a + b, 0);
  const labelled = weights.labelled.reduce((a, b) => a + b, 0);
  const population = design.population.reduce((a, b) => a + b, 0);
  return {
    metrics: {
      kind: 'stratified-sample',
      estimator: DESIGN_ESTIMATOR,
      interval: DESIGN_INTERVAL,
      test: DESIGN_TEST,
      support: DESIGN_SUPPORT,
      strata: design.strata.length,
      drawn,
      labelled,
      population,
      unrepresented_strata: weights.unrepresented.map((h) => design.strata[h]),
    },
    run: { strata: design.strata.length, drawn, labelled, unlabelled: drawn - labelled, population },
  };
}
