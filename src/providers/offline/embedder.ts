/**
 * Offline embeddings: hashed TF-IDF + randomized SVD (LSA) over the content words of each summary; see
 * src/embedding/lsa.ts and src/text/embedding-text.ts.
 */
import { embeddingTexts } from '../../text/embedding-text.js';
import { embedLsa, type LsaModel } from '../../embedding/lsa.js';
import type { Embedding } from '../../types.js';
import type { Embedder, ProviderContext } from '../types.js';

export interface LsaEmbedder extends Embedder {
  /** The model fitted by the last `embed` call (saved with the run for the CI gate). */
  lastModel(): LsaModel | null;
}

export function createLsaEmbedder(options: { dim?: number } = {}): LsaEmbedder {
  let model: LsaModel | null = null;
  return {
    name: 'offline-lsa',
    async embed(texts: readonly string[], ctx: ProviderContext): Promise<Embedding> {
      ctx.progress.start('embed', texts.length);
      const result = embedLsa(embeddingTexts(texts), { dim: options.dim ?? 128, seed: ctx.seed });
      model = result.model;
      ctx.progress.update(texts.length);
      ctx.progress.end();
      return result.embedding;
    },
    lastModel: () => model,
  };
}
