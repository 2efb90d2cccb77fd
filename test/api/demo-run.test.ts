/**
 * The shipped demo, end to end, on the run the global setup shares: same inputs + seed give byte-identical
 * JSON/CSV artifacts (checked against one second run), the run folder holds the artifact contract, and the
 * pockets planted by the generator are the ones misfire ranks first.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import { POCKET_TOPICS } from '../../src/demo/index.js';
import { demoRun, DEMO_INPUTS, sharedDemoRun } from '../helpers/demo-run.js';

const firstDir = sharedDemoRun();
const root = mkdtempSync(join(tmpdir(), 'misfire-demo-'));
const secondDir = join(root, 'second');
let clusters: ClusterRecord[];
let metrics: MetricsDocument;
const topicOf = new Map<string, string>();
const labelOf = new Map<string, number>();

beforeAll(async () => {
  const folder = await readRunFolder(firstDir);
  clusters = folder.clusters;
  metrics = await readRunMetrics(folder);
  for (const line of readFileSync(DEMO_INPUTS.conversations, 'utf8').trim().split('\n')) {
    const row = JSON.parse(line) as { id: string; topic: string };
    topicOf.set(row.id, row.topic);
  }
  for (const line of readFileSync(DEMO_INPUTS.labels, 'utf8').trim().split('\n').slice(1)) {
    const [id, label] = line.split(',');
    labelOf.set(id, Number(label));
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('determinism', () => {
  it('writes byte-identical JSON and CSV artifacts and leaf centroids for the same inputs and seed', async () => {
    await demoRun(secondDir);
    const names = readdirSync(firstDir).filter((f) => /\.(json|csv)$/.test(f) && f !== 'timings.json');
    expect(names.sort()).toEqual(['assignments.csv', 'clusters.json', 'metrics.json', 'pockets.csv', 'run.json', 'slices.csv']);
    for (const name of names) expect(readFileSync(join(secondDir, name)), name).toEqual(readFileSync(join(firstDir, name)));
    expect(readFileSync(join(secondDir, 'model/centroids.bin'))).toEqual(readFileSync(join(firstDir, 'model/centroids.bin')));
    const labels = clusters.map((c) => `${c.cluster_id} ${c.label}`);
    expect(new Set(labels).size).toBe(clusters.length);
  });

  it('writes the artifact contract', () => {
    for (const name of ['index.html', 'metrics.json', 'clusters.json', 'assignments.csv', 'run.json', 'report.md']) {
      expect(readdirSync(firstDir)).toContain(name);
    }
    const metrics = JSON.parse(readFileSync(join(firstDir, 'metrics.json'), 'utf8'));
    expect(metrics.schema).toBe('misfire.metrics/v1');
    const clusters = JSON.parse(readFileSync(join(firstDir, 'clusters.json'), 'utf8')) as { cluster_id: string; level: number }[];
    for (const c of metrics.classifiers) {
      expect(Object.keys(c.overall)).toEqual(expect.arrayContaining(['n', 'tp', 'fp', 'tn', 'fn', 'fpr', 'fnr', 'precision', 'recall']));
      expect(c.clusters.map((r: { cluster_id: string }) => r.cluster_id).sort()).toEqual(clusters.map((r) => r.cluster_id).sort());
      for (const r of c.clusters) {
        for (const key of ['cluster_id', 'level', 'n', 'tp', 'fp', 'tn', 'fn', 'fpr', 'fpr_ci', 'fpr_p', 'fpr_q', 'excess_fp', 'fnr', 'fnr_ci', 'fnr_p', 'fnr_q', 'excess_fn', 'suppressed']) {
          expect(r, key).toHaveProperty(key);
        }
      }
    }
    const csv = readFileSync(join(firstDir, 'assignments.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('conversation_id,cluster_id');
    expect(csv).toHaveLength(3001);
  });
});

describe('the planted pockets are ranked first', () => {
  /**
   * Share of the conversations behind a cluster's rate (its negatives for an FPR pocket, its positives for
   * an FNR pocket) that come from the planted topics.
   */
  function purity(clusterId: string, topics: readonly string[], label: 0 | 1): number {
    const leaves = new Set(clusters.filter((c) => c.cluster_id === clusterId || c.parent_id === clusterId).map((c) => c.cluster_id));
    const ids = readFileSync(join(firstDir, 'assignments.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter(([id, c]) => leaves.has(c) && labelOf.get(id) === label)
      .map(([id]) => id);
    return ids.filter((id) => topics.includes(topicOf.get(id) as string)).length / ids.length;
  }

  const top = (classifier: string, kind: 'false_positive' | 'false_negative') => {
    const c = metrics.classifiers.find((m) => m.name === classifier);
    expect(c, classifier).toBeDefined();
    return c!.pockets[kind];
  };

  it('keyword-v1 over-flags sysadmin and medication questions', () => {
    const pockets = top('keyword-v1', 'false_positive');
    expect(pockets.length).toBeGreaterThan(0);
    expect(purity(pockets[0], POCKET_TOPICS.keywordOverFire, 0)).toBeGreaterThanOrEqual(0.8);
  });

  it('detector-v2 misses harmful requests dressed as fiction', () => {
    const pockets = top('detector-v2', 'false_negative');
    expect(pockets.length).toBeGreaterThan(0);
    expect(purity(pockets[0], POCKET_TOPICS.detectorV2Misses, 1)).toBeGreaterThanOrEqual(0.8);
  });

  it('detector-v3 over-flags benign security research', () => {
    const pockets = top('detector-v3', 'false_positive');
    expect(pockets.length).toBeGreaterThan(0);
    expect(purity(pockets[0], POCKET_TOPICS.detectorV3Regression, 0)).toBeGreaterThanOrEqual(0.8);
  });
});
