/**
 * The count-table path computes what the in-memory path computes: on the shipped demo data (scores with four
 * decimals, so every score is its bin's edge), metricsFromCounts equals computeMetrics number for number,
 * labelled and proxy, with categories; shards merged equal one table over everything, byte for byte.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/artifacts/canonical-json.js';
import { encodeCountFile } from '../../src/artifacts/counts-file.js';
import { parseCountFile } from '../../src/artifacts/read-counts.js';
import { distinctUsersPerCluster, indexUsers } from '../../src/clustering/privacy.js';
import { hash53 } from '../../src/counts/hash.js';
import { mergeCountTables } from '../../src/counts/merge.js';
import { hierarchyForCounts, metricsFromCounts } from '../../src/counts/metrics.js';
import { classifierCounts, countConversation, countVerdict, emptyCountTable, type CountTable } from '../../src/counts/table.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { joinVerdictsAndLabels, type JoinedData } from '../../src/metrics/join.js';
import { parseConcern } from '../../src/providers/offline/facets.js';
import type { Conversation } from '../../src/types.js';
import { hierarchyOf } from '../metrics/fixtures.js';
import { demoFile } from '../helpers/paths.js';

const LEAVES = 23;
/** Leaves → 5 parents → 2 grandparents. */
const PARENTS = [Array.from({ length: LEAVES }, (_, c) => c % 5), [0, 1, 0, 1, 1]];

let conversations: Conversation[];
let joined: JoinedData;
let leafOf: Int32Array;

beforeAll(async () => {
  conversations = (await readConversations(demoFile('conversations.jsonl'))).conversations;
  const verdicts = await readVerdicts([demoFile('verdicts.csv')]);
  const labels = await readLabels(demoFile('labels.csv'));
  joined = joinVerdictsAndLabels(conversations.map((c) => c.id), verdicts.rows, labels.rows);
  // A clustering that mixes topics: leaf by a hash of the id.
  leafOf = Int32Array.from(conversations, (c) => hash53(c.id) % LEAVES);
  // Some verdicts go missing, so gaps and "no verdict" counts are exercised.
  for (const c of joined.classifiers) for (let i = c.name.length; i < conversations.length; i += 97) {
      c.flagged[i] = -1;
      c.score[i] = NaN;
    }
});

/** The count table of conversations [from, to), as a streaming pass would build it. */
function tableOf(from: number, to: number, labelled = true): CountTable {
  const table = emptyCountTable(LEAVES, labelled);
  for (const c of joined.classifiers) classifierCounts(table, c.name, c.threshold);
  for (let i = from; i < to; i++) {
    const concern = parseConcern(conversations[i].metadata.get('concern'));
    const counted = {
      id: conversations[i].id,
      leaf: leafOf[i],
      userHash: hash53(conversations[i].userId),
      concern: concern ?? NaN,
      label: joined.labels?.[i] ?? -1,
      category: joined.categories?.[i] ?? null,
    };
    countConversation(table, counted);
    for (const c of joined.classifiers) countVerdict(table, classifierCounts(table, c.name, c.threshold), counted, c.flagged[i], c.score[i]);
  }
  return table;
}

function inMemory(labelled: boolean) {
  const concern = Float64Array.from(conversations, (c) => parseConcern(c.metadata.get('concern')) ?? NaN);
  return computeMetrics({
    hierarchy: hierarchyOf(leafOf, LEAVES, PARENTS),
    classifiers: joined.classifiers,
    labels: labelled ? joined.labels : null,
    categories: labelled ? joined.categories : null,
    concern,
    suppressedAt: (level, c) => level === 0 && c === 3,
  });
}

function fromCounts(table: CountTable) {
  const hierarchy = hierarchyForCounts(
    [Int32Array.from(PARENTS[0]), Int32Array.from(PARENTS[1]), null],
    [LEAVES, 5, 2],
    table.conversations,
    new Float32Array(0),
    0,
  );
  return metricsFromCounts(table, hierarchy, { suppressedAt: (level, c) => level === 0 && c === 3 });
}

