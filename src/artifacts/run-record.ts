/** The `run.json` artifact: what went in, what was counted, how it was configured. Deterministic. */
import { relative, resolve, sep } from 'node:path';
import type { FileDigest } from '../io/file-digest.js';
import { STDIN } from '../io/input-bytes.js';
import type { ConversationsRead } from '../io/read-conversations.js';
import type { LabelsRead } from '../io/read-labels.js';
import type { VerdictsRead } from '../io/read-verdicts.js';
import type { JoinGaps } from '../metrics/join.js';
import type { ProviderUsage } from '../providers/types.js';
import type { RunSettings } from '../types.js';
import { MISFIRE_VERSION } from '../version.js';
import type { RunWarning } from '../warnings.js';
import type { ClusterRecord } from './cluster-record.js';
import { aBoolean, aNumber, aString, aWholeNumber, listOf, objectOf, oneOf, orAbsent, orNull, recordOf, type Shape } from './json-shape.js';
import { runSampleShape, type RunSampleRecord } from './design-record.js';

export const RUN_SCHEMA = 'misfire.run/v1';

export interface InputRecord {
  /** The input's path relative to the run folder (forward slashes), so it resolves from any working folder. */
  file: string;
  sha256: string | null;
  bytes: number;
}

export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  misfire_version: string;
  seed: number;
  settings: RunSettings;
  provider: { name: string; usage: ProviderUsage };
  /** `sample` (sample.csv of `run --sample`) is present only in a run with a labelling sample. */
  inputs: { conversations: InputRecord; verdicts: InputRecord[]; labels: InputRecord | null; embeddings: InputRecord | null; sample?: InputRecord };
  rows: {
    conversations: number;
    users: number;
    classifiers: string[];
    verdict_rows_read: number;
    verdict_rows_without_verdict: number;
    label_rows_read: number;
    labels_unknown: number;
    /**
     * Rows read but not used, for a reason other than an empty ("unknown") label, which `labels_unknown`
     * counts: verdict rows with neither score nor flagged, and verdict or label rows naming no conversation.
     */
    rejected: number;
  };
  missing: {
    unknown_verdict_ids: number;
    unknown_label_ids: number;
    unlabelled_conversations: number;
    conversations_without_verdict: Record<string, number>;
    details: string[];
  };
  clusters: { levels: { level: number; clusters: number; suppressed: number }[] };
  /** Conversations whose facets are not the provider model's answer (all zero for the offline provider). */
  facets_fallback: FacetsFallbackRecord;
  stages: string[];
  /** What the run clamped, ignored or repaired on its own, in the order it happened. */
  warnings: RunWarning[];
  /** The labelling sample's counts (`run --sample`); absent otherwise. */
  sample?: RunSampleRecord;
}

export interface FacetsFallbackRecord {
  /** failed + refused. */
  conversations: number;
  /** No valid facets after every retry: the offline facets were used. Counted against --max-failures. */
  failed: number;
  /** The model declined to summarise (stop_reason refusal): the refusal facets were used. */
  refused: number;
}

/** What run.json records of the analysis (an `AnalyzeResult` has all of it). */
export interface RunAnalysis {
  userCount: number;
  joined: { classifiers: readonly { name: string; missing: number }[]; gaps: JoinGaps };
  gapLines: string[];
  hierarchy: { levels: readonly { level: number; k: number }[] };
  clusters: readonly ClusterRecord[];
  facetsFallback: { failed: readonly number[]; refused: readonly number[] };
  clock: { timings: readonly { stage: string }[] };
}

/**
 * Where an input is, as seen from the run folder: `relative(runDir, file)` with forward slashes.
 * Standard input (`-`) stays `-`.
 * @example inputPathFromRun('/work/reports/v7', 'data/verdicts.csv') // with cwd /work: '../../data/verdicts.csv'
 */
export function inputPathFromRun(runDir: string, file: string): string {
  if (file === STDIN) return STDIN;
  return relative(resolve(runDir), resolve(file)).split(sep).join('/');
}

