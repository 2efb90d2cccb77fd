/**
 * `misfire run` as a library call: read the inputs (streaming), analyze, render, and write every artifact
 * atomically into `out`. The CLI is a thin layer over this function.
 */
import { assignmentsAt, analyze, type AnalyzeResult } from './analyze.js';
import { resolveSettings, type RunSettings } from './settings.js';
import { assertDistinctFiles } from './distinct-files.js';
import { warnAboutConcern, warnIfKClamped } from './input-warnings.js';
import { buildRunRecord, type RunRecord } from '../artifacts/run-record.js';
import { metricsDocument, type MetricsDocument } from '../artifacts/metrics-document.js';
import { assertSafeOutput } from '../artifacts/output-folder.js';
import { writeRunFolder } from '../artifacts/write-run.js';
import { EMBEDDING_TEXT_VERSION } from '../text/embedding-text.js';
import { readConversations, type ConversationsRead } from '../io/read-conversations.js';
import { readLabels, type LabelsRead } from '../io/read-labels.js';
import { readSampleFile, type SampleRead } from '../artifacts/sample-file.js';
import { assertLabelsInSample, buildSampleDesign, type SampleDesign } from '../metrics/design.js';
import { configError } from '../errors.js';
import { readVerdicts } from '../io/read-verdicts.js';
import { readEmbeddings } from '../io/read-embeddings.js';
import { assertStdinUse, displayName, STDIN } from '../io/input-bytes.js';
import { renderReport } from '../render/render-report.js';
import { createProvider } from '../providers/registry.js';
import { loadWordVectors } from '../io/word-vectors.js';
import { emptyUsage, type Provider, type ProviderUsage } from '../providers/types.js';
import type { WordVectorTable } from '../embedding/semantic.js';
import type { AnthropicProviderOptions } from '../providers/anthropic/index.js';
import { silentProgress, type ProgressReporter } from '../types.js';
import { collectWarnings, type WarningSink } from '../warnings.js';

export interface RunOptions {
  /** The conversations file, or `-` for standard input. */
  conversations: string;
  verdicts: string[];
  labels?: string | null;
  /** sample.csv of `misfire sample`: the labels are of those conversations, and every rate is design-weighted. */
  sample?: string | null;
  out: string;
  settings?: Partial<RunSettings>;
  /** `--embeddings FILE` (JSONL {id, vector}, or raw float32 with `embeddingIds`). */
  embeddings?: string | null;
  embeddingIds?: string | null;
  progress?: ProgressReporter;
  cacheDir?: string;
  anthropic?: AnthropicProviderOptions;
  /** Clock for the report's "generated" line (tests pin it). */
  now?: Date;
  /** Told about each thing the run clamped, ignored or repaired on its own (all of them also go into run.json). */
  onWarning?: WarningSink;
}

export interface RunOutcome {
  outDir: string;
  run: RunRecord;
  metrics: MetricsDocument;
  result: AnalyzeResult;
  usage: ProviderUsage;
}

/** The sample's design on the run's conversations, after checking that it belongs to them and that every label is of a sampled one. */
function sampleDesignOf(ids: readonly string[], sample: SampleRead, labels: LabelsRead, sampleFile: string, labelsFile: string): SampleDesign {
  const design = buildSampleDesign(ids, sample, displayName(sampleFile));
  assertLabelsInSample(labels.rows, ids, design, displayName(labelsFile), displayName(sampleFile));
  return design;
}

/**
 * Run misfire over every conversation in memory (see run-at-scale.ts for inputs larger than memory).
 * @example const { outDir, metrics } = await runMisfire({ conversations: 'convs.jsonl', verdicts: ['v.csv'], labels: 'labels.csv', out: 'reports/v7' });
 */
export async function runMisfire(options: RunOptions): Promise<RunOutcome> {
  const prepared = await prepareRun(options);
  prepared.progress.start('read inputs');
  const conversations = await readConversations(options.conversations, prepared.reading);
  return runOnConversations(options, prepared, conversations);
}

/** What every run sets up before it reads its inputs. */
export interface PreparedRun {
  settings: RunSettings;
  progress: ProgressReporter;
  warnings: ReturnType<typeof collectWarnings>;
  /** The input files (for output safety: --out must not hold one). */
  inputs: string[];
  provider: Provider;
  wordVectors: WordVectorTable | null;
  reading: { warnings: WarningSink };
}

/**
 * Check the options and the output folder (before any work) and create the provider.
 * @example const prepared = await prepareRun(options);
 */
