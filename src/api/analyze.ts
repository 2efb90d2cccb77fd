/**
 * The pipeline from loaded data to results, with no file I/O:
 * join verdicts → facets → embed → cluster hierarchy → label → privacy → metrics.
 * (Verdicts are joined first so a gap in the inputs fails in a second, not after clustering.)
 */
import { configError, inputError } from '../errors.js';
import { clusterId, membershipAt, type Hierarchy } from '../clustering/hierarchy.js';
import { describeGaps, joinVerdictsAndLabels, type JoinedData, type JoinGaps } from '../metrics/join.js';
import { designWeights, sampleNonresponse, type SampleDesign } from '../metrics/design.js';
import { designRecords, type MetricsDesignRecord, type RunSampleRecord } from '../artifacts/design-record.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import { computeMetrics, concernFromFacets } from '../metrics/index.js';
import type { EmbeddingModel } from '../embedding/semantic.js';
import { emptyFacetsFallback, type FacetsFallbackLog, type Provider, type ProviderContext } from '../providers/types.js';
import type { Conversation, Embedding, Facets, LabelRow, VerdictRow } from '../types.js';
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import { parallelChunks } from '../parallel/parallel-chunks.js';
import { thresholdsByClassifier, type RunSettings } from './settings.js';
import { StageClock } from './stage-clock.js';
import { findErrorPockets, startErrorSearches, type ErrorSearches, type PocketMembers } from './find-error-pockets.js';
import { fitClusters } from './fit-clusters.js';
import { runSliceDimensions } from './slicing.js';
import { chosenFields } from '../slicing/fields.js';
import type { SliceDimension } from '../slicing/dimensions.js';

export interface AnalyzeInput {
  conversations: readonly Conversation[];
  verdicts: readonly VerdictRow[];
  labels: readonly LabelRow[] | null;
  /** Vectors brought with `--embeddings` (same order as conversations); skips the provider's embedder. */
  embedding?: Embedding;
  /** The labelling sample the labels come from (`run --sample`), on these conversations. */
  design?: SampleDesign | null;
}

export interface AnalyzeResult {
  conversationIds: string[];
  userCount: number;
  facets: Facets[];
  embedding: Embedding;
  /** Members of every error-focused pocket (pockets.csv). */
  pocketMembers: PocketMembers[];
  /** The embedder's fitted model (null with --embeddings). */
  embeddingModel: EmbeddingModel | null;
  hierarchy: Hierarchy;
  clusters: ClusterRecord[];
  /** Slicing dimensions with every conversation's slice (slices.csv; definitions in metrics.json). */
  slices: SliceDimension[];
  metrics: ClassifierMetrics[];
  joined: JoinedData;
  gapLines: string[];
  /** Conversations whose facets are not the provider model's answer (empty for the offline provider). */
  facetsFallback: FacetsFallbackLog;
  /** With a labelling sample: what metrics.json (`design`) and run.json (`sample`) record of it; else null. */
  design: { metrics: MetricsDesignRecord; run: RunSampleRecord } | null;
  clock: StageClock;
}

/**
 * Run the pipeline on loaded data. Data-parallel loops run on worker threads (src/parallel) unless
 * `ctx.chunkRunner` says otherwise; the result is the same either way.
 * @example
 * const settings = resolveSettings({});
 * const result = await analyze({ conversations, verdicts, labels: null }, createProvider(settings.provider), settings, ctx);
 */
