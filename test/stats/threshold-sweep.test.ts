import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdSweep } from '../../src/stats/threshold-sweep.js';

describe('thresholdSweep', () => {
  // Worked by hand: positives score 0.9, 0.6, 0.3; negatives 0.8, 0.3, 0.1.
  const scores = [0.9, 0.8, 0.6, 0.3, 0.3, 0.1];
  const labels = [1, 0, 1, 1, 0, 0];

  it('counts score ≥ threshold as flagged, including exact ties with the threshold', () => {
    expect(thresholdSweep(scores, labels, [0.3])).toEqual([
      { threshold: 0.3, tp: 3, fp: 2, tn: 1, fn: 0, fpr: 2 / 3, fnr: 0 },
    ]);
  });

  it('returns one point per threshold, in the order given', () => {
    const points = thresholdSweep(scores, labels, [1, 0.7, -Infinity, 0.85]);
    expect(points.map((p) => [p.threshold, p.tp, p.fp, p.tn, p.fn])).toEqual([
      [1, 0, 0, 3, 3],
      [0.7, 1, 1, 2, 2],
      [-Infinity, 3, 3, 0, 0],
      [0.85, 1, 0, 3, 2],
    ]);
    expect(points[0].fpr).toBe(0);
    expect(points[0].fnr).toBe(1);
    expect(points[1].fnr).toBeCloseTo(2 / 3, 15);
  });

  it('gives null rates when a class is empty', () => {
    const [onlyPositives] = thresholdSweep([0.2, 0.7], [true, true], [0.5]);
    expect(onlyPositives).toEqual({ threshold: 0.5, tp: 1, fp: 0, tn: 0, fn: 1, fpr: null, fnr: 0.5 });
    const [onlyNegatives] = thresholdSweep([0.2, 0.7], [0, 0], [0.5]);
    expect(onlyNegatives.fnr).toBeNull();
    expect(onlyNegatives.fpr).toBe(0.5);
    expect(thresholdSweep([], [], [0.5])).toEqual([
      { threshold: 0.5, tp: 0, fp: 0, tn: 0, fn: 0, fpr: null, fnr: null },
    ]);
  });

  it('rejects NaN thresholds and bad inputs', () => {
    expect(() => thresholdSweep(scores, labels, [NaN])).toThrow(RangeError);
    expect(() => thresholdSweep([0.1], [1, 0], [0.5])).toThrow(RangeError);
    expect(() => thresholdSweep([NaN], [1], [0.5])).toThrow(RangeError);
  });

  it('agrees with counting every item directly', () => {
    const grid = fc.integer({ min: 0, max: 10 }).map((k) => k / 10);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(grid, fc.boolean()), { maxLength: 60 }),
        fc.array(fc.oneof(grid, fc.double({ min: -1, max: 2, noNaN: true })), { maxLength: 12 }),
        (rows, thresholds) => {
          const points = thresholdSweep(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
            thresholds,
          );
          const positives = rows.filter((r) => r[1]).length;
          const negatives = rows.length - positives;
          thresholds.forEach((t, i) => {
            const tp = rows.filter(([s, l]) => l && s >= t).length;
            const fp = rows.filter(([s, l]) => !l && s >= t).length;
            expect(points[i]).toEqual({
              threshold: t,
              tp,
              fp,
              fn: positives - tp,
              tn: negatives - fp,
              fpr: negatives === 0 ? null : fp / negatives,
              fnr: positives === 0 ? null : (positives - tp) / positives,
            });
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
