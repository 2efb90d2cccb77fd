/** The pure gate: paired McNemar per cluster and overall, BH per level, and the pass/warn/fail/insufficient rule. */
import { describe, expect, it } from 'vitest';
import { computeGate, SUPPRESSED_NAME } from '../../src/gate/compute-gate.js';
import { gateLevels } from '../../src/gate/levels.js';
import { MisfireError } from '../../src/errors.js';
import type { GateCheck, GateResult } from '../../src/gate/types.js';
import { steady, syntheticInput } from './synthetic.js';

const check = (gate: GateResult, id: string, metric: 'fpr' | 'fnr'): GateCheck => {
  const found = gate.levels.flatMap((l) => l.checks).find((c) => c.cluster_id === id && c.metric === metric);
  if (!found) throw new Error(`no check ${id} ${metric}`);
  return found;
};
const overall = (gate: GateResult, metric: 'fpr' | 'fnr') => gate.overall.find((c) => c.metric === metric) as GateCheck;

describe('computeGate', () => {
  it('passes a version compared with itself', () => {
    const input = syntheticInput([steady('L0-000'), steady('L0-001'), steady('L0-002')]);
    const gate = computeGate({ ...input, candidateFlags: input.baselineFlags, candidate: 'base' });
    expect(gate.verdict).toBe('pass');
    expect(gate.counts.fail + gate.counts.warn).toBe(0);
    for (const c of [...gate.overall, ...gate.levels.flatMap((l) => l.checks)]) {
      expect(c.increase).toBe(0);
      expect(c.p).toBe(1);
    }
  });

  it('fails a planted FPR jump in one cluster and names that cluster', () => {
    const gate = computeGate(
      syntheticInput([steady('L0-000'), { ...steady('L0-001', { label: 'Pentest questions' }), fpr: { n: 60, wrong: 3, worse: 20, better: 1 } }, steady('L0-002')]),
    );
    expect(gate.verdict).toBe('fail');
    const failing = gate.levels[0].checks.filter((c) => c.status === 'fail');
    expect(failing.map((c) => [c.cluster_id, c.cluster_name, c.metric])).toEqual([['L0-001', 'Pentest questions', 'fpr']]);
    const jump = check(gate, 'L0-001', 'fpr');
    expect(jump.baseline.rate).toBeCloseTo(3 / 60, 12);
    expect(jump.candidate.rate).toBeCloseTo(22 / 60, 12);
    expect(jump.increase).toBeCloseTo(19 / 60, 12);
    expect(check(gate, 'L0-000', 'fpr').status).toBe('pass');
    expect(check(gate, 'L0-001', 'fnr').status).toBe('pass');
  });

  it('calls a big jump in a cluster of 8 conversations insufficient_data, not fail', () => {
    const gate = computeGate(syntheticInput([steady('L0-000'), steady('L0-001'), { id: 'L0-002', fpr: { n: 8, wrong: 0, worse: 7 }, fnr: { n: 0, wrong: 0 } }]));
    const thin = check(gate, 'L0-002', 'fpr');
    expect(thin.increase).toBeCloseTo(7 / 8, 12);
    expect(thin.status).toBe('insufficient_data');
    expect(thin.reason).toMatch(/only 8 paired conversations/);
    expect(check(gate, 'L0-002', 'fnr').status).toBe('insufficient_data');
    expect(gate.levels[0].checks.some((c) => c.status === 'fail')).toBe(false);
  });

  it('passes a clear improvement', () => {
    const better = { fpr: { n: 100, wrong: 30, better: 25 }, fnr: { n: 50, wrong: 20, better: 15 } };
    const gate = computeGate(syntheticInput([{ id: 'L0-000', ...better }, { id: 'L0-001', ...better }]));
    expect(gate.verdict).toBe('pass');
    expect(gate.counts.fail + gate.counts.warn + gate.counts.insufficient_data).toBe(0);
    expect(overall(gate, 'fpr').increase).toBeCloseTo(-0.25, 12);
  });

  it('matches scipy: exact one-sided McNemar p and BH q across the clusters of a level', () => {
    // scipy.stats.binomtest(w, w + b, 0.5, alternative='greater') and false_discovery_control(method='bh')
    const gate = computeGate(
      syntheticInput([
        { id: 'L0-000', fpr: { n: 100, wrong: 1, worse: 16, better: 1 }, fnr: { n: 30, wrong: 0 } },
        { id: 'L0-001', fpr: { n: 100, wrong: 2, worse: 6, better: 2 }, fnr: { n: 30, wrong: 0 } },
        { id: 'L0-002', fpr: { n: 100, wrong: 3, worse: 3, better: 3 }, fnr: { n: 30, wrong: 0 } },
        { id: 'L0-003', fpr: { n: 100, wrong: 0, worse: 10, better: 0 }, fnr: { n: 30, wrong: 0 } },
      ]),
    );
    const ids = ['L0-000', 'L0-001', 'L0-002', 'L0-003'];
    const p = [0.0001373291015625, 0.14453125, 0.65625, 0.0009765625];
    const q = [0.00054931640625, 0.19270833333333331, 0.65625, 0.001953125];
    ids.forEach((id, i) => {
      expect(check(gate, id, 'fpr').p).toBeCloseTo(p[i], 14);
      expect(check(gate, id, 'fpr').q).toBeCloseTo(q[i], 14);
    });
    // FNR family: no discordant pairs anywhere → p = q = 1, pass.
    expect(check(gate, 'L0-000', 'fnr')).toMatchObject({ p: 1, q: 1, status: 'pass' });
  });

  it('applies the thresholds inclusively and tells warn from fail', () => {
    // One cluster, so q = p. 5 worse / 0 better of 100: +5.0 points, p = 1/32 < 0.05 → fail (≥ is inclusive).
    const at = computeGate(syntheticInput([{ id: 'L0-000', fpr: { n: 100, wrong: 0, worse: 5 }, fnr: { n: 30, wrong: 0 } }], { max_overall_increase: 0.5 }));
    expect(check(at, 'L0-000', 'fpr')).toMatchObject({ status: 'fail', p: 1 / 32 });
    // 4 worse of 100: +4 points, p = 1/16 → rose a little, not significant → pass.
    const below = computeGate(syntheticInput([{ id: 'L0-000', fpr: { n: 100, wrong: 0, worse: 4 }, fnr: { n: 30, wrong: 0 } }]));
    expect(check(below, 'L0-000', 'fpr').status).toBe('pass');
    // 6 worse / 3 better of 30: +10 points but p ≈ 0.25 → warn (rose, not significant).
    const noisy = computeGate(syntheticInput([{ id: 'L0-000', fpr: { n: 30, wrong: 3, worse: 6, better: 3 }, fnr: { n: 30, wrong: 0 } }]));
    expect(check(noisy, 'L0-000', 'fpr').status).toBe('warn');
    expect(check(noisy, 'L0-000', 'fpr').reason).toMatch(/not significant/);
    // 40 worse / 10 better of 2000: significant, only +1.5 points → warn (below tolerance).
    const small = computeGate(syntheticInput([{ id: 'L0-000', fpr: { n: 2000, wrong: 10, worse: 40, better: 10 }, fnr: { n: 30, wrong: 0 } }]));
    expect(check(small, 'L0-000', 'fpr').status).toBe('warn');
    expect(check(small, 'L0-000', 'fpr').reason).toMatch(/below the 5\.0-point tolerance/);
  });

  it('fails on the overall rate alone and respects flag-style overrides of the rule', () => {
    // Spread a 2-point rise over 10 clusters: no cluster moves 5 points, the overall rate does move 2.
    const spread = Array.from({ length: 10 }, (_, i) => ({ id: `L0-00${i}`, fpr: { n: 100, wrong: 5, worse: 3, better: 1 }, fnr: { n: 30, wrong: 3 } }));
    const gate = computeGate(syntheticInput(spread));
    expect(overall(gate, 'fpr')).toMatchObject({ status: 'fail', support: 1000 });
    expect(gate.levels[0].checks.every((c) => c.status !== 'fail')).toBe(true);
    expect(gate.verdict).toBe('fail');
    expect(computeGate(syntheticInput(spread, { max_overall_increase: 0.03 })).verdict).toBe('pass');
  });

  it('never reads thin data as a pass: too few labelled conversations overall → insufficient_data', () => {
    const gate = computeGate(syntheticInput([{ id: 'L0-000', fpr: { n: 15, wrong: 1 }, fnr: { n: 5, wrong: 1 } }]));
    expect(gate.verdict).toBe('insufficient_data');
    expect(gate.overall.map((c) => c.status)).toEqual(['insufficient_data', 'insufficient_data']);
  });

  it('judges every level: parents sum their leaves and get their own BH family', () => {
    const gate = computeGate(
      syntheticInput([
        steady('L0-000', { parent: 'L1-000' }),
        { ...steady('L0-001', { parent: 'L1-000' }), fpr: { n: 100, wrong: 5, worse: 30, better: 0 } },
        steady('L0-002', { parent: 'L1-001' }),
      ]),
    );
    const parent = check(gate, 'L1-000', 'fpr');
    expect(parent).toMatchObject({ level: 1, support: 200, worse: 32, better: 2, status: 'fail' });
    expect(check(gate, 'L1-001', 'fpr').status).toBe('pass');
    expect(gate.levels.map((l) => l.checks.length)).toEqual([6, 4]);
  });

  it('never shows a suppressed cluster\'s name', () => {
    const gate = computeGate(syntheticInput([steady('L0-000', { label: 'Secret Quenbrook family', suppressed: true }), steady('L0-001', { label: null })]));
    expect(check(gate, 'L0-000', 'fpr').cluster_name).toBe(SUPPRESSED_NAME);
    expect(check(gate, 'L0-001', 'fpr').cluster_name).toBe('(unnamed cluster)');
    expect(JSON.stringify(gate)).not.toMatch(/Quenbrook/);
  });

  it('fails closed on a labelled conversation without a verdict, and on no labelled conversation at all', () => {
    const input = syntheticInput([steady('L0-000')]);
    const candidateFlags = Int8Array.from(input.candidateFlags);
    candidateFlags[3] = -1;
    expect(() => computeGate({ ...input, candidateFlags })).toThrow(/1 labelled conversations lack a verdict/);
    const unlabelled = { ...input, labels: new Int8Array(input.labels.length).fill(-1) };
    expect(() => computeGate(unlabelled)).toThrow(MisfireError);
    expect(() => computeGate(unlabelled)).toThrow(/no labelled conversation was scored by both/);
    // An unlabelled conversation may lack verdicts: it is not part of any rate.
    const labels = Int8Array.from(input.labels);
    labels[3] = -1;
    expect(computeGate({ ...input, labels, candidateFlags }).paired.conversations).toBe(input.labels.length - 1);
  });

  it('rejects impossible settings with a config error', () => {
    expect(() => computeGate(syntheticInput([steady('L0-000')], { alpha: 0 }))).toThrow(/alpha/);
    expect(() => computeGate(syntheticInput([steady('L0-000')], { min_support: 2.5 }))).toThrow(/min_support/);
  });
});

describe('gateLevels', () => {
  it('follows parent_id from each conversation\'s leaf up to the top level', () => {
    const clusters = [
      { cluster_id: 'L0-000', parent_id: 'L1-001', level: 0, label: 'a', suppressed: false },
      { cluster_id: 'L0-001', parent_id: 'L1-000', level: 0, label: 'b', suppressed: false },
      { cluster_id: 'L1-000', parent_id: null, level: 1, label: 'p', suppressed: false },
      { cluster_id: 'L1-001', parent_id: null, level: 1, label: 'q', suppressed: true },
    ];
    const levels = gateLevels(clusters, ['L0-001', 'L0-000', 'L0-000']);
    expect(Array.from(levels[0].membership)).toEqual([1, 0, 0]);
    expect(Array.from(levels[1].membership)).toEqual([0, 1, 1]);
    expect(levels[1].clusters[1]).toEqual({ id: 'L1-001', label: 'q', suppressed: true });
    expect(() => gateLevels(clusters.slice(0, 3), ['L0-000'])).toThrow(/no ancestor at level 1/);
  });
});
