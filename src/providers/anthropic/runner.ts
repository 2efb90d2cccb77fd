/**
 * Runs a list of tool-call jobs robustly and cheaply: disk cache first, then (optionally) the Message
 * Batches API, then synchronous calls under a concurrency limit with retries. Every result is cached the
 * moment it arrives. Counters go to `ctx.usage`, progress to `ctx.progress`.
 *
 * Failure policy: a job whose output stays malformed after all retries fails alone (the others go on and
 * are cached); any other exhausted or non-retryable error (auth, overload that never ends, ...) stops
 * scheduling new jobs. Either way the stage then throws one MisfireError('provider') naming the items.
 * A job the model keeps declining (stop_reason `refusal`) gets its `fallback` result instead, counted in
 * `usage.refusals`; the refusal is cached as a marker so a rerun does not ask again (without a fallback
 * it fails alone, like malformed output).
 *
 * Usage semantics: `calls` = Messages API requests sent (every attempt; each batch item once), `retries` =
 * attempts beyond the first, `cachedCalls` = results served from the disk cache, `failedCalls` = items that
 * failed for good; token counters come from the replies' `usage`.
 */
import { MisfireError } from '../../errors.js';
import type { ProviderContext } from '../types.js';
import { prefillViaBatch } from './batch.js';
import { ResultCache } from './cache.js';
import { ProviderCallError } from './client.js';
import { runWithLimit } from './concurrency.js';
import { addTokenUsage, isRefusalMarker, prepareJob, REFUSAL_MARKER, type PreparedJob, type ToolJob } from './jobs.js';
import type { ProviderRuntime } from './options.js';
import { AbortedError, withRetries } from './retry.js';

interface Counters {
  done: number;
  cached: number;
  failed: number;
  tokens: number;
  refused: number;
}

/** One job's result; `refused` = the model declined and the caller must use the job's fallback. */
type Outcome<T> = { refused: false; value: T } | { refused: true };

interface Failure {
  label: string;
  error: ProviderCallError;
}

/** A cached output that still validates (a corrupt or outdated entry counts as a miss). */
export async function readCached<T>(cache: ResultCache, job: PreparedJob<T>): Promise<T | undefined> {
  const outcome = await readCachedOutcome(cache, job);
  return outcome && !outcome.refused ? outcome.value : undefined;
}

/** Like readCached, but a cached refusal counts as a hit when the job has a fallback. */
async function readCachedOutcome<T>(cache: ResultCache, job: PreparedJob<T>): Promise<Outcome<T> | undefined> {
  const stored = await cache.get<unknown>(job.key);
  if (stored === undefined) return undefined;
  if (isRefusalMarker(stored)) return job.fallback ? { refused: true } : undefined;
  const checked = job.validate(stored);
  return checked.ok ? { refused: false, value: checked.value } : undefined;
}

/** The value an outcome gives `job` (the job's own fallback for a refusal). */
function valueOf<T>(outcome: Outcome<T>, job: PreparedJob<T>): T {
  if (!outcome.refused) return outcome.value;
  if (!job.fallback) throw new Error(`refusal without fallback for ${job.label}`);
  return job.fallback();
}

