/** Shared data types of the pipeline. Plain data only: no I/O, no classes with behaviour. */

/** Who wrote a message. `system` (also an OpenAI `developer` message) and `tool` turns are kept but never read as the user's request. */
export type Role = 'user' | 'assistant' | 'system' | 'tool';

export interface Message {
  role: Role;
  content: string;
}

export type MetadataValue = string | number | boolean | null;

/** One conversation as read from the input (JSONL `messages` or `text`, or CSV `text`). */
export interface Conversation {
  id: string;
  /** Distinct-user key for privacy thresholds; defaults to the conversation id. */
  userId: string;
  messages: Message[];
  /** Every other top-level field of the input row, by field name, kept for slicing. Nested values are JSON text. */
  metadata: ReadonlyMap<string, MetadataValue>;
}

/** Privacy-preserving facets of one conversation (Clio §3). Only `summary` text ever reaches a report. */
export interface Facets {
  /** Scrubbed one-or-two-sentence request summary. */
  summary: string;
  /** ISO 639-3 code from the detector, or 'und'. */
  language: string;
  /** Number of messages in the conversation. */
  turns: number;
  /** Total characters across all messages. */
  length: number;
  /** High-level task (Claude provider only). */
  task?: string;
  /** Concerning-ness 1–5 (Claude provider, or a `concern` metadata field). */
  concern?: number;
}

/** Row-major dense vectors: `data.length === n * dim`. */
export interface Embedding {
  n: number;
  dim: number;
  data: Float32Array;
}

/** One verdict row: conversation × classifier. */
export interface VerdictRow {
  conversationId: string;
  classifier: string;
  /** null when the file had no score for this row. */
  score: number | null;
  /** null when the file had no flagged value (a threshold must then decide). */
  flagged: boolean | null;
  line: number;
}

export interface LabelRow {
  conversationId: string;
  /** true = should be flagged (harmful). null = unknown (empty label cell). */
  label: boolean | null;
  category: string | null;
  line: number;
}

/** Every setting of a run (defaults and checks: src/api/settings.ts); recorded in run.json. */
export interface RunSettings {
  seed: number;
  provider: string;
  /** Leaf clusters; null = the default rule (2·∛n). */
  k: number | null;
  levels: number;
  embeddingDim: number;
  minUsers: number;
  minConversations: number;
  alpha: number;
  minEffect: number;
  minSupport: number;
  threshold: number | null;
  thresholds: Record<string, number>;
  allowMissing: boolean;
  examplesPerCluster: number;
  /** Which side of each conversation the classifiers judged; the offline facets are drawn from it. */
  judge: 'prompt' | 'response' | 'conversation';
  /** The offline embedding: word-vector meaning beside exact wording (`semantic`), or wording only (`lsa`). */
  embedder: 'semantic' | 'lsa';
  /** Weight of meaning (word vectors) against wording (LSA) in the semantic embedder's cosine, 0–1. */
  semanticWeight: number;
  /** Shuffles of the permutation test behind the error-focused pockets; 0 skips that search. */
  permutations: number;
  /** Fields to slice by (metadata fields, `language` for the facet); null = the default rule (src/slicing/fields.ts). */
  sliceBy: string[] | null;
  /** Also slice every field by the clusters of the top level (field × cluster). */
  cross: boolean;
}

export interface ProgressReporter {
  /** Start a stage; `total` when the amount of work is known. */
  start(stage: string, total?: number): void;
  /** Advance the current stage by `done` units (absolute count done so far). */
  update(done: number, extra?: Record<string, number>): void;
  /** End the current stage. */
  end(): void;
}

export const silentProgress: ProgressReporter = {
  start() {},
  update() {},
  end() {},
};
