/**
 * `misfire sample` as a library call: read a run folder (its clusters, and the verdicts and labels recorded
 * in run.json), plan a labelling sample for one classifier (src/sampling) and write sample.csv.
 */
import { MisfireError } from '../errors.js';
import { joinVerdictsAndLabels } from '../metrics/join.js';
import { planSample, validateSampleSettings, type SamplePlan } from '../sampling/index.js';
import { writeSampleFile, assertSampleOutput } from '../artifacts/sample-output.js';
import type { SampleRow } from '../artifacts/sample-file.js';
import { loadStoredRun, locateRunInput, readRunLabels, readRunVerdicts, type StoredRun } from './gate-run-files.js';
import { thresholdsByClassifier } from './settings.js';

export interface SampleOptions {
  /** The run folder (`misfire run --out`). */
  run: string;
  /** Conversations to label. */
  budget: number;
  /** The classifier whose verdicts split each leaf cluster into strata. */
  classifier: string;
  /** Default: the run's seed. */
  seed?: number;
  /** Where to write the sample (default sample.csv). */
  out?: string;
  minPerStratum?: number;
  fnCost?: number;
}

export interface SampleOutcome {
  file: string;
  plan: SamplePlan;
  conversations: number;
  seed: number;
  /** True when the run had labels, which set each stratum's plausible error share. */
  usedLabels: boolean;
  /** The run folder's record of its inputs, for the command that uses the sample. */
  stored: StoredRun;
}

export const DEFAULT_SAMPLE_FILE = 'sample.csv';

/**
 * Plan and write a labelling sample for a run.
 * @example
 * const { plan } = await sampleRun({ run: 'reports/prod', budget: 500, classifier: 'v7' });
 * plan.picks.length; // 500
 */
export async function sampleRun(options: SampleOptions): Promise<SampleOutcome> {
  validateSampleSettings(options);
  const out = options.out ?? DEFAULT_SAMPLE_FILE;
  const stored = await loadStoredRun(options.run);
  const known = stored.run.rows.classifiers;
  if (!known.includes(options.classifier)) {
    throw new MisfireError('config', `unknown classifier "${options.classifier}": the run has ${known.map((n) => `"${n}"`).join(', ') || '(none)'}`);
  }
  const recorded = [...stored.run.inputs.verdicts, ...(stored.run.inputs.labels ? [stored.run.inputs.labels] : [])];
  const protect = { runDir: stored.dir, inputs: recorded.map((record) => locateRunInput(stored, record)) };
  await assertSampleOutput(out, protect);
  const ids = stored.conversationIds;
  const verdicts = await readRunVerdicts(stored);
  const own = verdicts.rows.filter((row) => row.classifier === options.classifier);
  const join = { threshold: stored.run.settings.threshold, thresholds: thresholdsByClassifier(stored.run.settings.thresholds) };
  const flagged = joinVerdictsAndLabels(ids, own, null, join).classifiers[0]?.flagged ?? new Int8Array(ids.length).fill(-1);
  const labels = stored.run.inputs.labels ? joinVerdictsAndLabels(ids, [], (await readRunLabels(stored)).rows).labels : null;
  const leaves = stored.clusters.filter((c) => c.level === 0).map((c) => c.cluster_id);
  const leafIndex = new Map(leaves.map((id, i) => [id, i]));
  const leafOf = Int32Array.from(stored.leafIds, (id) => leafIndex.get(id) as number);
  const seed = options.seed ?? stored.run.seed;
  const plan = planSample({ leafOf, leafIds: leaves, flagged, labels, budget: options.budget, seed, minPerStratum: options.minPerStratum, fnCost: options.fnCost });
  const rows: SampleRow[] = plan.picks.map(({ index, stratum }) => ({
    conversationId: ids[index],
    stratum: plan.strata[stratum].name,
    inclusionProbability: plan.strata[stratum].inclusionProbability,
  }));
  const file = await writeSampleFile(out, rows, protect);
  return { file, plan, conversations: ids.length, seed, usedLabels: labels !== null, stored };
}

