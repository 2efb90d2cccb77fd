/**
 * `misfire gate` as library calls. Two ways to get paired verdicts onto the same clusters:
 * - `gateRun`: both classifier versions' verdicts are inputs of one run;
 * - `gateAgainstBaseline`: new verdicts are joined to a stored baseline run's clusters; conversations the
 *   run has not seen are placed at their nearest baseline leaf centroid with the run's saved model.
 * Both also check the pockets the run found among the baseline classifier's errors (gate-pockets.ts) and the
 * slices of the run's slicing dimensions (gate-slices.ts).
 * Both return the gate as a value (`GateResult`); neither sets an exit code. Everything that would make
 * the comparison unsafe throws a MisfireError (fail closed).
 */
import { MisfireError } from '../errors.js';
import { assertStdinUse } from '../io/input-bytes.js';
import { readConversations } from '../io/read-conversations.js';
import { readLabels } from '../io/read-labels.js';
import { readVerdicts } from '../io/read-verdicts.js';
import { joinVerdictsAndLabels, type JoinOptions } from '../metrics/join.js';
import { computeGate } from '../gate/compute-gate.js';
import { gateLevels } from '../gate/levels.js';
import type { GateResult, GateSettings, GateSource } from '../gate/types.js';
import type { Conversation, LabelRow, VerdictRow } from '../types.js';
import { loadGateSettings } from './gate-config.js';
import { thresholdsByClassifier } from './settings.js';
import { assertDistinctFiles } from './distinct-files.js';
import { placeConversations } from './gate-placement.js';
import { loadGatePockets, withPlacedNote } from './gate-pockets.js';
import { loadGateSlices } from './gate-slices.js';
import { loadStoredRun, readRunLabels, readRunSample, readRunVerdicts, type StoredRun } from './gate-run-files.js';
import { assertLabelsInSample, buildSampleDesign, designWeights } from '../metrics/design.js';
import type { SampleRead } from '../artifacts/sample-file.js';
import type { GateDesign } from '../gate/design-paired.js';

export interface GateCommonOptions {
  candidate: string;
  /** Flag overrides of the rule (undefined = config value). */
  settings?: Partial<GateSettings>;
  /** Gate config file; default: the package's config/gate.json. */
  config?: string | null;
}

export interface GateRunOptions extends GateCommonOptions {
  run: string;
  baseline: string;
}

export interface GateBaselineOptions extends GateCommonOptions {
  baselineRun: string;
  /** The new verdict files (the candidate's, optionally also the baseline's on new conversations). */
  verdicts: string[];
  /** Default: the baseline run's only classifier other than the candidate (or its only classifier). */
  baseline?: string | null;
  /** Text of conversations the baseline run has not seen. */
  conversations?: string | null;
  /** Labels to use instead of the baseline run's. */
  labels?: string | null;
}

const EXAMPLES = 5;
const gateError = (message: string) => new MisfireError('gate', message);
const listNames = (names: Iterable<string>) => [...names].map((n) => `"${n}"`).join(', ') || '(none)';

function examples(ids: readonly string[]): string {
  return ids.length ? ` (e.g. ${ids.slice(0, EXAMPLES).join(', ')})` : '';
}

/**
 * Gate two classifiers whose verdicts are both inputs of the run in `options.run`.
 * @example
 * const gate = await gateRun({ run: 'reports/v3', baseline: 'detector-v2', candidate: 'detector-v3' });
 * gate.verdict; // 'fail'
 */
export async function gateRun(options: GateRunOptions): Promise<GateResult> {
  if (options.baseline === options.candidate) {
    throw new MisfireError('config', `--baseline and --candidate both name "${options.baseline}": a classifier compared with itself always passes; name the two versions to compare`);
  }
  const settings = await loadGateSettings(options.config ?? null, options.settings ?? {});
  const stored = await loadStoredRun(options.run);
  const known = new Set(stored.run.rows.classifiers);
  for (const [role, name] of [['baseline', options.baseline], ['candidate', options.candidate]] as const) {
    if (!known.has(name)) throw gateError(`unknown ${role} classifier "${name}": the run has ${listNames(known)}`);
  }
  const verdicts = await readRunVerdicts(stored);
  const labels = await readRunLabels(stored);
  const ids = stored.conversationIds;
  const join = joinOptions(stored);
  const baselineFlags = flagsOf(ids, verdicts.rows, options.baseline, join);
  const candidateFlags = flagsOf(ids, verdicts.rows, options.candidate, join);
  const source: GateSource = {
    mode: 'run',
    run_conversations: ids.length,
    placed_conversations: 0,
    inputs: [
      ...verdicts.digests.map((d) => ({ role: 'run-verdicts' as const, sha256: d.sha256 })),
      { role: 'labels', sha256: labels.digest.sha256 },
    ],
  };
  return judge(stored, ids, stored.leafIds, labels.rows, labels.digest.file, baselineFlags, candidateFlags, options.baseline, options.candidate, settings, source, { conversations: [], leaves: [] });
}

