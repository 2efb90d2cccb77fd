/**
 * One job against the cache and the Messages API. Only a validated output is cached as a result; a refusal
 * is cached as a marker (so a rerun does not ask again) and its fallback recomputed from the job; output
 * that stays invalid is never cached, so a rerun asks again.
 */
import type { ProviderContext } from '../types.js';
import type { ResultCache } from './cache.js';
import { ProviderCallError } from './client.js';
import { addTokenUsage, isRefusalMarker, REFUSAL_MARKER, type JobOutcome, type PreparedJob } from './jobs.js';
import type { ProviderRuntime } from './options.js';
import { withRetries } from './retry.js';

/** The outcome a cache entry gives `job`: a valid output, or a refusal when the job has a fallback; else a miss. */
export async function readCachedOutcome<T>(cache: ResultCache, job: PreparedJob<T>): Promise<JobOutcome<T> | undefined> {
  const stored = await cache.get<unknown>(job.key);
  if (stored === undefined) return undefined;
  if (isRefusalMarker(stored)) return job.fallback ? { kind: 'refused', value: job.fallback() } : undefined;
  const checked = job.validate(stored);
  return checked.ok ? { kind: 'answered', value: checked.value } : undefined;
}

/** A cached output that still validates (a corrupt or outdated entry, or a refusal marker, counts as a miss). */
export async function readCached<T>(cache: ResultCache, job: PreparedJob<T>): Promise<T | undefined> {
  const outcome = await readCachedOutcome(cache, job);
  return outcome?.kind === 'answered' ? outcome.value : undefined;
}

/**
 * Ask for one job's output with retries; a refusal that outlasts them gives the job's fallback. Throws the
 * last ProviderCallError otherwise (or AbortedError). `onTokens` hears the tokens of every attempt.
 */
export async function callJob<T>(
  job: PreparedJob<T>,
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
  onTokens: (tokens: number) => void,
): Promise<JobOutcome<T>> {
  try {
    return { kind: 'answered', value: await callWithRetries(job, rt, ctx, cache, onTokens) };
  } catch (err) {
    if (!(err instanceof ProviderCallError && err.kind === 'refusal' && job.fallback)) throw err;
    await cache.put(job.key, job.params.model, job.promptVersion, REFUSAL_MARKER);
    return { kind: 'refused', value: job.fallback() };
  }
}

async function callWithRetries<T>(
  job: PreparedJob<T>,
  rt: ProviderRuntime,
  ctx: ProviderContext,
  cache: ResultCache,
  onTokens: (tokens: number) => void,
): Promise<T> {
  return withRetries(
    async () => {
      ctx.usage.calls++;
      let reply;
      try {
        reply = await rt.client.callTool(job.params, ctx.signal);
      } catch (err) {
        if (err instanceof ProviderCallError && err.usage) onTokens(addTokenUsage(ctx.usage, err.usage));
        throw err;
      }
      onTokens(addTokenUsage(ctx.usage, reply.usage));
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
