/**
 * Runs a list of tool-call jobs robustly and cheaply: disk cache first, then (optionally) the Message
 * Batches API, then synchronous calls under a concurrency limit with retries. Every result is cached the
 * moment it arrives. Counters go to `ctx.usage`, progress to `ctx.progress`.
 *
 * Failure policy: a job whose output stays invalid after all retries fails alone (the others go on and are
 * cached); any other exhausted or non-retryable error (auth, overload that never ends, ...) stops
 * scheduling new jobs and the stage throws MisfireError('provider') naming the items. A stage given a
 * `StageTolerance` returns the item failures as `failed` outcomes unless there are more than its limit
 * allows; a stage without one throws on the first. Batch items that errored, expired or came back invalid
 * go through the synchronous path, so they follow the same rule. A job the model keeps declining (stop_reason
 * `refusal`) gets its `fallback` result instead, counted in `usage.refusals`; the refusal is cached as a
 * marker so a rerun does not ask again (without a fallback it fails alone, like invalid output).
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
import type { FailureLimit } from './failure-limit.js';
import { callJob, readCached, readCachedOutcome } from './job-call.js';
import { prepareJob, type JobOutcome, type PreparedJob, type ToolJob } from './jobs.js';
import type { ProviderRuntime } from './options.js';
import { AbortedError } from './retry.js';
import { abortError, failureError, isItemFailure, isOverLimit, overLimitError, type Failure } from './stage-failures.js';

export { readCached } from './job-call.js';

/** Item failures a stage goes on without, up to a limit. */
export interface StageTolerance {
  maxFailures: FailureLimit;
  /** The items, plural, for messages, e.g. `conversations`. */
  items: string;
}

interface Counters {
  done: number;
  cached: number;
  failed: number;
  tokens: number;
  refused: number;
}

/** Run the jobs of one stage; one outcome per job, in job order (`failed` only under a tolerance). */
export async function runToolJobOutcomes<T>(
  stage: string,
  jobs: readonly ToolJob<T>[],
  rt: ProviderRuntime,
  ctx: ProviderContext,
  tolerance?: StageTolerance,
): Promise<JobOutcome<T>[]> {
  const cache = new ResultCache(ctx.cacheDir);
  const prepared = jobs.map(prepareJob);
  const outcomes: (JobOutcome<T> | undefined)[] = new Array(jobs.length).fill(undefined);
  const counters: Counters = { done: 0, cached: 0, failed: 0, tokens: 0, refused: 0 };
  const report = (): void => {
    const { refused, ...shown } = counters;
    ctx.progress.update(counters.done, refused > 0 ? { ...shown, refused } : shown);
  };
  const settle = (i: number, outcome: JobOutcome<T>): void => {
    outcomes[i] = outcome;
    counters.done++;
    if (outcome.kind === 'refused') {
      ctx.usage.refusals++;
      counters.refused++;
    }
  };

  ctx.progress.start(stage, jobs.length);
  try {
    for (let i = 0; i < prepared.length; i++) {
      const hit = await readCachedOutcome(cache, prepared[i]);
      if (hit === undefined) continue;
      settle(i, hit);
      ctx.usage.cachedCalls++;
      counters.cached++;
    }
    report();

    if (rt.batch && unsettled(outcomes).length > 0) {
      const pending = unsettled(outcomes);
      counters.tokens += await guardAbort(stage, counters, jobs.length, ctx, () =>
        prefillViaBatch(pending.map((i) => prepared[i]), rt, ctx, cache),
      );
      for (const i of pending) {
        const stored = await readCached(cache, prepared[i]);
        if (stored !== undefined) settle(i, { kind: 'answered', value: stored });
      }
      report();
    }

    // Identical requests (same cache key) are sent once and share the result.
    const sameKey = new Map<string, number[]>();
    for (const i of unsettled(outcomes)) sameKey.set(prepared[i].key, [...(sameKey.get(prepared[i].key) ?? []), i]);
    const failures: Failure[] = [];
    let stop = false;
    let aborted = false;
    await runWithLimit(
      [...sameKey.values()],
      rt.concurrency,
      async (group) => {
        const i = group[0];
        try {
          const outcome = await callJob(prepared[i], rt, ctx, cache, (tokens) => void (counters.tokens += tokens));
          for (const j of group) settle(j, outcome.kind === 'refused' ? shareRefusal(outcome, prepared[j]) : outcome);
        } catch (err) {
          if (err instanceof AbortedError) {
            aborted = true;
            return;
          }
          const error = err instanceof ProviderCallError ? err : new ProviderCallError('internal', String(err));
          failures.push({ label: prepared[i].label, error, items: group.length });
          for (const j of group) outcomes[j] = { kind: 'failed', problem: error.message };
          ctx.usage.failedCalls++;
          counters.failed++;
          if (!isItemFailure(error)) stop = true;
        }
        report();
      },
      () => stop || aborted || ctx.signal?.aborted === true,
    );

    if (aborted || ctx.signal?.aborted) throw abortError(stage, counters.done, jobs.length, ctx.cacheDir);
    if (failures.length === 0) return outcomes as JobOutcome<T>[];
    if (stop || !tolerance) throw failureError(stage, failures, rt.retry.maxRetries, stop);
    if (isOverLimit(failures, tolerance.maxFailures, jobs.length)) {
      throw overLimitError(stage, failures, rt.retry.maxRetries, {
        limit: tolerance.maxFailures,
        total: jobs.length,
        items: tolerance.items,
        cacheDir: ctx.cacheDir,
      });
    }
    return outcomes as JobOutcome<T>[];
  } finally {
    ctx.progress.end();
  }
}

/** Run the jobs of a stage that tolerates no item failure; its outputs in job order (a refusal gives the fallback). */
export async function runToolJobs<T>(stage: string, jobs: readonly ToolJob<T>[], rt: ProviderRuntime, ctx: ProviderContext): Promise<T[]> {
  const outcomes = await runToolJobOutcomes(stage, jobs, rt, ctx);
  return outcomes.map((outcome) => {
    if (outcome.kind === 'failed') throw new Error(`${stage}: a failed job outside a tolerance`);
    return outcome.value;
  });
}

/** A refusal of a shared request, with each job's own fallback. */
function shareRefusal<T>(outcome: JobOutcome<T>, job: PreparedJob<T>): JobOutcome<T> {
  return job.fallback ? { kind: 'refused', value: job.fallback() } : outcome;
}

function unsettled<T>(outcomes: readonly (JobOutcome<T> | undefined)[]): number[] {
  const out: number[] = [];
  outcomes.forEach((o, i) => {
    if (o === undefined) out.push(i);
  });
  return out;
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
    if (err instanceof AbortedError) throw abortError(stage, counters.done, total, ctx.cacheDir);
    if (err instanceof ProviderCallError) {
      throw new MisfireError('provider', `${stage}: Message Batches API failed: ${err.message}`);
    }
    throw err;
  }
}
