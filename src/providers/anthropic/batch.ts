/**
 * `batch: true`: fill the result cache through the Message Batches API (half price). Requests already
 * cached are not sent; identical requests are sent once (custom_id = cache key). Each created batch's id
 * is persisted under `<cacheDir>/anthropic/batches/` right after creation, so a killed run resumes by
 * polling the existing batch instead of paying for a new one. Polling backs off up to a minute. Results
 * are validated and cached one by one as they stream; anything that did not succeed (errored, expired,
 * malformed) is left to the synchronous path, which retries it.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import type { ProviderContext } from '../types.js';
import { type ResultCache, writeJsonAtomic } from './cache.js';
import { ProviderCallError, toCallError, toolInputOf, usageOf } from './client.js';
import { addTokenUsage, type PreparedJob } from './jobs.js';
import type { ProviderRuntime } from './options.js';
import { AbortedError, throwIfAborted, withRetries } from './retry.js';

/** Requests per created batch (the API allows up to 100 000 requests / 256 MB). */
export const BATCH_CHUNK = 5_000;

export interface BatchState {
  batchId: string;
  customIds: string[];
  createdAt: string;
}

/** Poll delay before poll number n + 1: 5 s, 10 s, 20 s, 40 s, then every 60 s. */
export function pollDelayMs(n: number): number {
  return Math.min(60_000, 5_000 * 2 ** n);
}

export function batchStateDir(cache: ResultCache): string {
  return join(cache.root, 'batches');
}

/** Every persisted batch state in the cache dir (unreadable files are skipped). */
export async function readBatchStates(cache: ResultCache): Promise<BatchState[]> {
  const dir = batchStateDir(cache);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const states: BatchState[] = [];
  for (const name of names) {
    try {
      const state = JSON.parse(await readFile(join(dir, name), 'utf8')) as BatchState;
      if (typeof state.batchId === 'string' && Array.isArray(state.customIds)) states.push(state);
    } catch {
      // a foreign or torn file: ignore
    }
  }
  return states;
}

function statePath(cache: ResultCache, batchId: string): string {
  return join(batchStateDir(cache), `${batchId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
}

/** Send the not-yet-cached jobs through batches and cache what comes back; returns tokens used. */
export async function prefillViaBatch<T>(
  jobs: readonly PreparedJob<T>[],
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
): Promise<number> {
  const byKey = new Map<string, PreparedJob<T>>();
  for (const job of jobs) if (!cache.has(job.key)) byKey.set(job.key, job);
  let tokens = 0;

  for (const state of await readBatchStates(cache)) {
    if (!state.customIds.some((id) => byKey.has(id) && !cache.has(id))) continue;
    tokens += await collect(state, byKey, rt, ctx, cache, true);
  }

  const todo = [...byKey.values()].filter((job) => !cache.has(job.key));
  const created: BatchState[] = [];
  for (let start = 0; start < todo.length; start += BATCH_CHUNK) {
    const chunk = todo.slice(start, start + BATCH_CHUNK);
    const requests = chunk.map((job) => ({ custom_id: job.key, params: job.params }));
    const batch = await sdkCall(rt, ctx, (sdk, opts) => sdk.messages.batches.create({ requests }, opts));
    const state: BatchState = { batchId: batch.id, customIds: chunk.map((j) => j.key), createdAt: new Date().toISOString() };
    await writeJsonAtomic(statePath(cache, batch.id), state);
    created.push(state);
  }
  for (const state of created) tokens += await collect(state, byKey, rt, ctx, cache, false);
  return tokens;
}

type RequestOpts = { signal?: AbortSignal };

/** One SDK call with our retries and error wrapping. */
async function sdkCall<R>(
  rt: ProviderRuntime,
  ctx: ProviderContext,
  call: (sdk: Anthropic, opts: RequestOpts) => Promise<R>,
): Promise<R> {
  const opts: RequestOpts = ctx.signal ? { signal: ctx.signal } : {};
  return withRetries(
    async () => {
      try {
        return await call(rt.client.sdk, opts);
      } catch (err) {
        throw toCallError(err, rt.client.secret);
      }
    },
    rt.retry,
    { onRetry: () => void ctx.usage.retries++ },
    ctx.signal,
  );
}

async function waitUntilEnded(batchId: string, rt: ProviderRuntime, ctx: ProviderContext): Promise<void> {
  for (let n = 0; ; n++) {
    const batch = await sdkCall(rt, ctx, (sdk, opts) => sdk.messages.batches.retrieve(batchId, {}, opts));
    if (batch.processing_status === 'ended') return;
    throwIfAborted(ctx.signal);
    await rt.retry.sleep(pollDelayMs(n));
    throwIfAborted(ctx.signal);
  }
}

/** Wait for one batch, stream its results into the cache, then forget its state file. */
async function collect<T>(
  state: BatchState,
  byKey: ReadonlyMap<string, PreparedJob<T>>,
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
  resumed: boolean,
): Promise<number> {
  try {
    await waitUntilEnded(state.batchId, rt, ctx);
  } catch (err) {
    // A persisted batch the API no longer knows (expired, other workspace): drop it and send afresh.
    if (resumed && err instanceof ProviderCallError && err.status === 404) {
      await rm(statePath(cache, state.batchId), { force: true });
      return 0;
    }
    throw err;
  }
  let tokens = 0;
  const lines = await sdkCall(rt, ctx, (sdk, opts) => sdk.messages.batches.results(state.batchId, {}, opts));
  try {
    for await (const line of lines) {
      throwIfAborted(ctx.signal);
      const job = byKey.get(line.custom_id);
      if (!job || line.result.type !== 'succeeded') continue;
      const message = line.result.message;
      ctx.usage.calls++;
      tokens += addTokenUsage(ctx.usage, usageOf(message));
      let input: unknown;
      try {
        input = toolInputOf(message, job.toolName);
      } catch {
        continue;
      }
      const checked = job.validate(input);
      if (checked.ok) await cache.put(job.key, job.params.model, job.promptVersion, checked.value);
    }
  } catch (err) {
    if (err instanceof AbortedError || err instanceof ProviderCallError) throw err;
    const wrapped = toCallError(err, rt.client.secret);
    if (wrapped.kind === 'abort' || ctx.signal?.aborted) throw new AbortedError();
    throw wrapped;
  }
  await rm(statePath(cache, state.batchId), { force: true });
  return tokens;
}
