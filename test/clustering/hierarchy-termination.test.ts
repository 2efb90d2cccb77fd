/**
 * The hierarchy on awkward inputs: 0 or 1 conversation, all-identical points, k > n, k = 1, 4 levels on
 * tiny n. Every cluster below the top has exactly one parent, no parent is empty, sizes add up at every
 * level, nothing is NaN, and the same seed gives the same hierarchy. Also end to end through runMisfire.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { buildHierarchy, levelSizes, membershipAt, type Hierarchy } from '../../src/clustering/hierarchy.js';
import type { Embedding } from '../../src/types.js';

function embeddingOf(rows: number[][]): Embedding {
  const dim = rows[0]?.length ?? 2;
  return { n: rows.length, dim, data: Float32Array.from(rows.flat()) };
}

/** Throws (via expect) unless the hierarchy is a proper tree over all n points with `levels` levels. */
function expectWellFormed(h: Hierarchy, n: number, levels: number): void {
  expect(h.levels).toHaveLength(levels);
  expect(h.leafOf).toHaveLength(n);
  for (let l = 0; l < h.levels.length; l++) {
    const level = h.levels[l];
    expect(level.sizes).toHaveLength(level.k);
    expect(level.centroids).toHaveLength(level.k * h.dim);
    for (const x of level.centroids) expect(Number.isFinite(x)).toBe(true);
    const member = membershipAt(h, l);
    const counted = new Int32Array(level.k);
    for (const c of member) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(level.k);
      counted[c]++;
    }
    expect(Array.from(counted)).toEqual(Array.from(level.sizes));
    expect(level.sizes.reduce((a, b) => a + b, 0)).toBe(n);
    for (const size of level.sizes) expect(size).toBeGreaterThan(0);
    if (l === h.levels.length - 1) {
      expect(level.parentOf).toBeNull();
      continue;
    }
    const above = h.levels[l + 1];
    const parentOf = level.parentOf as Int32Array;
    expect(parentOf).toHaveLength(level.k);
    const childSizes = new Int32Array(above.k);
    parentOf.forEach((p, c) => {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(above.k);
      childSizes[p] += level.sizes[c];
    });
    expect(Array.from(childSizes)).toEqual(Array.from(above.sizes));
    if (n > 0) expect(above.k === 1 || above.k < level.k).toBe(true);
  }
}

describe('buildHierarchy on awkward inputs', () => {
  const cases: { name: string; rows: number[][]; k?: number; levels: number }[] = [
    { name: 'no conversations', rows: [], levels: 2 },
    { name: '1 conversation', rows: [[1, 0]], levels: 2 },
    { name: '1 conversation, 4 levels, k = 10', rows: [[1, 0]], k: 10, levels: 4 },
    { name: 'all identical', rows: Array.from({ length: 40 }, () => [0.6, 0.8]), levels: 3 },
    { name: 'all identical, k = 20', rows: Array.from({ length: 40 }, () => [0.6, 0.8]), k: 20, levels: 4 },
    { name: 'k > n', rows: [[1, 0], [0, 1], [0.7, 0.7]], k: 50, levels: 2 },
    { name: 'k = 1', rows: Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i)]), k: 1, levels: 3 },
    { name: '4 levels on 3 points', rows: [[1, 0], [0, 1], [-1, 0]], levels: 4 },
    { name: 'zero vectors', rows: Array.from({ length: 10 }, () => [0, 0]), k: 3, levels: 2 },
    { name: 'two duplicates and one other, k = 3', rows: [[1, 0], [1, 0], [0, 1]], k: 3, levels: 2 },
  ];
  for (const c of cases) {
    it(`${c.name}: a proper tree, deterministic`, () => {
      const e = embeddingOf(c.rows);
      const h = buildHierarchy(e, { seed: 7, k: c.k, levels: c.levels });
      expectWellFormed(h, c.rows.length, c.levels);
      expect(buildHierarchy(e, { seed: 7, k: c.k, levels: c.levels })).toEqual(h);
    });
  }

  it('holds for any small input (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, dim, k, levels, distinct, seed) => {
          // Only `distinct` different points, repeated: duplicates are the usual awkward case.
          const rows = Array.from({ length: n }, (_, i) => Array.from({ length: dim }, (_, d) => Math.sin((i % distinct) * 3 + d)));
          const h = buildHierarchy(embeddingOf(rows), { seed, k, levels });
          expectWellFormed(h, n, levels);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('uses a geometric ratio between levels', () => {
    expect(levelSizes(29, 2)).toEqual([29, 5]);
    expect(levelSizes(64, 3)).toEqual([64, 16, 4]);
    expect(levelSizes(3, 4)).toEqual([3, 2, 1, 1]);
  });

  it('groups directions: three well separated groups of leaves become three parents', () => {
    // 9 tight blobs around 3 directions, with very different lengths (a plain k-means on raw centroids
    // would put the short ones together).
    const rows: number[][] = [];
    const directions = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    directions.forEach((dir, g) => {
      for (let b = 0; b < 3; b++) {
        const scale = [0.6, 1.2, 2.4][b];
        for (let j = 0; j < 20; j++) rows.push(dir.map((x, d) => scale * (x + 0.05 * Math.sin(j * 7 + d + b + g) + (d === (g + 1) % 3 ? 0.1 * b : 0))));
      }
    });
    const h = buildHierarchy(embeddingOf(rows), { seed: 3, k: 9, levels: 2 });
    const parents = membershipAt(h, 1);
    for (let g = 0; g < 3; g++) {
      const group = new Set(Array.from(parents.subarray(g * 60, (g + 1) * 60)));
      expect(group.size).toBe(1);
    }
    expect(new Set(parents).size).toBe(3);
  });
});

