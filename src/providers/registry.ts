/** Providers by name: `offline` (default, no network) and `anthropic` (Claude, the Clio path). */
import { configError } from '../errors.js';
import { createAnthropicProvider, type AnthropicProviderOptions } from './anthropic/index.js';
import { createLsaEmbedder } from './offline/embedder.js';
import { createOfflineFacetExtractor } from './offline/facets.js';
import { createOfflineLabeler } from './offline/labeler.js';
import type { Provider } from './types.js';

export const PROVIDER_NAMES = ['offline', 'anthropic'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface ProviderOptions {
  embeddingDim?: number;
  anthropic?: AnthropicProviderOptions;
}

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