export async function prepareRun(options: RunOptions): Promise<PreparedRun> {
  const settings = resolveSettings(options.settings);
  assertDistinctFiles('--verdicts', options.verdicts);
  const progress = options.progress ?? silentProgress;
  const warnings = collectWarnings(options.onWarning);
  assertStdinUse([
    ['--conversations', options.conversations],
    ...options.verdicts.map((file) => ['--verdicts', file] as const),
    ['--labels', options.labels],
    ['--sample', options.sample],
    ['--embeddings', options.embeddings],
    ['--embedding-ids', options.embeddingIds],
  ]);
  if (options.sample && !options.labels) throw configError('--sample needs --labels: the labels of the sampled conversations (conversation_id,label)');
  const inputs = [options.conversations, ...options.verdicts, options.labels, options.sample, options.embeddings, options.embeddingIds].filter((f): f is string => !!f && f !== STDIN);
  // Refuse an unsafe --out before any work, not after it.
  await assertSafeOutput(options.out, { flag: '--out', inputs });
  const wordVectors = settings.embedder === 'semantic' && !options.embeddings ? await loadWordVectors({ onConvert: () => progress.start('prepare word vectors (once)') }) : null;
  const provider = createProvider(settings.provider, { embeddingDim: settings.embeddingDim, judge: settings.judge, wordVectors, semanticWeight: settings.semanticWeight, anthropic: options.anthropic });
  return { settings, progress, warnings, inputs, provider, wordVectors, reading: { warnings: warnings.sink } };
}

/**
 * The rest of a run over conversations already read (the 'read inputs' stage is open): verdicts, labels,
 * analysis, artifacts.
 */
export async function runOnConversations(options: RunOptions, prepared: PreparedRun, conversations: ConversationsRead): Promise<RunOutcome> {
  const { settings, progress, warnings, inputs, provider, reading } = prepared;
  const verdicts = await readVerdicts(options.verdicts, reading);
  const labels = options.labels ? await readLabels(options.labels, reading) : null;
  const sample = options.sample ? await readSampleFile(options.sample) : null;
  const design = sample && labels ? sampleDesignOf(conversations.conversations.map((c) => c.id), sample, labels, options.sample as string, options.labels as string) : null;
  const embedded = options.embeddings
    ? await readEmbeddings(options.embeddings, conversations.conversations.map((c) => c.id), options.embeddingIds ?? null)
    : null;
  progress.end();
  warnIfKClamped(settings.k, conversations.conversations.length, warnings.sink);
  warnAboutConcern(conversations.conversations, warnings.sink);
  const usage = emptyUsage();
  const ctx = { seed: settings.seed, progress, minUsers: settings.minUsers, cacheDir: options.cacheDir ?? '.misfire-cache', usage, warn: warnings.sink };
  const result = await analyze(
    { conversations: conversations.conversations, verdicts: verdicts.rows, labels: labels?.rows ?? null, embedding: embedded?.embedding, design },
    provider,
    settings,
    ctx,
  );
  const metrics = metricsDocument(result, settings);
  const sampleRecord = sample && result.design ? { digest: sample.digest, record: result.design.run } : null;
  const run = buildRunRecord({ runDir: options.out, settings, conversations, verdicts, labels, embeddings: embedded?.digest ?? null, sample: sampleRecord, result, usage, warnings: warnings.list });
  progress.start('write artifacts');
  const leaves = result.hierarchy.levels[0];
  const centroids = leaves ? { k: leaves.k, dim: result.hierarchy.dim, data: leaves.centroids } : null;
  const report = renderReport({ run, metrics, clusters: result.clusters, now: options.now ?? new Date(), centroids });
  const outDir = await writeRunFolder(options.out, {
    run,
    metrics,
    clusters: result.clusters,
    assignments: { conversationIds: result.conversationIds, leafIds: assignmentsAt(result.hierarchy, 0) },
    pockets: result.pocketMembers,
    slices: result.slices,
    timings: result.clock.timings,
    embeddingModel: result.embeddingModel ? { model: result.embeddingModel, text: EMBEDDING_TEXT_VERSION } : null,
    centroids,
    report,
  }, {
    inputs,
    onStaleRemoved: (folders) =>
      options.onWarning?.({ code: 'stale-output-removed', message: `removed ${folders.length} unfinished output folder(s) left by an interrupted earlier run: ${folders.join(', ')}` }),
  });
  progress.end();
  return { outDir, run, metrics, result, usage };
}
