/**
 * The simulation behind `misfire run --sample`'s intervals: on the shipped demo (every label known), draw 5 %
 * of the conversations with `misfire sample`'s planner (no labels, as in production), estimate every
 * classifier's per-cluster FPR and FNR from that sample, and count how often the 95 % interval holds the
 * demo's true rate, over every cluster of every level and many seeds. `npm run bench -- --sampling` runs
 * the same with more seeds and also measures the budget needed to find the planted pockets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/index.js';
import { joinVerdictsAndLabels, type JoinedData } from '../../src/metrics/join.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { planSample, planUniformSample, type SamplePlan } from '../../src/sampling/index.js';
import { clusterId } from '../../src/clustering/hierarchy.js';
import type { ClassifierMetrics } from '../../src/metrics/confusion.js';
import { DEMO_INPUTS, sharedDemoOutcome, type DemoOutcome } from '../helpers/demo-run.js';
import { readFile } from 'node:fs/promises';

const SEEDS = 40;

let demo: DemoOutcome;
let joined: JoinedData;
let truth: ClassifierMetrics[];

beforeAll(async () => {
  demo = sharedDemoOutcome();
  const ids = (await readFile(DEMO_INPUTS.conversations, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
  joined = joinVerdictsAndLabels(ids, (await readVerdicts(DEMO_INPUTS.verdicts)).rows, (await readLabels(DEMO_INPUTS.labels)).rows);
  truth = computeMetrics({ hierarchy: demo.hierarchy, classifiers: joined.classifiers, labels: joined.labels }).classifiers;
});

/** Every classifier's metrics from the labels `plan` draws. */
function estimate(plan: SamplePlan): ClassifierMetrics[] {
  const stratumOf = new Int32Array(demo.hierarchy.leafOf.length).fill(-1);
  for (const p of plan.picks) stratumOf[p.index] = p.stratum;
  const design = { strata: plan.strata.map((s) => s.name), population: Float64Array.from(plan.strata, (s) => s.population), drawn: Int32Array.from(plan.strata, (s) => s.sampled), stratumOf };
  const labels = Int8Array.from(joined.labels as Int8Array, (l, i) => (stratumOf[i] >= 0 ? l : -1));
  return computeMetrics({ hierarchy: demo.hierarchy, classifiers: joined.classifiers, labels, design }).classifiers;
}

/** Share of (cluster, rate) pairs whose true rate lies in the estimated interval, by group. */
function coverage(runs: { planned: string; metrics: ClassifierMetrics[] }[]): Record<'all' | 'planned' | 'others', number> {
  const tally = { all: [0, 0], planned: [0, 0], others: [0, 0] };
  for (const { planned, metrics } of runs) {
    metrics.forEach((m, c) => {
      m.clusters.forEach((row, j) => {
        for (const k of ['fpr', 'fnr'] as const) {
          const t = truth[c].clusters[j][k];
          const ci = row[k === 'fpr' ? 'fpr_ci' : 'fnr_ci'];
          if (t === null || ci === null) continue;
          const inside = t >= ci[0] - 1e-12 && t <= ci[1] + 1e-12 ? 1 : 0;
          for (const group of ['all', m.name === planned ? 'planned' : 'others'] as const) {
            tally[group][0] += inside;
            tally[group][1]++;
          }
        }
      });
    });
  }
  return { all: tally.all[0] / tally.all[1], planned: tally.planned[0] / tally.planned[1], others: tally.others[0] / tally.others[1] };
}

describe('intervals from a 5 % labelled sample of the demo', () => {
  it('hold the true per-cluster rates about 95 % of the time', () => {
    const budget = Math.round(0.05 * demo.hierarchy.leafOf.length);
    const runs = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      for (const planned of joined.classifiers) {
        const plan = planSample({ leafOf: demo.hierarchy.leafOf, leafIds: Array.from({ length: demo.hierarchy.levels[0].k }, (_, c) => clusterId(0, c)), flagged: planned.flagged, labels: null, budget, seed });
        expect(plan.picks).toHaveLength(budget);
        runs.push({ planned: planned.name, metrics: estimate(plan) });
      }
    }
    const c = coverage(runs);
    // Conservative for the classifier the sample was planned for (its strata pin its rates down better than
    // the truncated effective n admits), close to nominal for the others.
    expect(c.all).toBeGreaterThanOrEqual(0.92);
    expect(c.all).toBeLessThanOrEqual(0.98);
    expect(c.planned).toBeGreaterThanOrEqual(0.9);
    expect(c.planned).toBeLessThanOrEqual(0.99);
    expect(c.others).toBeGreaterThanOrEqual(0.9);
    expect(c.others).toBeLessThanOrEqual(0.99);
  });

  it('and so do those from a uniform random sample of the same size', () => {
    const runs = [];
    for (let seed = 1; seed <= SEEDS; seed++) runs.push({ planned: '', metrics: estimate(planUniformSample(demo.hierarchy.leafOf.length, 150, seed)) });
    const c = coverage(runs);
    expect(c.all).toBeGreaterThanOrEqual(0.9);
    expect(c.all).toBeLessThanOrEqual(0.99);
  });
});
