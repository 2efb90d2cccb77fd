/** The unit of work of the provider: one forced tool call whose validated output is cached. */
import type Anthropic from '@anthropic-ai/sdk';
import type { ProviderUsage } from '../types.js';
import { cacheKey } from './cache.js';
import type { TokenUsage } from './client.js';
import type { Validated } from './validate.js';

export interface ToolJob<T> {
  /** Names the item in errors, e.g. `conversation c-17` or `cluster L0-3`. */
  label: string;
  params: Anthropic.MessageCreateParamsNonStreaming;
  promptVersion: string;
  validate: (input: unknown) => Validated<T>;
  /**
   * The result to record when the model still declines (stop_reason `refusal`) after every retry. Without
   * one, a refusal fails the item like malformed output does.
   */
  fallback?: () => T;
}

/**
 * How one job ended: `answered` with a valid output, `refused` (the model declined; `value` is the job's
 * fallback), or `failed` for good with the item's own problem (invalid output after every retry) when the
 * stage tolerates that.
 */
export type JobOutcome<T> =
  | { kind: 'answered'; value: T }
  | { kind: 'refused'; value: T }
  | { kind: 'failed'; problem: string };

/** What the cache stores for a declined request (the fallback itself is recomputed from the job). */
export const REFUSAL_MARKER = { refused: true } as const;

export function isRefusalMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { refused?: unknown }).refused === true;
}

export interface PreparedJob<T> extends ToolJob<T> {
  key: string;
  toolName: string;
}

/** Attach the cache key and the forced tool's name to a job. */
export function prepareJob<T>(job: ToolJob<T>): PreparedJob<T> {
  const choice = job.params.tool_choice;
  const toolName = choice && choice.type === 'tool' ? choice.name : '';
  return { ...job, key: cacheKey(job.params.model, job.promptVersion, job.params), toolName };
}

/** Add one response's token usage to the run's counters; returns the input + output tokens added. */
export function addTokenUsage(usage: ProviderUsage, tokens: TokenUsage): number {
  usage.inputTokens += tokens.inputTokens;
  usage.outputTokens += tokens.outputTokens;
  usage.cacheReadTokens += tokens.cacheReadTokens;
  usage.cacheWriteTokens += tokens.cacheWriteTokens;
  return tokens.inputTokens + tokens.outputTokens + tokens.cacheReadTokens + tokens.cacheWriteTokens;
}
