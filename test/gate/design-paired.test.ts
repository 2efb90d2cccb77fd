/** The gate's design-weighted paired checks: hand-computed weights, and a census that equals the plain checks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designPairedFields } from '../../src/gate/design-paired.js';
import { pairedFields } from '../../src/gate/paired-check.js';
import { pairedCounts } from '../../src/gate/paired-counts.js';

describe('designPairedFields', () => {
  it('weighs each labelled conversation N_h / m_h (hand-computed)', () => {
    // stratum 0 (N 10): two benign drawn, the candidate wrongly flags one of them; stratum 1 (N 90): two benign, both right
    const labels = Int8Array.of(0, 0, 0, 0);
    const baseline = Int8Array.of(0, 0, 0, 0);
    const candidate = Int8Array.of(1, 0, 0, 0);
    const design = { stratumOf: Int32Array.of(0, 0, 1, 1), population: Float64Array.of(10, 90), labelled: Int32Array.of(2, 2) };
    const [{ fpr, fnr }] = designPairedFields(labels, baseline, candidate, new Int32Array(4), 1, design);
    // counts stay the sample's; rates are 5 / (5·2 + 45·2)
    expect([fpr.support, fpr.worse, fpr.better, fpr.candidate.errors]).toEqual([4, 1, 0, 1]);
    expect(fpr.candidate.rate).toBeCloseTo(0.05, 15);
    expect(fpr.baseline.rate).toBe(0);
    expect(fpr.increase).toBeCloseTo(0.05, 15);
    // n_eff = (0.05 − 0.05²) / V = 0.0475 / 0.002 = 23.75, truncated at the 4 labelled: 0.2 worse → 0 effective → p = 1
    expect(fpr.p).toBe(1);
    expect(fnr.support).toBe(0);
    expect(fnr.p).toBeNull();
  });

  it('with every conversation drawn and labelled, equals the unweighted checks (property)', () => {
    const item = fc.record({ label: fc.constantFrom(0, 1), baseline: fc.constantFrom(0, 1), candidate: fc.constantFrom(0, 1), stratum: fc.integer({ min: 0, max: 3 }), group: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 80 }), (items) => {
        const labels = Int8Array.from(items, (i) => i.label);
        const baseline = Int8Array.from(items, (i) => i.baseline);
        const candidate = Int8Array.from(items, (i) => i.candidate);
        const groupOf = Int32Array.from(items, (i) => i.group);
        const stratumOf = Int32Array.from(items, (i) => i.stratum);
        const sizes = Float64Array.from({ length: 4 }, (_, h) => items.filter((i) => i.stratum === h).length);
        const design = { stratumOf, population: sizes, labelled: Int32Array.from(sizes) };
        const weighted = designPairedFields(labels, baseline, candidate, groupOf, 3, design);
        const plain = pairedCounts(labels, baseline, candidate, groupOf, 3);
        for (let g = 0; g < 3; g++) {
          for (const metric of ['fpr', 'fnr'] as const) {
            const w = weighted[g][metric];
            const p = pairedFields(plain[g][metric], metric);
            expect([w.support, w.worse, w.better, w.baseline.errors, w.candidate.errors]).toEqual([p.support, p.worse, p.better, p.baseline.errors, p.candidate.errors]);
            for (const [a, b] of [[w.increase, p.increase], [w.p, p.p], [w.baseline.rate, p.baseline.rate], [w.candidate.ci?.[0], p.candidate.ci?.[0]]]) {
              if (b === null || b === undefined) expect(a ?? null).toBeNull();
              else expect(a).toBeCloseTo(b, 10);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
