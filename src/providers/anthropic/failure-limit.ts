/**
 * `--max-failures`: how many conversations may fail for good (no valid facets after every retry) before a
 * run stops. Written as a fraction of the conversations (`0.01`), a percentage (`1%`) or a count (`5`, any
 * whole number ≥ 1); `0` tolerates none. The run stops when MORE than the limit fail.
 */
import { configError } from '../../errors.js';

export type FailureLimit =
  | { kind: 'share'; share: number; text: string }
  | { kind: 'count'; count: number; text: string };

/** The default limit: 1% of the conversations. */
export const DEFAULT_MAX_FAILURES = '1%';

/** No failure tolerated: the strict rule of the stages without a fallback (naming, privacy audit). */
export const NO_FAILURES: FailureLimit = { kind: 'count', count: 0, text: '0' };

function fromNumber(value: number, text: string): FailureLimit | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value < 1) return { kind: 'share', share: value, text };
  return Number.isInteger(value) ? { kind: 'count', count: value, text } : undefined;
}

/**
 * Read a limit; `name` (the flag or option) is quoted in the config error for anything else.
 * @example
 * parseFailureLimit('1%', '--max-failures')   // { kind: 'share', share: 0.01, text: '1%' }
 * parseFailureLimit('0.02', '--max-failures') // { kind: 'share', share: 0.02, text: '0.02' }
 * parseFailureLimit(5, 'maxFailures')         // { kind: 'count', count: 5, text: '5' }
 */
export function parseFailureLimit(value: string | number, name: string): FailureLimit {
  const text = String(value).trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  let limit: FailureLimit | undefined;
  if (percent) {
    const share = Number(percent[1]) / 100;
    limit = share <= 1 ? { kind: 'share', share, text } : undefined;
  } else if (text !== '' && /^[\d.eE+-]+$/.test(text)) {
    limit = fromNumber(Number(text), text);
  }
  if (!limit) {
    throw configError(
      `${name} must be a fraction below 1 (0.01), a percentage (1%) or a whole number of conversations (5); got "${text}"`,
    );
  }
  return limit;
}

/**
 * The most failures the limit allows among `total` items.
 * @example allowedFailures(parseFailureLimit('1%', 'x'), 250) // 2
 */
export function allowedFailures(limit: FailureLimit, total: number): number {
  if (limit.kind === 'count') return limit.count;
  return Math.floor(limit.share * total + 1e-9);
}

/**
 * The limit in words.
 * @example describeLimit(parseFailureLimit('1%', 'x'), 250, 'conversations') // '1% (at most 2 of 250 conversations)'
 */
export function describeLimit(limit: FailureLimit, total: number, items: string): string {
  return `${limit.text} (at most ${allowedFailures(limit, total)} of ${total} ${items})`;
}
