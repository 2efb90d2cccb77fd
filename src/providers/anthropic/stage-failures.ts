/**
 * How a stage's failures are told apart and reported. An item failure concerns one item alone: its output
 * stayed invalid after every retry (or the model declined and the job has no fallback). Anything else that
 * outlasts the retries (auth, an overload that never ends, a timeout, …) is about the service and stops the
 * stage at once. Every message names the items and says what a rerun will do.
 */
import { MisfireError } from '../../errors.js';
import type { ProviderCallError } from './client.js';
import { allowedFailures, describeLimit, type FailureLimit } from './failure-limit.js';

export interface Failure {
  /** The job's label, e.g. `conversation c-17`. */
  label: string;
  error: ProviderCallError;
  /** Items that share the failed request (identical conversations are sent once). */
  items: number;
}

/** Whether the failure is this item's alone, so the stage may go on without it. */
export function isItemFailure(error: ProviderCallError): boolean {
  return error.kind === 'malformed' || error.kind === 'refusal';
}

/** `conversation c-17 failed after 6 attempts: invalid record_facets input: …` */
export function describeFailure(failure: Failure, maxRetries: number): string {
  const attempts = failure.error.retryable ? ` after ${maxRetries + 1} attempts` : '';
  return `${failure.label} failed${attempts}: ${failure.error.message}`;
}

/** The first failure in full, then up to five more labels. */
function failureList(failures: readonly Failure[], maxRetries: number): string {
  const others = failures.slice(1, 6).map((f) => f.label);
  const more = failures.length > 6 ? `, … (${failures.length - 6} more)` : '';
  const rest = others.length ? `; also failed: ${others.join(', ')}${more}` : '';
  return `${describeFailure(failures[0], maxRetries)}${rest}`;
}

/** The error of a stage that stopped at a service failure, or that tolerates no item failure. */
export function failureError(stage: string, failures: readonly Failure[], maxRetries: number, stopped: boolean): MisfireError {
  const tail = stopped ? '; stopped starting new requests' : '';
  return new MisfireError('provider', `${stage}: ${failureList(failures, maxRetries)}${tail}`);
}

export interface OverLimit {
  limit: FailureLimit;
  total: number;
  /** The items, plural, e.g. `conversations`. */
  items: string;
  cacheDir: string;
}

/** Items that failed, counting every item of a shared request. */
export function failedItems(failures: readonly Failure[]): number {
  return failures.reduce((sum, f) => sum + f.items, 0);
}

/** Whether the item failures are more than the limit allows. */
export function isOverLimit(failures: readonly Failure[], limit: FailureLimit, total: number): boolean {
  return failedItems(failures) > allowedFailures(limit, total);
}

/**
 * The error of a stage whose item failures are more than the limit allows: how many failed, the limit,
 * the failures, and that a rerun retries only those (every other result is cached).
 */
export function overLimitError(stage: string, failures: readonly Failure[], maxRetries: number, over: OverLimit): MisfireError {
  const failed = failedItems(failures);
  const share = over.total > 0 ? ` (${((100 * failed) / over.total).toFixed(1)}%)` : '';
  return new MisfireError(
    'provider',
    `${stage}: ${failed} of ${over.total} ${over.items}${share} failed, more than --max-failures ${describeLimit(over.limit, over.total, over.items)} ` +
      `allows: ${failureList(failures, maxRetries)}. Nothing was written. Every other result is cached in ${over.cacheDir}, ` +
      `so a rerun retries only the ${failed} that failed.`,
  );
}

/** The error of a stage aborted by its signal. */
export function abortError(stage: string, done: number, total: number, cacheDir: string): MisfireError {
  return new MisfireError(
    'provider',
    `${stage}: aborted with ${done} of ${total} done; finished results are cached in ${cacheDir} and a rerun resumes from them`,
  );
}
