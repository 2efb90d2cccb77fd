/** Providers by name: `offline` (default, no network) and `anthropic` (Claude, the Clio path). */
import { configError } from '../errors.js';
import { PROVIDER_NAMES } from './names.js';
import { createAnthropicProvider, type AnthropicProviderOptions } from './anthropic/index.js';
import { createLsaEmbedder, createSemanticEmbedder } from './offline/embedder.js';
import type { WordVectorTable } from '../embedding/sif.js';
import type { JudgedSide } from '../text/conversation-text.js';
import { createOfflineFacetExtractor } from './offline/facets.js';
import { createOfflineLabeler } from './offline/labeler.js';
import type { Provider } from './types.js';

export { DEFAULT_PROVIDER, PROVIDER_NAMES, type ProviderName } from './names.js';

export interface ProviderOptions {
  embeddingDim?: number;
  /** Which side of each conversation the classifiers judged (offline facets read that side). */
  judge?: JudgedSide;
  /** Word vectors for the semantic embedder; without them the LSA embedder is used. */
  wordVectors?: WordVectorTable | null;
  /** The semantic embedder's weight of meaning against wording (default SEMANTIC_WEIGHT). */
  semanticWeight?: number;
  anthropic?: AnthropicProviderOptions;
}

/**
 * The provider called `name`. Both share the offline embedder (Anthropic has no embeddings API): semantic
 * when word vectors are given, else LSA.
 * Throws MisfireError('config') for an unknown name, or for `anthropic` without an API key.
 * @example
 * createProvider('offline').facets.name // 'offline'
 * createProvider('anthropic', { anthropic: { model: 'claude-haiku-4-5', batch: true } }) // reads ANTHROPIC_API_KEY
 */
export function createProvider(name: string, options: ProviderOptions = {}): Provider {
  const embedder = options.wordVectors
    ? createSemanticEmbedder({ table: options.wordVectors, dim: options.embeddingDim, weight: options.semanticWeight })
    : createLsaEmbedder({ dim: options.embeddingDim });
  switch (name) {
    case 'offline':
      return { name: 'offline', facets: createOfflineFacetExtractor({ judge: options.judge }), embedder, labeler: createOfflineLabeler() };
    case 'anthropic':
      return createAnthropicProvider({ ...(options.anthropic ?? {}), embedder });
    default:
      throw configError(`unknown provider "${name}" (choose one of: ${PROVIDER_NAMES.join(', ')})`);
  }
}