describe('runMisfire on awkward inputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'misfire-awkward-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function runOn(texts: string[], settings: Record<string, number>): Promise<{ clusters: Record<string, unknown>[]; metrics: string }> {
    const name = `case-${Math.random().toString(36).slice(2)}`;
    const conversations = join(dir, `${name}.jsonl`);
    const verdicts = join(dir, `${name}.csv`);
    await writeFile(conversations, texts.map((t, i) => JSON.stringify({ id: `c${i}`, user_id: `u${i % 7}`, messages: [{ role: 'user', content: t }] })).join('\n') + '\n');
    await writeFile(verdicts, 'conversation_id,classifier,score,flagged\n' + texts.map((_, i) => `c${i},clf,${(i % 10) / 10},${i % 3 === 0 ? 1 : 0}`).join('\n') + '\n');
    const out = join(dir, name);
    await runMisfire({ conversations, verdicts: [verdicts], out, settings, now: new Date(0) });
    return { clusters: JSON.parse(await readFile(join(out, 'clusters.json'), 'utf8')), metrics: await readFile(join(out, 'metrics.json'), 'utf8') };
  }

  function expectTree(clusters: Record<string, unknown>[], n: number, levels: number): void {
    const byId = new Map(clusters.map((c) => [c.cluster_id as string, c]));
    for (let l = 0; l < levels; l++) {
      const atLevel = clusters.filter((c) => c.level === l);
      expect(atLevel.length).toBeGreaterThan(0);
      expect(atLevel.reduce((s, c) => s + (c.size as number), 0)).toBe(n);
      for (const c of atLevel) {
        if (l === levels - 1) expect(c.parent_id).toBeNull();
        else expect(byId.get(c.parent_id as string)?.level).toBe(l + 1);
      }
    }
  }

  it('1 conversation, 4 levels, k = 5', async () => {
    const { clusters, metrics } = await runOn(['how do I restart nginx'], { levels: 4, k: 5, minUsers: 1, minConversations: 1 });
    expectTree(clusters, 1, 4);
    expect(metrics).not.toMatch(/NaN|Infinity/);
  });

  it('all-identical texts with k > n', async () => {
    const { clusters, metrics } = await runOn(Array.from({ length: 25 }, () => 'same question every time'), { levels: 3, k: 40 });
    expectTree(clusters, 25, 3);
    expect(metrics).not.toMatch(/NaN|Infinity/);
  });
});
