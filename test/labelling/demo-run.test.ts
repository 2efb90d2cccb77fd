/**
 * Labels and examples of the shipped demo's clusters (3,000 conversations), on the run the global setup
 * shares: the label privacy rule end to end, privacy-safe examples, and parents named from their children.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { DEFAULT_SETTINGS } from '../../src/api/settings.js';
import { RARE_PROPER_NOUN } from '../../src/demo/index.js';
import { MAX_EXAMPLE_WORDS, MIN_EXAMPLE_WORDS, PHRASE_SEPARATOR } from '../../src/labelling/examples.js';
import { textWords } from '../../src/text/stop-words.js';
import { DEMO_INPUTS, sharedDemoOutcome, sharedDemoRun, type DemoOutcome } from '../helpers/demo-run.js';

const ARTIFACTS = ['index.html', 'clusters.json', 'metrics.json', 'report.md'] as const;

interface DemoRow {
  user_id: string;
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

  for (const name of ARTIFACTS) {
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
  it('names parents from their children', () => {
    for (const parent of clusters.filter((c) => c.level === 1 && !c.suppressed)) {
      expect(parent.label).not.toMatch(/^Unnamed/);
      expect(parent.description).toMatch(/^Groups \d+ clusters?/);
    }
  });
});
