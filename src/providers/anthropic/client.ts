/**
 * Thin wrapper around the official SDK: one forced tool call per request, usage extraction and error
 * wrapping. The SDK's own retries are switched off (`maxRetries: 0`); retry.ts retries instead so that
 * every attempt is counted and the sleep can be injected. Errors leaving this file carry no headers and
 * have the API key (and anything shaped like one) redacted from their message.
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';

/**
 * `internal` = not from the API at all (a disk error, a bug): never retried. `refusal` = the model declined
 * (stop_reason `refusal`, no tool call): retried at once like `malformed`, then a job may fall back.
 */
export type CallErrorKind = 'http' | 'connection' | 'timeout' | 'abort' | 'malformed' | 'refusal' | 'internal';

/** Longest `retry-after` we obey; a larger value is clamped (the run would otherwise look hung). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** A failed attempt, safe to print: status, API error type and a redacted message only. */
export class ProviderCallError extends Error {
  /** Tokens the failed attempt still consumed (a reply without the tool call, say). */
  usage?: TokenUsage;

  constructor(
    readonly kind: CallErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }

  /** 429, 529, other 5xx, 408/409, timeouts, connection errors, malformed tool input and refusals are retried. */
  get retryable(): boolean {
    if (this.kind === 'abort' || this.kind === 'internal') return false;
    if (this.kind !== 'http') return true;
    return this.status !== undefined && isRetryableStatus(this.status);
  }
}

/** Statuses worth another attempt: request timeout, conflict, rate limit, and every 5xx (incl. 529 overloaded). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Replace the key, and anything that looks like an Anthropic key, by `[redacted]`. */
export function redactSecrets(text: string, secret: string | undefined): string {
  let out = secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
  out = out.replace(/sk-ant-[A-Za-z0-9_-]+/g, '[redacted]');
  return out.replace(/(x-api-key|authorization)\s*[:=]\s*\S+/gi, '$1: [redacted]');
}

/** Milliseconds asked for by `retry-after-ms` or `retry-after` (seconds or an HTTP date), if any. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) {
    return Math.min(Number(ms), MAX_RETRY_AFTER_MS);
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/** Convert anything the SDK throws into a ProviderCallError that is safe to print. */
export function toCallError(err: unknown, secret: string | undefined): ProviderCallError {
  if (err instanceof ProviderCallError) return err;
  if (err instanceof APIUserAbortError) return new ProviderCallError('abort', 'request aborted');
  if (err instanceof APIConnectionTimeoutError) return new ProviderCallError('timeout', 'request timed out');
  if (err instanceof APIConnectionError) {
    return new ProviderCallError('connection', redactSecrets(`connection error: ${err.message}`, secret));
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const type = err.type ?? 'error';
    const detail = err.apiMessage ?? '';
    const message = redactSecrets(`HTTP ${err.status} ${type}${detail ? `: ${detail}` : ''}`, secret);
    return new ProviderCallError('http', message, err.status, parseRetryAfter(err.headers));
  }
  if (err instanceof Error && err.name === 'AbortError') return new ProviderCallError('abort', 'request aborted');
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderCallError('internal', redactSecrets(message, secret));
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Token counts of one reply, cache reads and writes included (missing fields count as 0). */
export function usageOf(message: Pick<Anthropic.Message, 'usage'>): TokenUsage {
  const u = message.usage;
  return {
    inputTokens: u?.input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
  };
}

/**
 * The input of the forced tool call; a `refusal` error when the model declined (stop_reason `refusal`),
 * a `malformed` error when the reply holds no such call for any other reason.
 */
export function toolInputOf(message: Pick<Anthropic.Message, 'content' | 'stop_reason'>, toolName: string): unknown {
  const block = (message.content ?? []).find(
    (b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && (b as Anthropic.ToolUseBlock).name === toolName,
  );
  if (!block) {
    if (message.stop_reason === 'refusal') {
      throw new ProviderCallError('refusal', `the model declined to call ${toolName} (stop_reason refusal)`);
    }
    throw new ProviderCallError('malformed', `reply has no ${toolName} tool call (stop_reason ${message.stop_reason})`);
  }
  return block.input;
}

export interface ToolCallResult {
  input: unknown;
  usage: TokenUsage;
}

export interface MessagesClient {
  /** One Messages API request; throws ProviderCallError. */
  callTool(params: Anthropic.MessageCreateParamsNonStreaming, signal?: AbortSignal): Promise<ToolCallResult>;
  /** The SDK client, for the Message Batches API (wrap its errors with `toCallError`). */
  readonly sdk: Anthropic;
  /** Only for redaction; never printed. */
  readonly secret: string;
}

export interface ClientSettings {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
}

/** Build the SDK client (no SDK retries, our timeout) and the tool-call helper around it. */
export function createMessagesClient(settings: ClientSettings): MessagesClient {
  const sdk = new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });
  return {
    sdk,
    secret: settings.apiKey,
    async callTool(params, signal) {
      const toolName = params.tool_choice && params.tool_choice.type === 'tool' ? params.tool_choice.name : '';
      let message: Anthropic.Message;
      try {
        message = await sdk.messages.create(params, signal ? { signal } : undefined);
      } catch (err) {
        throw toCallError(err, settings.apiKey);
      }
      const usage = usageOf(message);
      try {
        return { input: toolInputOf(message, toolName), usage };
      } catch (err) {
        if (err instanceof ProviderCallError) err.usage = usage;
        throw err;
      }
    },
  };
}
