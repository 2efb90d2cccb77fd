/**
 * The small interfaces every provider implements. A provider is chosen by name in `registry.ts`; the rest
 * of misfire asks it for capabilities (fields below), never for its name. One shared contract suite
 * (test/providers/contract.test.ts) runs against each.
 */
import type { ChunkRunner } from '../chunk-runner.js';
import type { EmbeddingModel } from '../embedding/semantic.js';
import type { Conversation, Embedding, Facets, ProgressReporter } from '../types.js';
import type { WarningSink } from '../warnings.js';

/** Counters a provider adds to while it works; recorded in run.json (never the API key). */
export interface ProviderUsage {
  calls: number;
  cachedCalls: number;
  failedCalls: number;
  retries: number;
  /** Items the model declined (stop_reason `refusal`) after every retry, recorded with a fallback result. */
  refusals: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** role → model id, e.g. { facets: 'claude-haiku-4-5', naming: 'claude-sonnet-4-5' } */
  models: Record<string, string>;
  /** role → prompt version, e.g. { facets: 'facets/v1' } */
  promptVersions: Record<string, string>;
}

export function emptyUsage(): ProviderUsage {
  return {
    calls: 0,
    cachedCalls: 0,
    failedCalls: 0,
    retries: 0,
    refusals: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    models: {},
    promptVersions: {},
  };
}

/**
 * Conversations whose facets are not the model's answer, as indices into the conversations given to
 * `FacetExtractor.extract`. Their summaries are never shown as examples.
 */
export interface FacetsFallbackLog {
  /** No valid facets after every retry: these got the offline facets. Counted against `--max-failures`. */
  failed: number[];
  /** The model declined (stop_reason `refusal`): these got the refusal facets. */
  refused: number[];
}

export function emptyFacetsFallback(): FacetsFallbackLog {
  return { failed: [], refused: [] };
}

export interface ProviderContext {
  seed: number;
  progress: ProgressReporter;
  /** A term or text may surface only if at least this many distinct users used it. */
  minUsers: number;
  /** Folder for on-disk caches (default `.misfire-cache`). */
  cacheDir: string;
  usage: ProviderUsage;
  signal?: AbortSignal;
  /** Who computes the chunks of data-parallel loops (default: the calling thread); src/api passes worker threads. */
  chunkRunner?: ChunkRunner;
  /** Where a facet extractor notes the conversations it gave fallback facets (analyze always passes one). */
  facetsFallback?: FacetsFallbackLog;
  /** Told about what a provider worked around on its own (e.g. fallback facets); see src/warnings.ts. */
  warn?: WarningSink;
}

/**
 * Facets of one conversation computed from that conversation alone (pure, deterministic), so the caller may
 * extract them in chunks on worker threads: a worker imports `moduleUrl` and calls its export `exportName`,
 * which must be `extractOne` itself.
 */
export interface FacetWorkerTask {
  extractOne(conversation: Conversation): Facets;
  /** The `import.meta.url` of the module that exports `extractOne`. */
  moduleUrl: string;
  exportName: string;
}

export interface FacetExtractor {
  readonly name: string;
  /**
   * Whether summaries are abstractive (written afresh by a model, not condensed from the user's words), so
   * they may be shown as cluster examples; otherwise examples are keyword condensations.
   */
  readonly abstractiveSummaries: boolean;
  /** Present when `extract` is `workerTask.extractOne` applied to each conversation, so it may run on worker threads. */
  readonly workerTask?: FacetWorkerTask;
  /** One Facets per conversation, same order. Summaries must already be PII-scrubbed. */
  extract(conversations: readonly Conversation[], ctx: ProviderContext): Promise<Facets[]>;
}

export interface Embedded {
  /** Dense, L2-normalised vectors, one row per text, same order. */
  embedding: Embedding;
  /**
   * The fitted model, which the run saves (model/embedding.bin) so the gate can embed conversations the run
   * has not seen the same way; null when the embedder has no model that could do so.
   */
  model: EmbeddingModel | null;
}

export interface Embedder {
  readonly name: string;
  /** Vectors for `texts` and the model that made them; the same texts and seed give the same result. */
  embed(texts: readonly string[], ctx: ProviderContext): Promise<Embedded>;
}

/** One cluster to name at one level of the hierarchy. */
export interface ClusterToLabel {
  clusterId: string;
  /** Conversation indices (into `LabelingInput.summaries`) of every member, at any depth below. */
  members: Int32Array;
  /** Child cluster ids (empty at level 0). */
  childIds: string[];
  /** Indices of the nearest out-of-cluster conversations, nearest first (for contrastive naming). */
  contrast: Int32Array;
}

export interface LabelingInput {
  level: number;
  clusters: ClusterToLabel[];
  /** Scrubbed summary of every conversation (index = conversation index). */
  summaries: readonly string[];
  /** Conversation index → dense user index (for distinct-user counts). */
  userOf: Int32Array;
  /** Labels already given to the level below (parents are named from their children). */
  childLabels: ReadonlyMap<string, ClusterLabel>;
}

export interface ClusterLabel {
  clusterId: string;
  /** Short readable name (≤ ~8 words). */
  name: string;
  /** One or two sentences. */
  description: string;
  /** Distinctive terms behind the name (offline provider), each used by ≥ minUsers distinct users. */
  terms?: string[];
}

export interface ClusterLabeler {
  readonly name: string;
  label(input: LabelingInput, ctx: ProviderContext): Promise<ClusterLabel[]>;
}

/** Rates each label 1–5 on Clio's privacy scale (1 = identifies a person, 5 = no private information). */
export interface PrivacyAuditor {
  readonly name: string;
  audit(labels: readonly ClusterLabel[], ctx: ProviderContext): Promise<Map<string, number>>;
}

export interface Provider {
  readonly name: string;
  readonly facets: FacetExtractor;
  readonly embedder: Embedder;
  readonly labeler: ClusterLabeler;
  /** Optional: labels rated below 3 are suppressed. */
  readonly auditor?: PrivacyAuditor;
}
