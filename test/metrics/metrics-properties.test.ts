/** Property tests (fast-check) of the metrics stage over random hierarchies, verdicts, labels and scores. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/index.js';
import type { ClusterMetrics, Interval } from '../../src/metrics/confusion.js';
import { hierarchyOf, nonFiniteNumbers, verdictsOf } from './fixtures.js';

interface Case {
  leafK: number;
  parentOfs: number[][];
  rows: { leaf: number; label: number; flagged: number; score: number; concern: number; category: string | null }[];
  labelled: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({ leafK: fc.integer({ min: 1, max: 8 }), extraLevels: fc.integer({ min: 0, max: 2 }), labelled: fc.boolean() })
  .chain(({ leafK, extraLevels, labelled }) => {
    // Parent arrays: level l's k children each pick a parent among at most as many clusters.
    const parents = (k: number, left: number): fc.Arbitrary<number[][]> =>
      left === 0
        ? fc.constant([])
        : fc.integer({ min: 1, max: k }).chain((next) =>
            fc.array(fc.integer({ min: 0, max: next - 1 }), { minLength: k, maxLength: k }).chain((parentOf) => {
              const realNext = Math.max(...parentOf) + 1;
              return parents(realNext, left - 1).map((rest) => [parentOf, ...rest]);
            }),
          );
    const row = fc.record({
      leaf: fc.integer({ min: 0, max: leafK - 1 }),
      label: fc.integer({ min: -1, max: 1 }),
      flagged: fc.integer({ min: -1, max: 1 }),
      score: fc.oneof(fc.integer({ min: 0, max: 10 }).map((x) => x / 10), fc.constant(NaN)),
      concern: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(NaN)),
      category: fc.constantFrom(null, 'hate', 'fraud'),
    });
    return fc.record({ leafK: fc.constant(leafK), parentOfs: parents(leafK, extraLevels), rows: fc.array(row, { maxLength: 120 }), labelled: fc.constant(labelled) });
  });

function build(c: Case) {
  const hierarchy = hierarchyOf(c.rows.map((r) => r.leaf), c.leafK, c.parentOfs);
  const flags = c.rows.map((r) => r.flagged);
  const result = computeMetrics({
    hierarchy,
    classifiers: [verdictsOf('plain', flags), verdictsOf('scored', flags, c.rows.map((r) => (r.flagged < 0 ? NaN : r.score)))],
    labels: c.labelled ? Int8Array.from(c.rows.map((r) => r.label)) : null,
    categories: c.rows.map((r) => r.category),
    concern: Float64Array.from(c.rows.map((r) => r.concern)),
    settings: { alpha: 0.05, minEffect: 0.05, minSupport: 3 },
  });
  return { hierarchy, result };
}

const CELLS = ['tn', 'fp', 'fn', 'tp', 'verdicts', 'flagged'] as const;

function expectRate(rate: number | null, ci: Interval) {
  if (rate === null) {
    expect(ci).toBeNull();
    return;
  }
  expect(rate).toBeGreaterThanOrEqual(0);
  expect(rate).toBeLessThanOrEqual(1);
  expect(ci).not.toBeNull();
  const [lo, hi] = ci as [number, number];
  expect(0 <= lo && lo <= rate && rate <= hi && hi <= 1).toBe(true);
}

function expectBh(rows: ClusterMetrics[], p: 'fpr_p' | 'fnr_p', q: 'fpr_q' | 'fnr_q') {
  const tested = rows.filter((r) => r[p] !== null);
  for (const r of rows) expect(r[q] === null).toBe(r[p] === null);
  for (const a of tested) {
    expect(a[q] as number).toBeGreaterThanOrEqual(a[p] as number);
    expect(a[q] as number).toBeLessThanOrEqual(1);
    for (const b of tested) if ((a[p] as number) <= (b[p] as number)) expect(a[q] as number).toBeLessThanOrEqual(b[q] as number);
  }
}

describe('metrics properties', () => {
  it('counts add up at every level and parents are the sums of their children', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { hierarchy, result } = build(c);
        for (const m of result.classifiers) {
          for (let l = 0; l < hierarchy.levels.length; l++) {
            const rows = m.clusters.filter((r) => r.level === l);
            expect(rows).toHaveLength(hierarchy.levels[l].k);
            for (const cell of CELLS) expect(rows.reduce((s, r) => s + r[cell], 0)).toBe(m.overall[cell]);
            for (const r of rows) expect(r.n).toBe(r.tn + r.fp + r.fn + r.tp);
            expect(rows.reduce((s, r) => s + r.n, 0)).toBe(c.labelled ? c.rows.filter((x) => x.label >= 0 && x.flagged >= 0).length : 0);
            const parentOf = hierarchy.levels[l].parentOf;
            if (!parentOf) continue;
            const parents = m.clusters.filter((r) => r.level === l + 1);
            parents.forEach((parent, p) => {
              const children = rows.filter((_, child) => parentOf[child] === p);
              for (const cell of CELLS) expect(children.reduce((s, r) => s + r[cell], 0)).toBe(parent[cell]);
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rates lie in [0, 1] inside their intervals; q ≥ p and q is monotone in p within a level', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { hierarchy, result } = build(c);
        for (const m of result.classifiers) {
          for (const r of [m.overall, ...m.clusters]) {
            expectRate(r.fpr, r.fpr_ci);
            expectRate(r.fnr, r.fnr_ci);
            for (const x of [r.precision, r.recall, r.flag_rate, r.prevalence]) if (x !== null) expect(x >= 0 && x <= 1).toBe(true);
          }
          for (let l = 0; l < hierarchy.levels.length; l++) {
            const rows = m.clusters.filter((r) => r.level === l);
            expectBh(rows, 'fpr_p', 'fpr_q');
            expectBh(rows, 'fnr_p', 'fnr_q');
          }
          for (const r of m.proxy?.clusters ?? []) expectRate(r.flag_rate, r.flag_rate_ci);
          for (const r of m.categories?.clusters ?? []) r.fnr.forEach((x, i) => expectRate(x, r.fnr_ci[i]));
          for (const r of m.scores?.clusters ?? []) {
            for (const x of [r.roc_auc, r.pr_auc, ...(r.sweep_fpr ?? []), ...(r.sweep_fnr ?? [])]) if (x !== null) expect(x >= 0 && x <= 1).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never produces NaN or infinities, in either mode', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { result } = build(c);
        expect(result.mode).toBe(c.labelled ? 'labelled' : 'proxy');
        expect(nonFiniteNumbers(result)).toEqual([]);
        for (const m of result.classifiers) {
          expect(m.proxy === null).toBe(c.labelled);
          if (!c.labelled) expect(m.scores).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
