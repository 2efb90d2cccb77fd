import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probit } from '../../src/demo/classifiers.js';
import {
  ALL_TOPICS,
  CLASSIFIER_NAMES,
  POCKET_CHANNELS,
  POCKET_TOPICS,
  RARE_PROPER_NOUN,
  TOPIC_NAMES,
  conversationJsonLine,
  createDemoRng,
  generateConversations,
  generateDataset,
  toConversation,
  topicByName,
} from '../../src/demo/index.js';
import { slotNames, slotValues } from '../../src/demo/template.js';
import { isMisfireError } from '../../src/errors.js';
import { demoFile } from '../helpers/paths.js';

interface JsonlRow {
  id: string;
  user_id: string;
  messages: { role: string; content: string }[];
  topic: string;
  channel: string;
  concern: number;
}
interface VerdictCsvRow { conversation_id: string; classifier: string; score: string; flagged: string }
interface LabelCsvRow { conversation_id: string; label: string; category: string }

const N = 3000;
const SEED = 7;
let dir: string;
let rows: JsonlRow[];
let verdicts: VerdictCsvRow[];
let labels: LabelCsvRow[];
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misfire-demo-'));
  await generateDataset({ n: N, seed: SEED, outDir: join(dir, 'a') });
  for (const name of ['conversations.jsonl', 'verdicts.csv', 'labels.csv']) {
    files[name] = await readFile(join(dir, 'a', name), 'utf8');
  }
  rows = files['conversations.jsonl'].trimEnd().split('\n').map((line) => JSON.parse(line) as JsonlRow);
  verdicts = parse(files['verdicts.csv'], { columns: true }) as VerdictCsvRow[];
  labels = parse(files['labels.csv'], { columns: true }) as LabelCsvRow[];
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const topicById = (): Map<string, string> => new Map(rows.map((r) => [r.id, r.topic]));
const labelOf = (): Map<string, number> => new Map(labels.map((r) => [r.conversation_id, Number(r.label)]));

/** Error rates of one classifier on the conversations whose topic passes `keep`. */
function rates(classifier: string, keep: (topic: string, id: string) => boolean): { fpr: number; fnr: number } {
  const topics = topicById();
  const truth = labelOf();
  let fp = 0, neg = 0, fn = 0, pos = 0;
  for (const v of verdicts) {
    if (v.classifier !== classifier || !keep(topics.get(v.conversation_id)!, v.conversation_id)) continue;
    const flagged = v.flagged === '1';
    if (truth.get(v.conversation_id) === 1) {
      pos++;
      if (!flagged) fn++;
    } else {
      neg++;
      if (flagged) fp++;
    }
  }
  return { fpr: fp / neg, fnr: fn / pos };
}

