/**
 * The facets stage: the provider's facets of every conversation. When the facet extractor offers a worker
 * task and worker threads are available for this many conversations, chunks are extracted on every core
 * (src/parallel/map-chunks.ts) with that task; the result equals `extract`'s, which the provider
 * contract checks (a worker task is `extractOne` per conversation). Otherwise the provider's own path runs.
 */
import { mapChunks } from '../parallel/map-chunks.js';
import { workersFor } from '../parallel/threads.js';
import type { FacetExtractor, ProviderContext } from '../providers/types.js';
import type { Conversation, Facets } from '../types.js';

/** Conversations per chunk handed to a worker. */
const CHUNK = 1000;

/**
 * The facets of every conversation, in order, in parallel when the extractor allows it.
 * @example
 * const facets = await extractFacets(provider.facets, conversations, ctx);
 */
export async function extractFacets(extractor: FacetExtractor, conversations: readonly Conversation[], ctx: ProviderContext): Promise<Facets[]> {
  const task = extractor.workerTask;
  if (!task || conversations.length <= CHUNK || workersFor(conversations.length).length === 0) {
    return extractor.extract(conversations, ctx);
  }
  ctx.signal?.throwIfAborted();
  ctx.progress.start('facets', conversations.length);
  try {
    return await mapChunks(conversations, {
      task: { moduleUrl: task.moduleUrl, exportName: task.exportName },
      chunkSize: CHUNK,
      mapLocal: (chunk) => chunk.map((conversation) => task.extractOne(conversation)),
      onProgress: (done) => ctx.progress.update(done),
      signal: ctx.signal,
    });
  } finally {
    ctx.progress.end();
  }
}