describe('metrics from a count table', () => {
  it('equal the in-memory metrics on the demo data (labelled: confusion, categories, AUC, sweep, threshold moves)', () => {
    const expected = inMemory(true);
    const got = fromCounts(tableOf(0, conversations.length));
    expect(got.mode).toBe('labelled');
    expect(toJson(got)).toBe(toJson(expected));
    expect(got.classifiers.every((c) => c.scores !== null && c.categories !== null)).toBe(true);
  });

  it('equal the in-memory metrics in proxy mode (flag rate vs concern)', () => {
    const expected = inMemory(false);
    const got = fromCounts(tableOf(0, conversations.length, false));
    expect(got.mode).toBe('proxy');
    expect(toJson(got)).toBe(toJson(expected));
  });

  it('count distinct users per leaf exactly (fewer than 256 per leaf here)', () => {
    const table = tableOf(0, conversations.length);
    const { userOf } = indexUsers(conversations.map((c) => c.userId));
    const exact = distinctUsersPerCluster(leafOf, userOf, LEAVES);
    expect(table.users.map((s) => s.count())).toEqual(Array.from(exact));
  });

  it('merge: three shards give byte-identical metrics and the same table as one pass', () => {
    const whole = tableOf(0, conversations.length);
    const shards = [tableOf(0, 1000), tableOf(1000, 1001), tableOf(1001, conversations.length)];
    for (const order of [shards, [...shards].reverse()]) {
      const merged = mergeCountTables(order);
      expect(toJson(fromCounts(merged))).toBe(toJson(fromCounts(whole)));
      expect(merged.allUsers.hashes).toEqual(whole.allUsers.hashes);
      expect([...merged.examples]).toEqual([...whole.examples]);
      expect(merged.classifiers.get('keyword-v1')?.missing).toBe(whole.classifiers.get('keyword-v1')?.missing);
    }
  });
});

describe('count files', () => {
  const meta = {
    misfire_version: 'test',
    model: { fingerprint: 'f', leaves: LEAVES },
    inputs: { conversations: { file: 'c.jsonl', sha256: null, bytes: 0 }, verdicts: [], labels: null },
  };

  it('round-trip: the table read back gives the same metrics and the same file', () => {
    const table = tableOf(0, conversations.length);
    const text = encodeCountFile({ ...meta, table });
    const back = parseCountFile(text, 'part.counts');
    expect(toJson(fromCounts(back.table))).toBe(toJson(fromCounts(table)));
    expect(encodeCountFile(back)).toBe(text);
  });

  it('keep scores outside [0, 1] and infinite ones in bins of their own', () => {
    const table = emptyCountTable(LEAVES, true);
    const counts = classifierCounts(table, 'logit', null);
    const scores = [-3.25, -0.5, 0, 0.5, 1, 1.001, 2.5, Infinity, -Infinity];
    scores.forEach((score, i) => {
      const c = { id: `c${i}`, leaf: i % LEAVES, userHash: i, concern: NaN, label: i % 2, category: null };
      countConversation(table, c);
      countVerdict(table, counts, c, score >= 0.5 ? 1 : 0, score);
    });
    const back = parseCountFile(encodeCountFile({ ...meta, table }), 'part.counts').table;
    const m = fromCounts(back).classifiers[0].scores;
    expect(m?.sweep.thresholds[0]).toBe(-3.25);
    expect(m?.sweep.thresholds[20]).toBe(2.5);
    expect(m?.scored).toBe(scores.length);
    expect(m?.operating_threshold).toBe(0.1); // the roundest number in (0, 0.5], as the in-memory inference gives
    expect(toJson(fromCounts(back))).toBe(toJson(fromCounts(table)));
  });

  it('name the field of a damaged file', () => {
    const text = encodeCountFile({ ...meta, table: tableOf(0, 100) }).replace('"tn", "fp"', '"tn", "fx"');
    expect(() => parseCountFile(text, 'part.counts')).toThrow(/part\.counts, field "tables\[\d\]": table "verdicts" must be keyed by cluster_id, classifier/);
    const bad = JSON.parse(encodeCountFile({ ...meta, table: tableOf(0, 100) }));
    bad.tables.find((t: { name: string }) => t.name === 'verdicts').rows[0][3] = 'x';
    expect(() => parseCountFile(JSON.stringify(bad), 'part.counts')).toThrow(/field "tables\[\d\]\.rows\[0\]\[3\]": expected a whole number, got "x"/);
  });
});
