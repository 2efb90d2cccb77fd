/** Providers by name: `offline` (default, no network) and `anthropic` (Claude, the Clio path). */
import { configError } from '../errors.js';
import { createAnthropicProvider, type AnthropicProviderOptions } from './anthropic/index.js';
import { createLsaEmbedder } from './offline/embedder.js';
import { createOfflineFacetExtractor } from './offline/facets.js';
import { createOfflineLabeler } from './offline/labeler.js';
import type { Provider } from './types.js';

export const PROVIDER_NAMES = ['offline', 'anthropic'] as const;

export interface ProviderOptions {
  embeddingDim?: number;
  anthropic?: AnthropicProviderOptions;
}

/**
 * The provider called `name`. Both share the offline LSA embedder (Anthropic has no embeddings API).
 * Throws MisfireError('config') for an unknown name, or for `anthropic` without an API key.
 * @example
 * createProvider('offline').facets.name // 'offline'
 * createProvider('anthropic', { anthropic: { model: 'claude-haiku-4-5', batch: true } }) // reads ANTHROPIC_API_KEY
 */
export function createProvider(name: string, options: ProviderOptions = {}): Provider {
  const embedder = createLsaEmbedder({ dim: options.embeddingDim });
  switch (name) {
    case 'offline':
      return { name: 'offline', facets: createOfflineFacetExtractor(), embedder, labeler: createOfflineLabeler() };
    case 'anthropic':
      return createAnthropicProvider({ ...(options.anthropic ?? {}), embedder });
    default:
      throw configError(`unknown provider "${name}" (choose one of: ${PROVIDER_NAMES.join(', ')})`);
  }
}
