/** The error a promise rejects with, for tests of failures. */
import { isMisfireError, type MisfireError } from '../../src/errors.js';

/**
 * The MisfireError `promise` rejects with; anything else it rejects with is rethrown, and fulfilling fails.
 * @example
 * expect((await rejectionOf(readJson('nope.json', 'run.json'))).code).toBe('input');
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<MisfireError> {
  try {
    await promise;
  } catch (err) {
    if (isMisfireError(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}
