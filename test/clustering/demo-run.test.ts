/**
 * The clustering of the shipped demo (3,000 conversations, known topics), on the run the global setup
 * shares: a two-level hierarchy whose sizes add up, and recovery of the planted pockets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { DEFAULT_SETTINGS } from '../../src/api/settings.js';
import { POCKET_TOPICS, TOPIC_NAMES } from '../../src/demo/index.js';
import { buildHierarchy, membershipAt, type Hierarchy } from '../../src/clustering/hierarchy.js';
import { DEMO_INPUTS, sharedDemoOutcome, sharedDemoRun, type DemoOutcome } from '../helpers/demo-run.js';

interface DemoRow {
  id: string;
  topic: string;
}

let rows: DemoRow[];
let outcome: DemoOutcome;
let clusters: ClusterRecord[];

beforeAll(async () => {
  rows = (await readFile(DEMO_INPUTS.conversations, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as DemoRow);
  outcome = sharedDemoOutcome();
  clusters = JSON.parse(await readFile(join(sharedDemoRun(), 'clusters.json'), 'utf8'));
});

describe('hierarchy', () => {
  it('every leaf has one parent, sizes add up, and no parent holds most of the data', () => {
    const leaves = clusters.filter((c) => c.level === 0);
    const parents = clusters.filter((c) => c.level === 1);
    expect(parents.length).toBeGreaterThan(1);
    for (const leaf of leaves) expect(parents.filter((p) => p.cluster_id === leaf.parent_id)).toHaveLength(1);
    for (const parent of parents) {
      expect(parent.size).toBe(leaves.filter((l) => l.parent_id === parent.cluster_id).reduce((s, l) => s + l.size, 0));
      expect(parent.size).toBeLessThanOrEqual(rows.length / 2);
    }
  });
});

/**
 * A planted pocket (a topic where a classifier mis-fires) is *recovered* when one cluster — at any level
 * of the default run's hierarchy, or of the hierarchy built on the same vectors with k = the number of
 * true topics (the ARI-bar setting) — holds at least 50 % of the pocket's conversations and at least 80 %
 * of that cluster's conversations are from the pocket (purity).
 */
describe('planted pockets', () => {
  const pockets = [...new Set(Object.values(POCKET_TOPICS).flat())];
  let topicK: Hierarchy | undefined;
  /** The hierarchy on the run's vectors with k = the number of true topics (built once, for every pocket). */
  const atTopicK = () => (topicK ??= buildHierarchy(outcome.embedding, { seed: DEFAULT_SETTINGS.seed, k: TOPIC_NAMES.length, levels: DEFAULT_SETTINGS.levels }));

  /** Every cluster at every level, as (share of the pocket it holds, purity). */
  function candidates(h: Hierarchy, topic: string): { level: number; held: number; purity: number }[] {
    const inPocket = rows.map((r) => r.topic === topic);
    const total = inPocket.filter(Boolean).length;
    return h.levels.flatMap((level, l) => {
      const hits = new Int32Array(level.k);
      membershipAt(h, l).forEach((c, i) => inPocket[i] && hits[c]++);
      return Array.from(hits, (n, c) => ({ level: l, held: n / total, purity: n / level.sizes[c] }));
    });
  }

  it('the demo names the pockets after real topics', () => {
    expect(pockets.sort()).toEqual(['fiction-harmful', 'medication', 'security-research', 'sysadmin']);
    for (const p of pockets) expect(TOPIC_NAMES).toContain(p);
  });

  for (const topic of pockets) {
    it(`recovers the ${topic} pocket as one cluster with purity ≥ 0.8`, () => {
      const all = [...candidates(outcome.hierarchy, topic), ...candidates(atTopicK(), topic)];
      const recovered = all.some((c) => c.held >= 0.5 && c.purity >= 0.8);
      const mostHeld = [...all].sort((a, b) => b.held - a.held)[0];
      const purest = [...all].filter((c) => c.held > 0).sort((a, b) => b.purity - a.purity || b.held - a.held)[0];
      expect(recovered, `${topic}: most held ${JSON.stringify(mostHeld)}, purest ${JSON.stringify(purest)}`).toBe(true);
    });
  }
});