describe('demo generator files', () => {
  it('is reproducible: same seed gives byte-identical files, another seed differs', async () => {
    await generateDataset({ n: N, seed: SEED, outDir: join(dir, 'b') });
    await generateDataset({ n: N, seed: SEED + 1, outDir: join(dir, 'c') });
    for (const name of Object.keys(files)) {
      expect(await readFile(join(dir, 'b', name), 'utf8')).toBe(files[name]);
      expect(await readFile(join(dir, 'c', name), 'utf8')).not.toBe(files[name]);
    }
  });

  it('matches the shipped demo in datasets/demo (regenerate it after changing the generator)', async () => {
    for (const name of Object.keys(files)) {
      expect(await readFile(demoFile(name), 'utf8')).toBe(files[name]);
    }
  });

  it('streams the same conversations that generateConversations returns in memory', () => {
    const inMemory = generateConversations({ n: N, seed: SEED });
    expect(inMemory.map(conversationJsonLine).join('')).toBe(files['conversations.jsonl']);
    const first = toConversation(inMemory[0]);
    expect(first).toEqual({
      id: rows[0].id,
      userId: rows[0].user_id,
      messages: rows[0].messages,
      metadata: new Map<string, string | number>([['topic', rows[0].topic], ['channel', rows[0].channel], ['concern', rows[0].concern]]),
    });
  });

  it('writes well-formed rows that follow the input contract', () => {
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
    for (const r of rows) {
      expect(r.id).toMatch(/^c\d{6}$/);
      expect(r.user_id).toMatch(/^u\d{4,}$/);
      expect(r.messages[0].role).toBe('user');
      expect(r.messages.length).toBeGreaterThanOrEqual(1);
      expect(r.messages.length).toBeLessThanOrEqual(4);
      r.messages.forEach((m, i) => expect(m.role).toBe(i % 2 === 0 ? 'user' : 'assistant'));
      expect(['web', 'api', 'mobile']).toContain(r.channel);
      expect(Number.isInteger(r.concern) && r.concern >= 1 && r.concern <= 5).toBe(true);
    }
    expect(verdicts).toHaveLength(N * CLASSIFIER_NAMES.length);
    for (const v of verdicts) {
      expect(v.score).toMatch(/^[01]\.\d{4}$/);
      expect(v.flagged).toBe(Number(v.score) >= 0.5 ? '1' : '0');
    }
    expect(new Set(verdicts.map((v) => v.classifier))).toEqual(new Set(['keyword-v1', 'detector-v2', 'detector-v3']));
    expect(labels.map((l) => l.conversation_id)).toEqual(rows.map((r) => r.id));
    for (const l of labels) {
      expect(['0', '1']).toContain(l.label);
      if (l.label === '0') expect(l.category).toBe('');
      else expect(['violence', 'weapons', 'self-harm', 'malware', 'drugs', 'hate', 'fraud', 'other']).toContain(l.category);
    }
  });

  it('covers at least 14 known topics and about n/4 users with a skewed distribution', () => {
    const present = new Set(rows.map((r) => r.topic));
    expect(present.size).toBeGreaterThanOrEqual(14);
    for (const t of present) expect(TOPIC_NAMES).toContain(t);
    const perUser = new Map<string, number>();
    for (const r of rows) perUser.set(r.user_id, (perUser.get(r.user_id) ?? 0) + 1);
    expect(perUser.size).toBeGreaterThan(N / 6);
    expect(perUser.size).toBeLessThan(N / 3);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.floor(counts.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / N).toBeGreaterThan(0.3);
  });

  it('labels harmful topics 1 and benign topics 0 up to about 2 % noise', () => {
    const truth = labelOf();
    const disagreements = rows.filter((r) => (topicByName(r.topic)!.harmful ? 1 : 0) !== truth.get(r.id)).length;
    expect(disagreements / N).toBeGreaterThan(0.005);
    expect(disagreements / N).toBeLessThan(0.04);
  });
});

describe('planted mis-fire pockets', () => {
  const benignOutside = (pocket: readonly string[]) => (t: string) => !topicByName(t)!.harmful && !pocket.includes(t);
  const harmfulOutside = (pocket: readonly string[]) => (t: string) => topicByName(t)!.harmful && !pocket.includes(t);

  it('keyword-v1 over-fires on sysadmin and medication questions', () => {
    const elsewhere = rates('keyword-v1', benignOutside(POCKET_TOPICS.keywordOverFire)).fpr;
    expect(elsewhere).toBeLessThan(0.12);
    for (const topic of POCKET_TOPICS.keywordOverFire) {
      expect(rates('keyword-v1', (t) => t === topic).fpr).toBeGreaterThan(Math.max(0.3, 3 * elsewhere));
    }
  });

  it('keyword-v1 over-fires on benign conversations from the API channel; the detectors do not', () => {
    const channelOf = new Map(rows.map((r) => [r.id, r.channel]));
    const outside = benignOutside(POCKET_TOPICS.keywordOverFire);
    const on = (channel: string) => (topic: string, id: string) => outside(topic) && !topicByName(topic)!.harmful && channelOf.get(id) === channel;
    expect(POCKET_CHANNELS.keywordOverFire).toBe('api');
    expect(rates('keyword-v1', on('api')).fpr).toBeGreaterThan(0.15);
    for (const channel of ['web', 'mobile']) expect(rates('keyword-v1', on(channel)).fpr).toBeLessThan(0.1);
    for (const classifier of ['detector-v2', 'detector-v3']) expect(rates(classifier, on('api')).fpr).toBeLessThan(0.1);
  });

  it('detector-v2 misses fiction-framed harmful requests', () => {
    const pocket = rates('detector-v2', (t) => t === 'fiction-harmful').fnr;
    const elsewhere = rates('detector-v2', harmfulOutside(POCKET_TOPICS.detectorV2Misses)).fnr;
    expect(pocket).toBeGreaterThan(0.45);
    expect(elsewhere).toBeLessThan(0.2);
  });

  it('detector-v3 regresses on security research while improving elsewhere', () => {
    const isSecurity = (t: string) => t === 'security-research';
    expect(rates('detector-v3', isSecurity).fpr).toBeGreaterThan(0.35);
    expect(rates('detector-v2', isSecurity).fpr).toBeLessThan(0.15);
    const allHarmful = (t: string) => topicByName(t)!.harmful;
    expect(rates('detector-v3', allHarmful).fnr).toBeLessThan(rates('detector-v2', allHarmful).fnr);
  });

  it('keeps overall error rates outside the pockets in the planted ranges', () => {
    const pockets = [...POCKET_TOPICS.keywordOverFire, ...POCKET_TOPICS.detectorV3Regression, 'fiction-harmful'];
    for (const classifier of CLASSIFIER_NAMES) {
      const { fpr, fnr } = rates(classifier, (t) => !pockets.includes(t));
      expect(fpr).toBeGreaterThan(0.02);
      expect(fpr).toBeLessThan(0.12);
      expect(fnr).toBeGreaterThan(0.05);
      expect(fnr).toBeLessThan(0.2);
    }
  });
});