/**
 * Gate new verdicts against a stored baseline run, on the baseline's clusters.
 * @example
 * const gate = await gateAgainstBaseline({ baselineRun: '.misfire/baseline', verdicts: ['new.csv'], candidate: 'detector-v3' });
 */
export async function gateAgainstBaseline(options: GateBaselineOptions): Promise<GateResult> {
  if (options.verdicts.length === 0) throw new MisfireError('config', 'name the new verdicts with --verdicts FILE');
  assertDistinctFiles('--verdicts', options.verdicts);
  const settings = await loadGateSettings(options.config ?? null, options.settings ?? {});
  const stored = await loadStoredRun(options.baselineRun);
  assertStdinUse([['--conversations', options.conversations], ...options.verdicts.map((file) => ['--verdicts', file] as const), ['--labels', options.labels]]);
  const fresh = await readVerdicts(options.verdicts);
  const freshNames = new Set(fresh.rows.map((r) => r.classifier));
  const { candidate } = options;
  if (!freshNames.has(candidate)) throw gateError(`unknown candidate classifier "${candidate}": the new verdicts have ${listNames(freshNames)}`);
  const baseline = options.baseline ?? inferBaseline(stored, candidate);
  const runNames = new Set(stored.run.rows.classifiers);
  if (!runNames.has(baseline)) throw gateError(`unknown baseline classifier "${baseline}": the baseline run has ${listNames(runNames)}`);
  const stale = await readRunVerdicts(stored);
  // The candidate's verdicts come only from the new files; the baseline's from the run, plus any new
  // rows for it (its verdicts on new conversations) when it is a different classifier.
  const candidateRows = fresh.rows.filter((r) => r.classifier === candidate);
  const baselineRows = mergeBaselineRows(stale.rows.filter((r) => r.classifier === baseline), baseline === candidate ? [] : fresh.rows.filter((r) => r.classifier === baseline), baseline);
  const labels = options.labels ? await readLabels(options.labels) : await readRunLabels(stored);
  const seen = new Set(stored.conversationIds);
  const unseenVerdictIds = [...new Set([...candidateRows, ...baselineRows].map((r) => r.conversationId).filter((id) => !seen.has(id)))];
  let extra: Awaited<ReturnType<typeof readConversations>> | null = null;
  if (options.conversations) extra = await readConversations(options.conversations);
  else if (unseenVerdictIds.length) {
    throw gateError(
      `${unseenVerdictIds.length} conversations in the new verdicts are not in the baseline run${examples(unseenVerdictIds)}: ` +
        'pass --conversations FILE with their text so they can be placed in the baseline clusters',
    );
  }
  const unseen = (extra?.conversations ?? []).filter((c) => !seen.has(c.id));
  const unseenIds = new Set(unseen.map((c) => c.id));
  const unknown = unseenVerdictIds.filter((id) => !unseenIds.has(id));
  if (unknown.length) throw gateError(`${unknown.length} conversations in the new verdicts are neither in the baseline run nor in --conversations${examples(unknown)}`);
  const placed = await placeConversations(stored, unseen);
  const ids = [...stored.conversationIds, ...unseen.map((c) => c.id)];
  const leafIds = [...stored.leafIds, ...placed];
  const join = joinOptions(stored);
  const source: GateSource = {
    mode: 'baseline-run',
    run_conversations: stored.conversationIds.length,
    placed_conversations: unseen.length,
    inputs: [
      ...stale.digests.map((d) => ({ role: 'run-verdicts' as const, sha256: d.sha256 })),
      ...fresh.digests.map((d) => ({ role: 'verdicts' as const, sha256: d.sha256 })),
      { role: 'labels', sha256: labels.digest.sha256 },
      ...(extra ? [{ role: 'conversations' as const, sha256: extra.digest.sha256 }] : []),
    ],
  };
  return judge(stored, ids, leafIds, labels.rows, labels.digest.file, flagsOf(ids, baselineRows, baseline, join), flagsOf(ids, candidateRows, candidate, join), baseline, candidate, settings, source, {
    conversations: unseen,
    leaves: placed,
  });
}

/**
 * Either gate, chosen by the options: `run` gates two classifiers of one run, `baselineRun` new verdicts
 * against a stored baseline.
 * @example
 * const result = await gate({ run: 'reports/v3', baseline: 'detector-v2', candidate: 'detector-v3' });
 */
export async function gate(options: GateRunOptions | GateBaselineOptions): Promise<GateResult> {
  return 'baselineRun' in options ? gateAgainstBaseline(options) : gateRun(options);
}

