/** Options of the Claude provider, their defaults and the runtime built from them. */
import { configError } from '../../errors.js';
import { createMessagesClient, type MessagesClient } from './client.js';
import { DEFAULT_MAX_FAILURES, parseFailureLimit, type FailureLimit } from './failure-limit.js';
import { DEFAULT_BACKOFF, realSleep, type RetryPolicy } from './retry.js';

export type AnthropicProviderOptions = {
  /** Defaults to ANTHROPIC_API_KEY. */
  apiKey?: string;
  /** Defaults to ANTHROPIC_BASE_URL, then the SDK's default. */
  baseURL?: string;
  /** Facet extraction model (Haiku class). */
  model?: string;
  /** Cluster naming and privacy-audit model (Sonnet class). */
  namingModel?: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Retries per request after the first attempt (default 5). */
  maxRetries?: number;
  /** Per-request timeout (default 120 000 ms). */
  timeoutMs?: number;
  /** Use the Message Batches API (half price, results within 24 h). */
  batch?: boolean;
  /**
   * Conversations that may fail for good (no valid facets after every retry; they get the offline facets)
   * before the run stops: a fraction (0.01), a percentage ('1%') or a count (5). Default '1%'.
   */
  maxFailures?: string | number;
  /** Injectable sleep used for backoff and batch polling (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
};

/**
 * Defaults. `claude-sonnet-4-5` is listed as deprecated by SDK 1.14 (the SDK warns on every call), so the
 * naming default is the current Sonnet, `claude-sonnet-4-6`.
 */
export const DEFAULTS = {
  model: 'claude-haiku-4-5',
  namingModel: 'claude-sonnet-4-6',
  concurrency: 8,
  maxRetries: 5,
  timeoutMs: 120_000,
  maxFailures: DEFAULT_MAX_FAILURES,
} as const;

export interface ProviderRuntime {
  client: MessagesClient;
  facetModel: string;
  namingModel: string;
  concurrency: number;
  retry: RetryPolicy;
  batch: boolean;
  maxFailures: FailureLimit;
}

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw configError(`anthropic provider: ${name} must be an integer ≥ ${min} (got ${String(value)})`);
  }
  return value;
}

/** Resolve options against the environment; a missing key is a config error (that names no key). */
export function createRuntime(options: AnthropicProviderOptions, env: NodeJS.ProcessEnv = process.env): ProviderRuntime {
  const apiKey = (options.apiKey ?? env.ANTHROPIC_API_KEY ?? '').trim();
  if (!apiKey) {
    throw configError(
      'anthropic provider: no API key. Set the ANTHROPIC_API_KEY environment variable, e.g. ' +
        '`export ANTHROPIC_API_KEY=<your key>` in the shell that runs misfire (create a key at ' +
        'https://console.anthropic.com/settings/keys; never pass it as a flag). To see the cost first without a key, ' +
        'add --dry-run; to run without Claude, use --provider offline.',
    );
  }
  const baseURL = options.baseURL ?? env.ANTHROPIC_BASE_URL ?? undefined;
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs);
  return {
    client: createMessagesClient({ apiKey, baseURL: baseURL || undefined, timeoutMs }),
    facetModel: options.model ?? DEFAULTS.model,
    namingModel: options.namingModel ?? DEFAULTS.namingModel,
    concurrency: positiveInteger('concurrency', options.concurrency, DEFAULTS.concurrency),
    retry: {
      maxRetries: positiveInteger('maxRetries', options.maxRetries, DEFAULTS.maxRetries, 0),
      sleep: options.sleep ?? realSleep,
      random: Math.random,
      ...DEFAULT_BACKOFF,
    },
    batch: options.batch ?? false,
    maxFailures: parseFailureLimit(options.maxFailures ?? DEFAULTS.maxFailures, 'anthropic provider: maxFailures'),
  };
}