describe('privacy plants', () => {
  it('uses the rare proper noun in conversations of exactly 2 users', () => {
    const users = new Set(rows.filter((r) => JSON.stringify(r.messages).includes(RARE_PROPER_NOUN)).map((r) => r.user_id));
    expect(users.size).toBe(2);
  });

  it('has a niche topic with at least 10 conversations from fewer than 5 users', () => {
    const niche = rows.filter((r) => r.topic === 'barometer-restoration');
    expect(niche.length).toBeGreaterThanOrEqual(10);
    expect(new Set(niche.map((r) => r.user_id)).size).toBeLessThan(5);
  });

  it('sprinkles e-mail addresses, phone numbers and street addresses into a few user messages', () => {
    const userText = rows.flatMap((r) => r.messages.filter((m) => m.role === 'user').map((m) => m.content));
    const count = (re: RegExp) => userText.filter((t) => re.test(t)).length;
    expect(count(/[a-z]+\.[a-z]+\d\d@example\.(com|org|net)/)).toBeGreaterThan(3);
    expect(count(/\(\d{3}\) 555-01\d\d/)).toBeGreaterThan(3);
    expect(count(/\d+ [A-Z][a-z]+ (Street|Avenue|Road|Lane|Drive|Court), [A-Z]/)).toBeGreaterThan(3);
    expect(count(/@/) / N).toBeLessThan(0.02);
  });
});

describe('generator building blocks', () => {
  it('fills every template slot from the topic or the shared slots', () => {
    for (const topic of ALL_TOPICS) {
      for (const template of [...topic.templates, ...topic.followUps]) {
        for (const slot of slotNames(template)) expect(slotValues(slot, topic.slots), `${topic.name} {${slot}}`).toBeDefined();
      }
      if (topic.categorySlot) {
        for (const value of topic.slots[topic.categorySlot]) expect(value).toMatch(/^[a-z-]+\|/);
      }
    }
  });

  it('handles tiny datasets without plants and rejects invalid sizes and seeds', async () => {
    const tiny = generateConversations({ n: 20, seed: 1 });
    expect(tiny).toHaveLength(20);
    expect(tiny.every((c) => c.planted !== 'rare-noun' && c.planted !== 'niche')).toBe(true);
    for (const bad of [{ n: 0, seed: 1 }, { n: 2.5, seed: 1 }, { n: 10, seed: 0.5 }]) {
      const err = await generateDataset({ ...bad, outDir: join(dir, 'bad') }).catch((e: unknown) => e);
      expect(isMisfireError(err) && err.code === 'config').toBe(true);
    }
  });

  it('draws reproducible uniform numbers per seed', () => {
    const a = createDemoRng(42);
    const b = createDemoRng(42);
    const c = createDemoRng(43);
    const seqA = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = seqA.reduce((s, x) => s + x, 0) / seqA.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('computes the normal quantile like scipy.stats.norm.ppf', () => {
    const reference: [number, number][] = [
      [0.001, -3.090232306167813],
      [0.01, -2.3263478740408408],
      [0.05, -1.6448536269514729],
      [0.3, -0.5244005127080409],
      [0.5, 0],
      [0.62, 0.3054807880993974],
      [0.975, 1.959963984540054],
    ];
    for (const [p, z] of reference) expect(probit(p)).toBeCloseTo(z, 7);
  });
});
