import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc } from '../../src/stats/auc.js';
import { expectClose } from './expect-close.js';

/*
 * sklearn is not installed here, so references are brute force over the definitions:
 * AUC (all positive–negative pairs, ties count ½; scipy.stats.mannwhitneyu(P, N).statistic/(len(P)*len(N))
 * gives the same values):
 *   python3 -c "s=S; y=Y; P=[a for a,b in zip(s,y) if b]; N=[a for a,b in zip(s,y) if not b]; print(repr(sum((p>n)+0.5*(p==n) for p in P for n in N)/(len(P)*len(N))))"
 * AP (sklearn's step-wise sum over distinct thresholds, descending, ties entering together):
 *   python3 -c "s=S; y=Y; T=sorted(set(s),reverse=True); k=sum(y); tp=lambda t: sum(1 for a,b in zip(s,y) if a>=t and b); fl=lambda t: sum(1 for a in s if a>=t); R=[tp(t)/k for t in T]; print(repr(sum((R[i]-(R[i-1] if i else 0))*tp(T[i])/fl(T[i]) for i in range(len(T)))))"
 */

// 30 scores rounded to one decimal (many ties), labels drawn with P(positive) = 0.2 + 0.6·score.
const TIED_SCORES = [
  0.1, 0.2, 0.8, 0.6, 0.1, 0.4, 0.5, 0.2, 0.7, 0.1, 0.4, 0.5, 0.4, 0.6, 0.7, 1.0, 0.3, 0.6, 0.7, 0.3, 0.0, 1.0, 0.3,
  0.3, 0.9, 0.6, 0.5, 0.8, 0.0, 0.7,
];
const TIED_LABELS = [
  0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
];

describe('rocAuc', () => {
  it('matches the brute-force pair count on scores with many ties', () => {
    expectClose(rocAuc(TIED_SCORES, TIED_LABELS), 0.665158371040724, 1e-15);
  });

  it.each([
    [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75],
    [[0.3, 0.3, 0.7, 0.7, 0.7, 0.1], [1, 0, 1, 0, 0, 1], 0.2777777777777778],
    [[0.2, 0.2, 0.9, 0.1], [0, 1, 1, 0], 0.875],
  ])('rocAuc(%j, %j) = %s', (scores, labels, expected) => {
    expectClose(rocAuc(scores, labels), expected, 1e-15);
  });

  it('is ½ when every score ties, 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.5);
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
  });

  it('returns null when either class is empty', () => {
    expect(rocAuc([0.1, 0.9], [1, 1])).toBeNull();
    expect(rocAuc([0.1, 0.9], [false, false])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });

  it('accepts booleans and typed arrays', () => {
    expect(rocAuc(Float64Array.from([0.1, 0.4, 0.35, 0.8]), [false, false, true, true])).toBe(0.75);
  });

  it('rejects mismatched lengths, NaN scores and labels that are not 0/1', () => {
    expect(() => rocAuc([0.1, 0.2], [1])).toThrow(RangeError);
    expect(() => rocAuc([0.1, NaN], [1, 0])).toThrow(RangeError);
    expect(() => rocAuc([0.1, 0.2], [1, 2])).toThrow(RangeError);
  });
});

describe('averagePrecision', () => {
  it('matches the brute-force step-wise sum on scores with many ties', () => {
    expectClose(averagePrecision(TIED_SCORES, TIED_LABELS), 0.6561505077976649, 1e-14);
  });

  it.each([
    // The first is the example from sklearn's average_precision_score documentation (0.83...).
    [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.8333333333333333],
    [[0.3, 0.3, 0.7, 0.7, 0.7, 0.1], [1, 0, 1, 0, 0, 1], 0.4111111111111111],
    [[0.2, 0.2, 0.9, 0.1], [0, 1, 1, 0], 0.8333333333333333],
  ])('averagePrecision(%j, %j) = %s', (scores, labels, expected) => {
    expectClose(averagePrecision(scores, labels), expected, 1e-15);
  });

  it('is null without positives and 1 without negatives', () => {
    expect(averagePrecision([0.3, 0.6], [0, 0])).toBeNull();
    expect(averagePrecision([1, 2, 3], [1, 1, 1])).toBe(1);
  });

  it('counts tied scores together rather than in input order', () => {
    // With a positive and a negative tied at the top, precision there is ½ whatever their order.
    expect(averagePrecision([0.9, 0.9], [1, 0])).toBe(0.5);
    expect(averagePrecision([0.9, 0.9], [0, 1])).toBe(0.5);
  });
});

/** O(n²) oracle: the share of (positive, negative) pairs ranked correctly, ties ½. */
function bruteForceAuc(scores: number[], labels: boolean[]): number | null {
  let pairs = 0;
  let total = 0;
  scores.forEach((s, i) => {
    if (!labels[i]) return;
    scores.forEach((t, j) => {
      if (labels[j]) return;
      total++;
      pairs += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return total === 0 ? null : pairs / total;
}

/** O(n·T) oracle for sklearn's AP: Σ over distinct thresholds (descending) of Δrecall · precision. */
function bruteForceAveragePrecision(scores: number[], labels: boolean[]): number | null {
  const positives = labels.filter(Boolean).length;
  if (positives === 0) return null;
  const thresholds = [...new Set(scores)].sort((x, y) => y - x);
  let previousRecall = 0;
  let sum = 0;
  for (const t of thresholds) {
    const flagged = scores.filter((s) => s >= t).length;
    const truePositives = scores.filter((s, i) => s >= t && labels[i]).length;
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / flagged);
    previousRecall = recall;
  }
  return sum;
}

describe('rocAuc and averagePrecision properties', () => {
  const scored = fc
    .array(fc.tuple(fc.integer({ min: -5, max: 5 }).map((k) => k / 4), fc.boolean()), { maxLength: 80 })
    .map((rows) => ({ scores: rows.map((r) => r[0]), labels: rows.map((r) => r[1]) }));

  it('equals the pairwise definition, and flipping the labels gives 1 − AUC', () => {
    fc.assert(
      fc.property(scored, ({ scores, labels }) => {
        const auc = rocAuc(scores, labels);
        const expected = bruteForceAuc(scores, labels);
        if (expected === null) {
          expect(auc).toBeNull();
          return;
        }
        expect(Math.abs((auc as number) - expected)).toBeLessThanOrEqual(1e-12);
        const flipped = rocAuc(scores, labels.map((l) => !l)) as number;
        expect(Math.abs(flipped - (1 - (auc as number)))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('average precision equals the step-wise definition', () => {
    fc.assert(
      fc.property(scored, ({ scores, labels }) => {
        const ap = averagePrecision(scores, labels);
        const expected = bruteForceAveragePrecision(scores, labels);
        if (expected === null) {
          expect(ap).toBeNull();
          return;
        }
        expect(Math.abs((ap as number) - expected)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('average precision lies in (0, 1] whenever there is a positive', () => {
    fc.assert(
      fc.property(scored, ({ scores, labels }) => {
        const ap = averagePrecision(scores, labels);
        if (!labels.includes(true)) {
          expect(ap).toBeNull();
          return;
        }
        expect(ap as number).toBeGreaterThan(0);
        expect(ap as number).toBeLessThanOrEqual(1 + 1e-15);
      }),
      { numRuns: 300 },
    );
  });
});
