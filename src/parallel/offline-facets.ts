/**
 * Offline facet extraction on every core. The offline extractor is `extractOfflineFacets` applied to each
 * conversation on its own (pure, deterministic), so chunks can be mapped on worker threads and the result
 * is identical to `provider.facets.extract` (test/parallel.test.ts checks the equivalence; the benchmark's
 * --check-determinism compares whole runs with and without workers). Any other provider, small inputs and
 * runs without workers take the provider's own path.
 */
import type { Provider, ProviderContext } from '../providers/types.js';
import { extractOfflineFacets } from '../providers/offline/facets.js';
import type { Conversation, Facets } from '../types.js';
import { mapChunks } from './map-chunks.js';
import { workersFor } from './threads.js';

const CHUNK = 1000;
const MIN_ITEMS = 20_000;

/**
 * The facets of every conversation, from the provider; the offline provider's are computed in parallel.
 * @example
 * const facets = await extractFacets(provider, conversations, ctx);
 */
export async function extractFacets(provider: Provider, conversations: readonly Conversation[], ctx: ProviderContext): Promise<Facets[]> {
  if (provider.facets.name !== 'offline' || workersFor(conversations.length, MIN_ITEMS).length === 0) {
    return provider.facets.extract(conversations, ctx);
  }
  ctx.signal?.throwIfAborted();
  ctx.progress.start('facets', conversations.length);
  try {
    return await mapChunks(conversations, {
      task: 'offline-facets',
      chunkSize: CHUNK,
      minItems: MIN_ITEMS,
      mapLocal: (chunk) => chunk.map(extractOfflineFacets),
      onProgress: (done) => ctx.progress.update(done),
      signal: ctx.signal,
    });
  } finally {
    ctx.progress.end();
  }
}
