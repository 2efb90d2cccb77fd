/**
 * Offline embeddings: hashed TF-IDF + randomized SVD (LSA) over the content words of each summary; see
 * src/embedding/lsa.ts and src/text/embedding-text.ts. The fitted model comes back with the vectors.
 */
import { embeddingTexts } from '../../text/embedding-text.js';
import { embedLsa } from '../../embedding/lsa.js';
import type { Embedded, Embedder, ProviderContext } from '../types.js';

/**
 * The LSA {@link Embedder}: `dim` dimensions (default 128), seeded by `ctx.seed`, its transform computed
 * through `ctx.chunkRunner`.
 * @example
 * const { embedding, model } = await createLsaEmbedder({ dim: 64 }).embed(summaries, ctx); // embedding.dim ≤ 64
 */
export function createLsaEmbedder(options: { dim?: number } = {}): Embedder {
  return {
    name: 'offline-lsa',
    async embed(texts: readonly string[], ctx: ProviderContext): Promise<Embedded> {
      ctx.progress.start('embed', texts.length);
      const { embedding, model } = embedLsa(embeddingTexts(texts), { dim: options.dim ?? 128, seed: ctx.seed, chunkRunner: ctx.chunkRunner });
      ctx.progress.update(texts.length);
      ctx.progress.end();
      return { embedding, model };
    },
  };
}
