/** Which exit code each kind of failure gets, and that every command's --help states the same numbers. */
import { describe, expect, it } from 'vitest';
import { exitCodesHelp } from '../src/cli/exit-codes-help.js';
import { configError, EXIT_CODES, exitCodeFor, inputError, MisfireError } from '../src/errors.js';

describe('exitCodeFor', () => {
  it('gives provider failures 4, other MisfireErrors 2 and anything else 3', () => {
    expect(exitCodeFor(new MisfireError('provider', 'facets: HTTP 529'))).toBe(4);
    expect(exitCodeFor(inputError('bad row', { file: 'a.csv', line: 3 }))).toBe(2);
    expect(exitCodeFor(configError('--alpha must be between 0 and 1'))).toBe(2);
    expect(exitCodeFor(new MisfireError('gate', 'too little data'))).toBe(2);
    expect(exitCodeFor(new RangeError('wilsonInterval needs 0 ≤ successes ≤ trials'))).toBe(3);
    expect(exitCodeFor('thrown string')).toBe(3);
  });

  it('keeps the documented numbers', () => {
    expect(EXIT_CODES).toEqual({ success: 0, regression: 1, usage: 2, unexpected: 3, provider: 4 });
  });
});

describe('exitCodesHelp', () => {
  it('lists the meanings given, in code order', () => {
    expect(exitCodesHelp({ provider: 'provider failed', success: 'written', usage: 'bad run' })).toBe(
      'Exit codes: 0 written; 2 bad run; 4 provider failed.',
    );
  });
});
