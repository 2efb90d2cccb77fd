import { describe, expect, it } from 'vitest';
import { buildStrata, stratumName } from '../../src/sampling/strata.js';
import { DEFAULT_ERROR_PRIOR, plausibleErrorShares } from '../../src/sampling/plausible-errors.js';
import { stratumSpreads } from '../../src/sampling/stratum-spread.js';
import { expectClose } from '../stats/expect-close.js';

describe('buildStrata', () => {
  it('splits every leaf by verdict, flagged first, leaving out empty strata', () => {
    const strata = buildStrata(Int32Array.of(1, 0, 0, 1, 1), ['L0-000', 'L0-001'], Int8Array.of(0, 1, 0, -1, 0));
    expect(strata.names).toEqual(['L0-000/flagged', 'L0-000/not-flagged', 'L0-001/not-flagged', 'L0-001/no-verdict']);
    expect(Array.from(strata.leaf)).toEqual([0, 0, 1, 1]);
    expect(strata.members.map((m) => Array.from(m))).toEqual([[1], [2], [0, 4], [3]]);
    expect(stratumName('L0-007', 'not-flagged')).toBe('L0-007/not-flagged');
  });
});

describe('plausibleErrorShares', () => {
  const strata = buildStrata(Int32Array.of(0, 0, 0, 0, 0, 0), ['L0-000'], Int8Array.of(1, 1, 1, 0, 0, -1));

  it('is the Beta(1, 4) mean without labels, and the posterior mean with them', () => {
    const prior = plausibleErrorShares(strata, null);
    expect(prior[0]).toBe(0.2);
    expect(prior[1]).toBe(0.2);
    expect(Number.isNaN(prior[2])).toBe(true);
    // flagged: labels 0, 0, 1 → two wrong of three: (1 + 2)/(5 + 3); not flagged: labels 1, unknown → (1 + 1)/(5 + 1)
    const shares = plausibleErrorShares(strata, Int8Array.of(0, 0, 1, 1, -1, 0), DEFAULT_ERROR_PRIOR);
    expect(shares[0]).toBe(0.375);
    expectClose(shares[1], 2 / 6, 1e-15);
  });
});

describe('stratumSpreads', () => {
  it('matches the formula of the methods (python reference)', () => {
    // one leaf of 100: 10 flagged, 90 not, e = 0.2 for both, the whole traffic (N_c/N = 1)
    const leafOf = new Int32Array(100);
    const flagged = Int8Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const strata = buildStrata(leafOf, ['L0-000'], flagged);
    const spreads = stratumSpreads(strata, Float64Array.of(0.2, 0.2), 100, 1);
    expectClose(spreads[0], 0.011878627160154896, 1e-12);
    expectClose(spreads[1], 0.004735981616190243, 1e-12);
    const costly = stratumSpreads(strata, Float64Array.of(0.2, 0.2), 100, 3);
    expectClose(costly[0], 0.03238260385015109, 1e-12);
    expectClose(costly[1], 0.014201934859431272, 1e-12);
  });

  it('weighs a leaf by its share of the conversations and gives no-verdict strata nothing', () => {
    // leaf 0: 30 flagged (e = 0.375), 10 not flagged (e = 0.1), 2 without a verdict; 200 conversations in all
    const leafOf = new Int32Array(42);
    const flagged = Int8Array.from({ length: 42 }, (_, i) => (i < 30 ? 1 : i < 40 ? 0 : -1));
    const strata = buildStrata(leafOf, ['L0-000'], flagged);
    const spreads = stratumSpreads(strata, Float64Array.of(0.375, 0.1, Number.NaN), 200 * (42 / 40), 1);
    // N_c/N = 42/210 = 40/200
    expectClose(spreads[0], 0.004784161758198881, 1e-12);
    expectClose(spreads[1], 0.00742561567090527, 1e-12);
    expect(spreads[2]).toBe(0);
  });
});
