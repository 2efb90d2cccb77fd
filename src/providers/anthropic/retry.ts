/**
 * Retries with exponential backoff and full jitter (delay = random() · min(cap, base · 2^attempt)), except
 * that a server-given `retry-after` / `retry-after-ms` is obeyed exactly. Malformed tool input is retried
 * at once (a new sample, no reason to wait). The sleep and the random source are injectable for tests.
 */
import { ProviderCallError, toCallError } from './client.js';

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF = { baseDelayMs: 1000, maxDelayMs: 32_000 } as const;

/** Real-time sleep (the default `sleep` option). */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Full-jitter delay before retry number `attempt` (0-based).
 * @example backoffDelayMs(2, { ...DEFAULT_BACKOFF, random: () => 0.5 }) // 2000
 */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}

/** How long to wait before the next attempt after `err`. */
export function retryDelayMs(err: ProviderCallError, attempt: number, policy: RetryPolicy): number {
  if (err.retryAfterMs !== undefined) return err.retryAfterMs;
  if (err.kind === 'malformed' || err.kind === 'refusal') return 0;
  return backoffDelayMs(attempt, policy);
}

export interface RetryHooks {
  /** Called once per attempt that failed and will be retried. */
  onRetry?: (err: ProviderCallError, delayMs: number, attempt: number) => void;
}

/** Thrown when the caller's signal aborts the work. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}

/**
 * Run `attempt` until it succeeds, a non-retryable error occurs or the retries are used up.
 * The last error is thrown as a ProviderCallError (or AbortedError when `signal` aborted).
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 0; ; n++) {
    throwIfAborted(signal);
    try {
      return await attempt(n);
    } catch (raw) {
      if (raw instanceof AbortedError) throw raw;
      const err = toCallError(raw, undefined);
      if (err.kind === 'abort' || signal?.aborted) throw new AbortedError();
      if (!err.retryable || n >= policy.maxRetries) throw err;
      const delay = retryDelayMs(err, n, policy);
      hooks.onRetry?.(err, delay, n);
      if (delay > 0 || err.retryAfterMs !== undefined) await policy.sleep(delay);
    }
  }
}