export function buildRunRecord(parts: {
  /** The run folder the record is written to (input paths are recorded relative to it). */
  runDir: string;
  settings: RunSettings;
  conversations: ConversationsRead;
  verdicts: VerdictsRead;
  labels: LabelsRead | null;
  embeddings: FileDigest | null;
  /** The labelling sample (`run --sample`): its file and counts. */
  sample?: { digest: FileDigest; record: RunSampleRecord } | null;
  result: RunAnalysis;
  usage: ProviderUsage;
  warnings: readonly RunWarning[];
}): RunRecord {
  const { settings, conversations, verdicts, labels, result, usage } = parts;
  const gaps = result.joined.gaps;
  const input = (d: FileDigest): InputRecord => ({ file: inputPathFromRun(parts.runDir, d.file), sha256: d.sha256, bytes: d.bytes });
  return {
    schema: RUN_SCHEMA,
    misfire_version: MISFIRE_VERSION,
    seed: settings.seed,
    settings,
    provider: { name: settings.provider, usage },
    inputs: {
      conversations: input(conversations.digest),
      verdicts: verdicts.digests.map(input),
      labels: labels ? input(labels.digest) : null,
      embeddings: parts.embeddings ? input(parts.embeddings) : null,
      ...(parts.sample ? { sample: input(parts.sample.digest) } : {}),
    },
    rows: {
      conversations: conversations.rows,
      users: result.userCount,
      classifiers: result.joined.classifiers.map((c) => c.name),
      verdict_rows_read: verdicts.rowsRead,
      verdict_rows_without_verdict: verdicts.emptyRows,
      label_rows_read: labels?.rowsRead ?? 0,
      labels_unknown: labels?.unknown ?? 0,
      rejected: verdicts.emptyRows + gaps.unknownVerdictIds + gaps.unknownLabelIds,
    },
    missing: {
      unknown_verdict_ids: gaps.unknownVerdictIds,
      unknown_label_ids: gaps.unknownLabelIds,
      unlabelled_conversations: gaps.unlabelled,
      conversations_without_verdict: Object.fromEntries(result.joined.classifiers.map((c) => [c.name, c.missing])),
      details: result.gapLines,
    },
    clusters: {
      levels: result.hierarchy.levels.map((level) => ({
        level: level.level,
        clusters: level.k,
        suppressed: result.clusters.filter((c) => c.level === level.level && c.suppressed).length,
      })),
    },
    facets_fallback: {
      conversations: result.facetsFallback.failed.length + result.facetsFallback.refused.length,
      failed: result.facetsFallback.failed.length,
      refused: result.facetsFallback.refused.length,
    },
    stages: result.clock.timings.map((t) => t.stage),
    warnings: parts.warnings.map((w) => ({ code: w.code, message: w.message })),
    ...(parts.sample ? { sample: parts.sample.record } : {}),
  };
}

const inputRecord = objectOf<InputRecord>({ file: aString, sha256: orNull(aString), bytes: aWholeNumber });

const runSettings = objectOf<RunSettings>({
  seed: aWholeNumber,
  provider: aString,
  k: orNull(aWholeNumber),
  levels: aWholeNumber,
  embeddingDim: aWholeNumber,
  minUsers: aWholeNumber,
  minConversations: aWholeNumber,
  alpha: aNumber,
  minEffect: aNumber,
  minSupport: aWholeNumber,
  threshold: orNull(aNumber),
  thresholds: recordOf(aNumber),
  allowMissing: aBoolean,
  examplesPerCluster: aWholeNumber,
  judge: oneOf(['prompt', 'response', 'conversation']),
  embedder: oneOf(['semantic', 'lsa']),
  semanticWeight: aNumber,
  permutations: aWholeNumber,
  sliceBy: orNull(listOf(aString)),
  cross: aBoolean,
});

const providerUsage = objectOf<ProviderUsage>({
  calls: aWholeNumber,
  cachedCalls: aWholeNumber,
  failedCalls: aWholeNumber,
  retries: aWholeNumber,
  refusals: aWholeNumber,
  inputTokens: aWholeNumber,
  outputTokens: aWholeNumber,
  cacheReadTokens: aWholeNumber,
  cacheWriteTokens: aWholeNumber,
  models: recordOf(aString),
  promptVersions: recordOf(aString),
});

/** The shape of run.json. */
export const runRecord: Shape<RunRecord> = objectOf<RunRecord>({
  schema: oneOf([RUN_SCHEMA]),
  misfire_version: aString,
  seed: aWholeNumber,
  settings: runSettings,
  provider: objectOf<RunRecord['provider']>({ name: aString, usage: providerUsage }),
  inputs: objectOf<RunRecord['inputs']>({
    conversations: inputRecord,
    verdicts: listOf(inputRecord),
    labels: orNull(inputRecord),
    embeddings: orNull(inputRecord),
    sample: orAbsent(inputRecord),
  }),
  rows: objectOf<RunRecord['rows']>({
    conversations: aWholeNumber,
    users: aWholeNumber,
    classifiers: listOf(aString),
    verdict_rows_read: aWholeNumber,
    verdict_rows_without_verdict: aWholeNumber,
    label_rows_read: aWholeNumber,
    labels_unknown: aWholeNumber,
    rejected: aWholeNumber,
  }),
  missing: objectOf<RunRecord['missing']>({
    unknown_verdict_ids: aWholeNumber,
    unknown_label_ids: aWholeNumber,
    unlabelled_conversations: aWholeNumber,
    conversations_without_verdict: recordOf(aWholeNumber),
    details: listOf(aString),
  }),
  clusters: objectOf<RunRecord['clusters']>({
    levels: listOf(objectOf<RunRecord['clusters']['levels'][number]>({ level: aWholeNumber, clusters: aWholeNumber, suppressed: aWholeNumber })),
  }),
  facets_fallback: objectOf<FacetsFallbackRecord>({ conversations: aWholeNumber, failed: aWholeNumber, refused: aWholeNumber }),
  stages: listOf(aString),
  warnings: listOf(objectOf<RunWarning>({ code: aString, message: aString })),
  sample: orAbsent(runSampleShape),
});
