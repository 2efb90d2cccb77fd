/**
 * The Claude provider (`--provider anthropic`): Clio-style facets, contrastive cluster names and a privacy
 * audit through forced tool calls, with a content-addressed disk cache, retries that honour retry-after,
 * a concurrency limit and optional Message Batches. Anthropic has no embeddings API, so the caller
 * supplies the embedder.
 *
 * @example
 * const provider = createAnthropicProvider({ embedder: offlineEmbedder, batch: true });
 * const facets = await provider.facets.extract(conversations, ctx);
 */
import type { Embedder, Provider } from '../types.js';
import { createPrivacyAuditor } from './auditor.js';
import { createFacetExtractor } from './facets.js';
import { createClusterLabeler } from './naming.js';
import { createRuntime, type AnthropicProviderOptions } from './options.js';

export type { AnthropicProviderOptions } from './options.js';
export { DEFAULTS } from './options.js';
export { estimateCost, loadPricing, type CostEstimate, type EstimateCostOptions, type PricingTable } from './pricing.js';
export { CLIO_TEMPERATURES, PROMPT_VERSIONS } from './prompts.js';
export { MIN_PRIVACY_SCORE, REFUSAL_PRIVACY_SCORE } from './auditor.js';
export { estimateRun, formatDryRun, type DryRunEstimate, type DryRunOptions } from './dry-run.js';
export { REFUSAL_SUMMARY, refusalFacets } from './facets.js';
export { REFUSAL_LABEL } from './naming.js';

/**
 * Build the provider. Throws MisfireError('config') when no API key is given or set in ANTHROPIC_API_KEY.
 * The key is used only by the SDK client; it never reaches logs, errors or the cache.
 */
export function createAnthropicProvider(options: AnthropicProviderOptions & { embedder: Embedder }): Provider {
  const { embedder, ...rest } = options;
  const rt = createRuntime(rest);
  return {
    name: 'anthropic',
    facets: createFacetExtractor(rt),
    embedder,
    labeler: createClusterLabeler(rt),
    auditor: createPrivacyAuditor(rt),
  };
}
