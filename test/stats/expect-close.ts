/** Relative-tolerance comparison for reference values (vitest's toBeCloseTo is absolute). */
import { expect } from 'vitest';

/** |actual − expected| ≤ rtol·|expected| (or ≤ rtol when expected is 0). */
export function expectClose(actual: number | null | undefined, expected: number, rtol: number): void {
  expect(typeof actual, `expected a number close to ${expected}`).toBe('number');
  const value = actual as number;
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs(value - expected) / scale;
  expect(error, `${value} vs ${expected}: relative error ${error} > ${rtol}`).toBeLessThanOrEqual(rtol);
}
