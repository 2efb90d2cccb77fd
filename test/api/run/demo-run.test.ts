/**
 * The shipped demo, end to end: same inputs + seed give byte-identical JSON/CSV artifacts, and the pockets
 * planted by the generator are the ones misfire ranks first.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMisfire, type RunOutcome } from '../../../src/api/run.js';
import { POCKET_TOPICS } from '../../../src/demo/index.js';
import { DEMO_DIR } from '../../helpers/paths.js';

const DEMO = DEMO_DIR;
const demoInputs = (out: string) => ({
  conversations: join(DEMO, 'conversations.jsonl'),
  verdicts: [join(DEMO, 'verdicts.csv')],
  labels: join(DEMO, 'labels.csv'),
  out,
});

let first: RunOutcome;
let firstDir: string;
let secondDir: string;
const topicOf = new Map<string, string>();
const labelOf = new Map<string, number>();

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'misfire-demo-'));
  firstDir = join(root, 'a');
  secondDir = join(root, 'b');
  first = await runMisfire(demoInputs(firstDir));
  await runMisfire(demoInputs(secondDir));
  for (const line of readFileSync(join(DEMO, 'conversations.jsonl'), 'utf8').trim().split('\n')) {
    const row = JSON.parse(line) as { id: string; topic: string };
    topicOf.set(row.id, row.topic);
  }
  for (const line of readFileSync(join(DEMO, 'labels.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, label] = line.split(',');
    labelOf.set(id, Number(label));
  }
});

describe('determinism', () => {
  it('writes byte-identical JSON and CSV artifacts for the same inputs and seed', () => {
    const names = readdirSync(firstDir).filter((f) => /\.(json|csv)$/.test(f) && f !== 'timings.json');
    expect(names.sort()).toEqual(['assignments.csv', 'clusters.json', 'metrics.json', 'pockets.csv', 'run.json']);
    for (const name of names) expect(readFileSync(join(secondDir, name)), name).toEqual(readFileSync(join(firstDir, name)));
    expect(readFileSync(join(secondDir, 'model/centroids.bin'))).toEqual(readFileSync(join(firstDir, 'model/centroids.bin')));
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
    const leaves = new Set(first.result.clusters.filter((c) => c.cluster_id === clusterId || c.parent_id === clusterId).map((c) => c.cluster_id));
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
    const c = first.metrics.classifiers.find((m) => m.name === classifier);
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
