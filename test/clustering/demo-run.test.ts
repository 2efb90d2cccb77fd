/**
 * The clustering of the shipped demo (3,000 conversations, known topics), on the run the global setup
 * shares: the label privacy rule end to end, privacy-safe examples, meaningful parents, and recovery of the
 * planted pockets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { DEFAULT_SETTINGS } from '../../src/api/settings.js';
import { POCKET_TOPICS, RARE_PROPER_NOUN, TOPIC_NAMES } from '../../src/demo/index.js';
import { MAX_EXAMPLE_WORDS, MIN_EXAMPLE_WORDS, PHRASE_SEPARATOR } from '../../src/labelling/examples.js';
import { buildHierarchy, membershipAt, type Hierarchy } from '../../src/clustering/hierarchy.js';
import { textWords } from '../../src/text/stop-words.js';
import { DEMO_INPUTS, sharedDemoOutcome, sharedDemoRun, type DemoOutcome } from '../helpers/demo-run.js';

const ARTIFACTS = ['index.html', 'clusters.json', 'metrics.json', 'report.md', 'assignments.csv', 'run.json'] as const;

interface DemoRow {
  id: string;
  user_id: string;
  topic: string;
  messages: { role: string; content: string }[];
}

let rows: DemoRow[];
let outcome: DemoOutcome;
let clusters: ClusterRecord[];
const files: Record<string, string> = {};

beforeAll(async () => {
  rows = (await readFile(DEMO_INPUTS.conversations, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as DemoRow);
  outcome = sharedDemoOutcome();
  for (const name of ARTIFACTS) files[name] = await readFile(join(sharedDemoRun(), name), 'utf8');
  clusters = JSON.parse(files['clusters.json']);
});

describe('label privacy rule, end to end', () => {
  it(`the demo plants "${RARE_PROPER_NOUN}" in the input, used by exactly 2 users`, () => {
    const users = new Set(rows.filter((r) => JSON.stringify(r.messages).includes(RARE_PROPER_NOUN)).map((r) => r.user_id));
    expect(users.size).toBe(2);
  });

  for (const name of ['index.html', 'clusters.json', 'metrics.json', 'report.md'] as const) {
    it(`never appears in ${name}`, () => {
      expect(files[name].toLowerCase()).not.toContain(RARE_PROPER_NOUN.toLowerCase());
    });
  }
});

describe('examples', () => {
  it('are keyword condensations of 3–12 common words, never a conversation text or its summary', () => {
    const raw = new Set(rows.flatMap((r) => r.messages.map((m) => m.content.trim().toLowerCase())));
    const summaries = new Set(outcome.summaries.map((s) => s.trim().toLowerCase()));
    const usersOfWord = new Map<string, Set<string>>();
    outcome.summaries.forEach((summary, i) => {
      for (const w of textWords(summary)) if (w) (usersOfWord.get(w) ?? usersOfWord.set(w, new Set()).get(w))?.add(rows[i].user_id);
    });
    const examples = clusters.flatMap((c) => c.examples);
    expect(examples.length).toBeGreaterThan(50);
    for (const example of examples) {
      expect(raw.has(example.toLowerCase())).toBe(false);
      expect(summaries.has(example.toLowerCase())).toBe(false);
      const words = example.split(PHRASE_SEPARATOR).join(' ').split(' ');
      expect(words.length).toBeGreaterThanOrEqual(MIN_EXAMPLE_WORDS);
      expect(words.length).toBeLessThanOrEqual(MAX_EXAMPLE_WORDS);
      for (const w of words) expect(usersOfWord.get(w)?.size ?? 0, `"${w}" in "${example}"`).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.minUsers);
    }
  });

  it('come only from shown leaves, at most examplesPerCluster each', () => {
    for (const c of clusters) {
      if (c.suppressed || c.level > 0) expect(c.examples).toEqual([]);
      expect(c.examples.length).toBeLessThanOrEqual(DEFAULT_SETTINGS.examplesPerCluster);
    }
  });
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

  it('names parents from their children', () => {
    for (const parent of clusters.filter((c) => c.level === 1 && !c.suppressed)) {
      expect(parent.label).not.toMatch(/^Unnamed/);
      expect(parent.description).toMatch(/^Groups \d+ clusters?/);
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
