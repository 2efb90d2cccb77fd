import { describe, expect, it } from 'vitest';
import { effectiveSampleSize } from '../../src/stats/effective-sample-size.js';
import { kishEffectiveN } from '../../src/stats/kish.js';
import { expectClose } from './expect-close.js';

describe('effectiveSampleSize', () => {
  it('is σ²/V truncated at the labelled units, and Kish when V cannot say', () => {
    expect(effectiveSampleSize(0.21, 0.021, 20, 3)).toBeCloseTo(10, 12);
    expect(effectiveSampleSize(0.21, 0.0105, 12, 3)).toBe(12);
    expect(effectiveSampleSize(0, 0, 20, 6.4)).toBe(6.4);
    expect(effectiveSampleSize(0.21, 0, 20, 6.4)).toBe(6.4);
    expect(effectiveSampleSize(0.21, 0.01, 0, 6.4)).toBe(0);
    expect(effectiveSampleSize(0, 0, 5, 6.4)).toBe(5);
  });

  it('kishEffectiveN is (Σw)²/Σw²: n for equal weights, less for unequal ones', () => {
    expect(kishEffectiveN(100, 1000)).toBe(10);
    // weights 1, 1, 10: (12)² / 102
    expectClose(kishEffectiveN(12, 102), 144 / 102, 1e-15);
    expect(kishEffectiveN(0, 0)).toBe(0);
  });
});
