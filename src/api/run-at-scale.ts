/**
 * `misfire run` at any size. The conversations are read once while a seeded sample of `fitSample` of them
 * is kept (reservoir sampling); when the input has no more than that, the run is the in-memory run over
 * all of them (run.ts), unchanged. Otherwise the clusters, names and examples are fitted on the sample and
 * every conversation is streamed through the fitted model into count tables (stream-run.ts), so memory no
 * longer grows with the input beyond a few bytes per conversation.
 */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { RunRecord } from '../artifacts/run-record.js';
import { IdTable } from '../counts/id-table.js';
import { configError } from '../errors.js';
import { newDigest } from '../io/file-digest.js';
import { STDIN } from '../io/input-bytes.js';
import { readConversationBatches } from '../io/read-conversations.js';
import type { ProviderUsage } from '../providers/types.js';
import { createRng, deriveSeed, type Rng } from '../random.js';
import type { Conversation } from '../types.js';
import type { AnalyzeResult } from './analyze.js';
import { prepareRun, runOnConversations, type RunOptions } from './run.js';
import { streamRun } from './stream-run.js';

/** Conversations the clusters are fitted on when there are more (`--fit-sample`). */
export const DEFAULT_FIT_SAMPLE = 200_000;

export interface ScaledRunOptions extends RunOptions {
  /** Fit on a seeded sample of this many conversations when there are more (default 200,000). */
  fitSample?: number;
}

export interface ScaledRunOutcome {
  outDir: string;
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: ClusterRecord[];
  usage: ProviderUsage;
  /** The in-memory analysis; null when the run streamed. */
  result: AnalyzeResult | null;
  /** Streamed: the sample the clusters were fitted on, of how many conversations; null when in memory. */
  streamed: { sample: number; conversations: number } | null;
}

/**
 * Run misfire on inputs of any size.
 * @example
 * const { outDir, streamed } = await runAtScale({ conversations: 'week.jsonl.gz', verdicts: ['v.csv'], labels: 'l.csv', out: 'reports/week' });
 */
export async function runAtScale(options: ScaledRunOptions): Promise<ScaledRunOutcome> {
  const fitSample = options.fitSample ?? DEFAULT_FIT_SAMPLE;
  if (!(Number.isSafeInteger(fitSample) && fitSample >= 1)) throw configError(`--fit-sample must be a whole number ≥ 1, got ${fitSample}`);
  const prepared = await prepareRun(options);
  // Vectors brought with --embeddings exist for every conversation: no model to fit on a sample.
  const capacity = options.embeddings ? Infinity : fitSample;
  prepared.progress.start('read inputs');
  const ids = new IdTable(1 << 16);
  const digest = newDigest(options.conversations);
  const reservoir = new Reservoir<Conversation>(capacity, createRng(deriveSeed(prepared.settings.seed, 'fit-sample')));
  const readStarted = performance.now();
  for await (const batch of readConversationBatches(options.conversations, digest, { ...prepared.reading, ids })) {
    for (const conversation of batch.conversations) reservoir.offer(conversation);
  }
  if (reservoir.seen <= capacity) {
    const conversations = reservoir.drain();
    const outcome = await runOnConversations(options, prepared, { conversations, digest, rows: conversations.length });
    return { ...outcome, clusters: outcome.result.clusters, streamed: null };
  }
  if (prepared.settings.provider !== 'offline') {
    throw configError(
      `--provider ${prepared.settings.provider} with more than --fit-sample ${fitSample} conversations: a run fitted on a sample places every conversation by its summary, ` +
        'which only the offline provider can recompute; raise --fit-sample to cover every conversation, or use the offline provider',
    );
  }
  if (options.sample) {
    throw configError(`--sample with more than --fit-sample ${fitSample} conversations: design-weighted rates need the run in memory; raise --fit-sample to cover every conversation`);
  }
  if (prepared.settings.cross) {
    throw configError(
      `--cross with more than --fit-sample ${fitSample} conversations: a run fitted on a sample counts slices per metadata value only, not per value × cluster; ` +
        'drop --cross (the field slices are still computed), or raise --fit-sample to cover every conversation',
    );
  }
  if (options.conversations === STDIN) {
    throw configError(
      `standard input holds more than --fit-sample ${fitSample} conversations: a run that fits on a sample reads the conversations twice; write them to a file, or raise --fit-sample`,
    );
  }
  const readMs = Math.round(performance.now() - readStarted);
  return streamRun(options, prepared, { sample: reservoir.drain(), conversations: reservoir.seen, ids, digest, readMs });
}

/**
 * A seeded uniform sample of at most `capacity` items of a stream (Algorithm R), returned in stream order.
 * @example const r = new Reservoir<number>(2, createRng(1)); [1, 2, 3].forEach((x) => r.offer(x)); r.drain(); // e.g. [1, 3]
 */
export class Reservoir<T> {
  /** Items offered so far. */
  seen = 0;
  private readonly kept: T[] = [];
  private readonly order: number[] = [];

  constructor(
    private readonly capacity: number,
    private readonly rng: Rng,
  ) {}

  offer(item: T): void {
    const i = this.seen++;
    if (this.kept.length < this.capacity) {
      this.kept.push(item);
      this.order.push(i);
      return;
    }
    const j = this.rng.int(i + 1);
    if (j < this.capacity) {
      this.kept[j] = item;
      this.order[j] = i;
    }
  }

  /** The kept items in the order they were offered; the reservoir lets go of them. */
  drain(): T[] {
    const kept = this.kept.splice(0);
    const order = this.order.splice(0);
    if (this.seen <= this.capacity) return kept;
    return order
      .map((position, slot) => [position, slot])
      .sort((a, b) => a[0] - b[0])
      .map(([, slot]) => kept[slot]);
  }
}