/** Run the jobs of one stage; results in job order. */
export async function runToolJobs<T>(
  stage: string,
  jobs: readonly ToolJob<T>[],
  rt: ProviderRuntime,
  ctx: ProviderContext,
): Promise<T[]> {
  const cache = new ResultCache(ctx.cacheDir);
  const prepared = jobs.map(prepareJob);
  const results: (T | undefined)[] = new Array(jobs.length).fill(undefined);
  const counters: Counters = { done: 0, cached: 0, failed: 0, tokens: 0, refused: 0 };
  const report = (): void => {
    const { refused, ...shown } = counters;
    ctx.progress.update(counters.done, refused > 0 ? { ...shown, refused } : shown);
  };
  const countRefusals = (n: number): void => {
    ctx.usage.refusals += n;
    counters.refused += n;
  };

  ctx.progress.start(stage, jobs.length);
  try {
    for (let i = 0; i < prepared.length; i++) {
      const hit = await readCachedOutcome(cache, prepared[i]);
      if (hit === undefined) continue;
      results[i] = valueOf(hit, prepared[i]);
      if (hit.refused) countRefusals(1);
      ctx.usage.cachedCalls++;
      counters.cached++;
      counters.done++;
    }
    report();

    let pending = indicesWithout(results);
    if (rt.batch && pending.length > 0) {
      counters.tokens += await guardAbort(stage, counters, jobs.length, ctx, () =>
        prefillViaBatch(pending.map((i) => prepared[i]), rt, ctx, cache),
      );
      for (const i of pending) {
        const stored = await readCached(cache, prepared[i]);
        if (stored === undefined) continue;
        results[i] = stored;
        counters.done++;
      }
      report();
      pending = indicesWithout(results);
    }

    // Identical requests (same cache key) are sent once and share the result.
    const sameKey = new Map<string, number[]>();
    for (const i of pending) sameKey.set(prepared[i].key, [...(sameKey.get(prepared[i].key) ?? []), i]);
    const failures: Failure[] = [];
    let stop = false;
    let aborted = false;
    await runWithLimit(
      [...sameKey.values()],
      rt.concurrency,
      async (group) => {
        const i = group[0];
        try {
          const outcome = await callOne(prepared[i], rt, ctx, cache, counters);
          for (const j of group) results[j] = valueOf(outcome, prepared[j]);
          if (outcome.refused) countRefusals(group.length);
          counters.done += group.length;
        } catch (err) {
          if (err instanceof AbortedError) {
            aborted = true;
            return;
          }
          const error = err instanceof ProviderCallError ? err : new ProviderCallError('internal', String(err));
          failures.push({ label: prepared[i].label, error });
          ctx.usage.failedCalls++;
          counters.failed++;
          if (error.kind !== 'malformed' && error.kind !== 'refusal') stop = true;
        }
        report();
      },
      () => stop || aborted || ctx.signal?.aborted === true,
    );

    if (aborted || ctx.signal?.aborted) throw abortError(stage, counters, jobs.length, ctx);
    if (failures.length) throw failureError(stage, failures, rt.retry.maxRetries, stop);
    return results as T[];
  } finally {
    ctx.progress.end();
  }
}

async function callOne<T>(
  job: PreparedJob<T>,
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
  counters: Counters,
): Promise<Outcome<T>> {
  try {
    const value = await callWithRetries(job, rt, ctx, cache, counters);
    return { refused: false, value };
  } catch (err) {
    if (!(err instanceof ProviderCallError && err.kind === 'refusal' && job.fallback)) throw err;
    await cache.put(job.key, job.params.model, job.promptVersion, REFUSAL_MARKER);
    return { refused: true };
  }
}

async function callWithRetries<T>(
  job: PreparedJob<T>,
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
  counters: Counters,
): Promise<T> {
  return withRetries(
    async () => {
      ctx.usage.calls++;
      let reply;
      try {
        reply = await rt.client.callTool(job.params, ctx.signal);
      } catch (err) {
        if (err instanceof ProviderCallError && err.usage) counters.tokens += addTokenUsage(ctx.usage, err.usage);
        throw err;
      }
      counters.tokens += addTokenUsage(ctx.usage, reply.usage);
      const checked = job.validate(reply.input);
      if (!checked.ok) throw new ProviderCallError('malformed', `invalid ${job.toolName} input: ${checked.problem}`);
      await cache.put(job.key, job.params.model, job.promptVersion, checked.value);
      return checked.value;
    },
    rt.retry,
    { onRetry: () => void ctx.usage.retries++ },
    ctx.signal,
  );
}

async function guardAbort<R>(
  stage: string,
  counters: Counters,
  total: number,
  ctx: ProviderContext,
  work: () => Promise<R>,
): Promise<R> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AbortedError) throw abortError(stage, counters, total, ctx);
    if (err instanceof ProviderCallError) {
      throw new MisfireError('provider', `${stage}: Message Batches API failed: ${err.message}`);
    }
    throw err;
  }
}

function indicesWithout<T>(results: readonly (T | undefined)[]): number[] {
  const out: number[] = [];
  results.forEach((r, i) => {
    if (r === undefined) out.push(i);
  });
  return out;
}

function abortError(stage: string, counters: Counters, total: number, ctx: ProviderContext): MisfireError {
  return new MisfireError(
    'provider',
    `${stage}: aborted with ${counters.done} of ${total} done; finished results are cached in ${ctx.cacheDir} ` +
      'and a rerun resumes from them',
  );
}

function failureError(stage: string, failures: Failure[], maxRetries: number, stopped: boolean): MisfireError {
  const [first] = failures;
  const attempts = first.error.retryable ? ` after ${maxRetries + 1} attempts` : '';
  const others = failures.slice(1, 6).map((f) => f.label);
  const more = failures.length > 6 ? `, … (${failures.length - 6} more)` : '';
  const rest = others.length ? `; also failed: ${others.join(', ')}${more}` : '';
  const tail = stopped ? '; stopped starting new requests' : '';
  return new MisfireError('provider', `${stage}: ${first.label} failed${attempts}: ${first.error.message}${rest}${tail}`);
}
