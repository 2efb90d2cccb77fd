import { describe, expect, it } from 'vitest';
import { bernoulliScanLlr } from '../../src/stats/bernoulli-scan.js';

describe('Bernoulli scan statistic', () => {
  it('matches the log-likelihood ratio computed by hand (values from Python, math.log)', () => {
    expect(bernoulliScanLlr(18, 20, 40, 200)).toBeCloseTo(26.739541271714415, 12);
  });
  it('is 0 when the inside rate is not higher, and grows with the contrast', () => {
    expect(bernoulliScanLlr(2, 20, 40, 200)).toBe(0);
    expect(bernoulliScanLlr(4, 20, 40, 200)).toBe(0);
    expect(bernoulliScanLlr(10, 20, 40, 200)).toBeLessThan(bernoulliScanLlr(15, 20, 40, 200));
    expect(bernoulliScanLlr(20, 20, 20, 200)).toBeGreaterThan(0);
  });
});