export async function analyze(input: AnalyzeInput, provider: Provider, settings: RunSettings, baseCtx: ProviderContext): Promise<AnalyzeResult> {
  const facetsFallback = baseCtx.facetsFallback ?? emptyFacetsFallback();
  const ctx: ProviderContext = { ...baseCtx, chunkRunner: baseCtx.chunkRunner ?? parallelChunks, facetsFallback };
  const clock = new StageClock();
  const conversationIds = input.conversations.map((c) => c.id);
  const thresholds = thresholdsByClassifier(settings.thresholds);
  const joined = clock.time('join', () => joinVerdictsAndLabels(conversationIds, input.verdicts, input.labels, { threshold: settings.threshold, thresholds }));
  assertThresholdsNameClassifiers(thresholds, joined);
  const design = input.design && joined.labels ? input.design : null;
  if (design) joined.gaps = withSampleNonresponse(joined.gaps, sampleNonresponse(design, joined.labels as Int8Array, conversationIds));
  const gapLines = describeGaps(joined);
  if (gapLines.length && !settings.allowMissing) {
    throw inputError(`inputs do not line up:\n  - ${gapLines.join('\n  - ')}\nfix the files, or pass --allow-missing to proceed and report these counts`);
  }
  if (joined.classifiers.length === 0) throw inputError('no verdicts: the verdict files hold no rows with a score or flagged value');
  const chosen = chosenFields(settings.sliceBy, input.conversations);
  // The search among the errors needs every labelled error; a sample's errors stand for others it has not seen.
  // It needs only the embedding, so it starts beside the clustering and naming (see startErrorSearches).
  const searchErrors = joined.labels !== null && settings.permutations > 0 && !design;
  const started: { searches?: ErrorSearches } = {};
  const onEmbedded = (embedding: Embedding) => {
    started.searches = startErrorSearches({ embedding, classifiers: joined.classifiers, labels: joined.labels as Int8Array }, settings, ctx.chunkRunner);
  };
  const { userOf, users, facets, summaries, embedding, embeddingModel, hierarchy, clusters } = await fitClusters(input.conversations, input.embedding, provider, settings, ctx, clock, {
    onEmbedded: searchErrors ? onEmbedded : undefined,
  });
  const suppressed = new Set(clusters.filter((c) => c.suppressed).map((c) => c.cluster_id));
  // Slices are not design-weighted: a run from a labelling sample has none (metrics.json says so by an empty list).
  const slices = design ? [] : clock.time('slices', () => runSliceDimensions({ conversations: input.conversations, facets, chosen, userOf, hierarchy, clusters, settings }));
  const metrics = clock.time('metrics', () =>
    computeMetrics({
      hierarchy,
      classifiers: joined.classifiers,
      labels: joined.labels,
      categories: joined.categories,
      concern: concernFromFacets(facets),
      settings,
      suppressedAt: (level, index) => suppressed.has(clusterId(level, index)),
      slices,
      design,
    }).classifiers,
    ctx.progress,
  );
  const { searches } = started;
  const pockets = searches
    ? await clock.timeAsync('error pockets', () =>
        findErrorPockets(searches, { embedding, classifiers: joined.classifiers, labels: joined.labels as Int8Array, leafOf: hierarchy.leafOf, summaries, userOf }, settings, provider, ctx),
      )
    : null;
  for (const m of metrics) m.error_pockets = pockets?.byClassifier.get(m.name) ?? null;
  const pocketMembers = pockets?.members ?? [];
  const records = design ? designRecords(design, designWeights(design, joined.labels as Int8Array)) : null;
  for (const stratum of records?.metrics.unrepresented_strata ?? []) {
    ctx.warn?.({ code: 'sample-stratum-unlabelled', message: `no conversation drawn from stratum ${stratum} has a label: its conversations are left out of every estimate` });
  }
  return { conversationIds, userCount: users, facets, embedding, embeddingModel, hierarchy, clusters, slices, metrics, pocketMembers, joined, gapLines, facetsFallback, design: records, clock };
}

/** The join's gaps with "conversations without a label" counting only the sampled ones (the others were never meant to have one). */
function withSampleNonresponse(gaps: JoinGaps, missing: { count: number; examples: string[] }): JoinGaps {
  const examples = new Map(gaps.examples);
  examples.set('unlabelled', missing.examples);
  return { ...gaps, unlabelled: missing.count, examples };
}

/** A threshold for a classifier the verdicts do not have is a typo that would otherwise change nothing, silently. */
function assertThresholdsNameClassifiers(thresholds: ReadonlyMap<string, number>, joined: JoinedData): void {
  const known = new Set(joined.classifiers.map((c) => c.name));
  const stray = [...thresholds.keys()].filter((name) => !known.has(name));
  if (stray.length === 0) return;
  const names = (list: Iterable<string>) => [...list].map((n) => JSON.stringify(n)).join(', ') || '(none)';
  throw configError(`"thresholds" names ${stray.length > 1 ? 'classifiers' : 'a classifier'} the verdicts do not have: ${names(stray)} (known: ${names(known)})`);
}

/** Conversation → cluster id at every level (for artifacts and the gate). */
export function assignmentsAt(hierarchy: Hierarchy, level: number): string[] {
  const member = membershipAt(hierarchy, level);
  return Array.from(member, (c) => clusterId(level, c));
}
