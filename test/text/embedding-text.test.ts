/**
 * The offline embedding sees the content words of each summary (no function words, no request
 * boilerplate, no numbers), and every place that embeds with an LSA model does the same: the run's
 * embedder, and the gate's placement of conversations the baseline run has not seen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeConversations } from '../../src/api/gate-placement.js';
import { loadStoredRun } from '../../src/api/gate-run-files.js';
import { runMisfire, type RunOutcome } from '../../src/api/run.js';
import { generateConversations, generateDataset, toConversation } from '../../src/demo/index.js';
import { embeddingText, embeddingTexts } from '../../src/text/embedding-text.js';
import { clusterId } from '../../src/clustering/hierarchy.js';
import { embedLsa } from '../../src/embedding/lsa.js';
import { embeddingWidth, embedWithModel } from '../../src/embedding/semantic.js';
import { loadWordVectors } from '../../src/io/word-vectors.js';
import { nearestCentre } from '../../src/clustering/vector-math.js';
import { createLsaEmbedder } from '../../src/providers/offline/embedder.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { emptyUsage, type ProviderContext } from '../../src/providers/types.js';
import { silentProgress } from '../../src/types.js';

describe('embeddingText', () => {
  it.each([
    ['Quick question: how do I kill a zombie process on Ubuntu? Thanks in advance', 'kill zombie process ubuntu'],
    ['sorry if this is dumb but what wine goes with risotto. Keep it short please.', 'wine risotto'],
    ['hey, can you explain eigenvalues in simple terms (asking for a project)', 'eigenvalues'],
    ['Solve for x: 3x + 7 = 25', 'solve'],
    ['My [EMAIL] got hacked, how do I get my Gmail account back', 'hacked gmail account'],
  ])('keeps only the content words of %j', (summary, expected) => {
    expect(embeddingText(summary)).toBe(expected);
  });

  it('leaves a summary without any content word unchanged, so it still embeds', () => {
    expect(embeddingText('How do I do this?')).toBe('How do I do this?');
    expect(embeddingText('')).toBe('');
  });

  it('maps requests that differ only in openers and closers to the same text', () => {
    const plain = embeddingText('how do I roast a whole chicken at 200 degrees');
    for (const variant of [
      'hi! how do I roast a whole chicken at 200 degrees? Thanks!',
      'sorry if this is dumb but how do I roast a whole chicken at 200 degrees. Any help appreciated.',
      'question - How do I roast a whole chicken at 200 degrees ty',
    ]) {
      expect(embeddingText(variant)).toBe(plain);
    }
  });
});

describe('the offline embedder embeds content words', () => {
  it('gives the vectors of LSA over embeddingTexts, so boilerplate-only differences vanish', async () => {
    const summaries = generateConversations({ n: 400, seed: 3 }).map((g) => extractOfflineFacets(toConversation(g)).summary);
    summaries.push('Quick question: how do I kill a zombie process on my linux server? Thanks in advance');
    summaries.push('how do I kill a zombie process on my linux server');
    const ctx: ProviderContext = { seed: 5, progress: silentProgress, minUsers: 2, cacheDir: tmpdir(), usage: emptyUsage() };
    const { embedding: embedded } = await createLsaEmbedder({ dim: 16 }).embed(summaries, ctx);
    const expected = embedLsa(embeddingTexts(summaries), { dim: 16, seed: 5 }).embedding;
    expect(embedded.dim).toBe(expected.dim);
    expect(Array.from(embedded.data)).toEqual(Array.from(expected.data));
    const embeddingRow = (i: number) => Array.from(embedded.data.subarray(i * embedded.dim, (i + 1) * embedded.dim));
    expect(embeddingRow(summaries.length - 2)).toEqual(embeddingRow(summaries.length - 1));
  });
});

describe('gate placement embeds like the run', () => {
  let dir: string;
  let outcome: RunOutcome;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'misfire-embedding-text-'));
    await generateDataset({ n: 400, seed: 9, outDir: join(dir, 'data') });
    outcome = await runMisfire({
      conversations: join(dir, 'data', 'conversations.jsonl'),
      verdicts: [join(dir, 'data', 'verdicts.csv')],
      labels: join(dir, 'data', 'labels.csv'),
      out: join(dir, 'run'),
      now: new Date('2025-01-01T00:00:00Z'),
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('places every conversation by the saved model applied to the content words of its summary', async () => {
    const stored = await loadStoredRun(join(dir, 'run'));
    const conversations = generateConversations({ n: 400, seed: 9 }).map(toConversation);
    const placed = await placeConversations(stored, conversations);
    const model = outcome.result.embeddingModel;
    expect(model?.kind).toBe('semantic');
    const table = await loadWordVectors();
    const { centroids, k } = outcome.result.hierarchy.levels[0];
    const width = embeddingWidth(model!, table);
    const nearestLeaves = (summaries: string[]) => {
      const out = embedWithModel(model!, table, summaries);
      return summaries.map((_, i) => clusterId(0, nearestCentre(out, i, centroids, k, width)));
    };
    const summaries = conversations.map((c) => extractOfflineFacets(c).summary);
    expect(placed).toEqual(nearestLeaves(summaries));
    expect(placed).toEqual(stored.leafIds);
  });
});
