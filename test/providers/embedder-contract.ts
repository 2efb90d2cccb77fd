/**
 * The embedder half of the provider contract (provider-contract.ts calls it for every provider): one
 * L2-normalised vector per text, in order, the same for the same seed whatever the chunk runner, and a
 * model the run can save, which re-embeds the texts the way the gate embeds conversations a run has not seen.
 */
import { describe, expect, it } from 'vitest';
import { sequentialChunks } from '../../src/chunk-runner.js';
import { embeddingWidth, embedWithModel } from '../../src/embedding/semantic.js';
import { loadWordVectors } from '../../src/io/word-vectors.js';
import { parallelChunks } from '../../src/parallel/parallel-chunks.js';
import type { Embedded, Provider, ProviderContext } from '../../src/providers/types.js';

/** Texts of a few topics; texts 0 and 7 are the same. */
export const EMBED_TEXTS = [
  'Repot a tomato plant whose leaves are turning yellow.',
  'Explain how merge sort works and why it is stable.',
  'Fill in the deductions section of a self-employed tax return.',
  'Pick the hydration of a sourdough loaf for a cold kitchen.',
  'Explain how photosynthesis works in indoor plants.',
  'Kill a zombie process on a linux server.',
  'Plan a three day hiking trip in the mountains in autumn.',
  'Repot a tomato plant whose leaves are turning yellow.',
  'Write a cover letter for a junior data analyst position.',
  'Convert a recipe for twelve muffins into one for thirty.',
  'Compare index funds and bonds for a first retirement account.',
  'Debug a python script that fails to parse a csv file with quotes.',
];

const vectorRows = ({ embedding }: Embedded) =>
  Array.from({ length: embedding.n }, (_, i) => Array.from(embedding.data.subarray(i * embedding.dim, (i + 1) * embedding.dim)));

/** Register the embedder cases; `subject` gives the provider and contexts once the suite has built them. */
export function embedderContract(subject: () => { provider: Provider; ctx(): Promise<ProviderContext> }): void {
  describe('embedder', () => {
    const embed = async (texts: readonly string[], ctx?: Partial<ProviderContext>) =>
      subject().provider.embedder.embed(texts, { ...(await subject().ctx()), ...ctx });

    it('returns one vector per text, in input order: equal texts get equal rows, different texts different rows', async () => {
      const embedded = await embed(EMBED_TEXTS);
      const { n, dim, data } = embedded.embedding;
      expect(n).toBe(EMBED_TEXTS.length);
      expect(dim).toBeGreaterThan(0);
      expect(data).toHaveLength(n * dim);
      expect(data.every(Number.isFinite)).toBe(true);
      const vectors = vectorRows(embedded);
      expect(vectors[7]).toEqual(vectors[0]);
      expect(new Set(vectors.map((v) => v.join(','))).size).toBe(EMBED_TEXTS.length - 1);
    });

    it('L2-normalises every row', async () => {
      for (const vector of vectorRows(await embed(EMBED_TEXTS))) {
        expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      }
    });

    it('is deterministic for the same seed, whichever chunk runner computes it', async () => {
      const first = await embed(EMBED_TEXTS, { seed: 7 });
      for (const chunkRunner of [undefined, sequentialChunks, parallelChunks]) {
        const again = await embed(EMBED_TEXTS, { seed: 7, chunkRunner });
        expect(Array.from(again.embedding.data)).toEqual(Array.from(first.embedding.data));
      }
    });

    it('returns the model the run saves, which re-embeds the texts to the same rows (as the gate places new conversations)', async () => {
      const { embedding, model } = await embed(EMBED_TEXTS);
      expect(model).not.toBeNull();
      if (!model) return;
      const { lsa } = model;
      expect(lsa.featureIndex).toBeInstanceOf(Int32Array);
      expect(lsa.weights).toBeInstanceOf(Float32Array);
      expect(lsa.projection).toBeInstanceOf(Float32Array);
      expect(lsa.projection).toHaveLength(lsa.weights.length * lsa.dim);
      const table = model.kind === 'semantic' ? await loadWordVectors() : null;
      expect(embeddingWidth(model, table)).toBe(embedding.dim);
      const again = embedWithModel(model, table, EMBED_TEXTS);
      expect(Array.from(again)).toEqual(Array.from(embedding.data));
    });
  });
}