function inferBaseline(stored: StoredRun, candidate: string): string {
  const names = stored.run.rows.classifiers;
  const others = names.filter((n) => n !== candidate);
  if (others.length === 1) return others[0];
  if (others.length === 0 && names.length === 1) return names[0];
  throw new MisfireError('config', `name the baseline classifier with --baseline (the baseline run has ${listNames(names)})`);
}

function mergeBaselineRows(fromRun: VerdictRow[], fromNew: VerdictRow[], name: string): VerdictRow[] {
  const byId = new Map(fromRun.map((r) => [r.conversationId, r]));
  for (const row of fromNew) {
    const old = byId.get(row.conversationId);
    if (old && (old.flagged !== row.flagged || old.score !== row.score)) {
      throw gateError(`the new verdicts give "${name}" a different verdict on conversation "${row.conversationId}" than the baseline run did`);
    }
    byId.set(row.conversationId, row);
  }
  return [...byId.values()];
}

function joinOptions(stored: StoredRun): JoinOptions {
  return { threshold: stored.run.settings.threshold, thresholds: thresholdsByClassifier(stored.run.settings.thresholds) };
}

/** 1/0/−1 per conversation for one classifier, decided the way the run decided (its thresholds). */
function flagsOf(ids: readonly string[], rows: readonly VerdictRow[], name: string, options: JoinOptions): Int8Array {
  const own = rows.filter((r) => r.classifier === name);
  const joined = joinVerdictsAndLabels(ids, own, null, options);
  return joined.classifiers[0]?.flagged ?? new Int8Array(ids.length).fill(-1);
}

async function judge(
  stored: StoredRun,
  ids: readonly string[],
  leafIds: readonly string[],
  labelRows: readonly LabelRow[],
  labelsFile: string,
  baselineFlags: Int8Array,
  candidateFlags: Int8Array,
  baseline: string,
  candidate: string,
  settings: GateSettings,
  source: GateSource,
  /** Conversations placed from --conversations (after the run's own in `ids`) and their leaf clusters. */
  placed: { conversations: readonly Conversation[]; leaves: readonly string[] },
): Promise<GateResult> {
  const labels = joinVerdictsAndLabels(ids, [], labelRows).labels as Int8Array;
  const missing: Record<'baseline' | 'candidate', string[]> = { baseline: [], candidate: [] };
  let labelled = 0;
  for (let i = 0; i < ids.length; i++) {
    if (labels[i] < 0) continue;
    labelled++;
    if (baselineFlags[i] < 0) missing.baseline.push(ids[i]);
    if (candidateFlags[i] < 0) missing.candidate.push(ids[i]);
  }
  if (labelled === 0) throw gateError('no overlap: none of the conversations has a label, so there are no error rates to compare');
  for (const role of ['baseline', 'candidate'] as const) {
    const list = missing[role];
    if (list.length) {
      const name = role === 'baseline' ? baseline : candidate;
      throw gateError(
        `missing verdicts: ${list.length} of ${labelled} labelled conversations have no verdict from the ${role} "${name}"${examples(list)}; ` +
          'the gate compares both versions on the same conversations and will not judge on a subset',
      );
    }
  }
  const levels = gateLevels(stored.clusters, leafIds);
  const pockets = await loadGatePockets(stored, baseline);
  const slices = await loadGateSlices(stored, placed.conversations, placed.leaves);
  const sample = await readRunSample(stored);
  const design = sample ? gateDesign(stored, ids, labelRows, labelsFile, labels, sample) : undefined;
  if (sample) source.inputs.push({ role: 'sample', sha256: sample.read.digest.sha256 });
  const gate = computeGate({ baseline, candidate, labels, baselineFlags, candidateFlags, levels, pockets, slices, settings, design });
  return { ...gate, pockets: withPlacedNote(gate.pockets, source.placed_conversations), source };
}

/**
 * The run's labelling sample on the gate's conversations (the run's, then any placed ones, which were not
 * drawn): every label must be of a drawn conversation, and each labelled one weighs N_h / m_h.
 */
function gateDesign(stored: StoredRun, ids: readonly string[], labelRows: readonly LabelRow[], labelsFile: string, labels: Int8Array, sample: { read: SampleRead; file: string }): GateDesign {
  const base = buildSampleDesign(stored.conversationIds, sample.read, sample.file);
  const stratumOf = new Int32Array(ids.length).fill(-1);
  stratumOf.set(base.stratumOf);
  const design = { ...base, stratumOf };
  assertLabelsInSample(labelRows, ids, design, labelsFile, sample.file);
  return { stratumOf, population: design.population, labelled: designWeights(design, labels).labelled };
}
