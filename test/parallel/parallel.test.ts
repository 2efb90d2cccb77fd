/**
 * The parallel helpers (src/parallel) as they behave where no worker threads are used (TypeScript sources
 * under vitest, MISFIRE_THREADS=1, small inputs), and the equivalence the parallel offline facets rely on.
 * With workers, chunks are computed by the same functions; `npm run bench -- --check-determinism`
 * compares whole runs with and without workers byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { generateConversations, toConversation } from '../../src/demo/index.js';
import { mapChunks } from '../../src/parallel/map-chunks.js';
import { extractFacets } from '../../src/parallel/offline-facets.js';
import { runChunked, threadCount } from '../../src/parallel/threads.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { createProvider } from '../../src/providers/registry.js';
import { emptyUsage } from '../../src/providers/types.js';
import { silentProgress } from '../../src/types.js';

describe('runChunked', () => {
  it('covers every item exactly once, chunk by chunk', () => {
    const seen = new Int32Array(50_003);
    const chunks: [number, number][] = [];
    runChunked({ task: 'nearest-centre', payload: null, items: seen.length, chunkSize: 4096 }, (start, end) => {
      chunks.push([start, end]);
      for (let i = start; i < end; i++) seen[i]++;
    });
    expect(seen.every((x) => x === 1)).toBe(true);
    expect(chunks[0]).toEqual([0, 4096]);
    expect(chunks.at(-1)).toEqual([49_152, 50_003]);
  });

  it('reads the thread count from MISFIRE_THREADS', () => {
    const before = process.env.MISFIRE_THREADS;
    process.env.MISFIRE_THREADS = '1';
    expect(threadCount()).toBe(1);
    process.env.MISFIRE_THREADS = '3';
    expect(threadCount()).toBe(3);
    if (before === undefined) delete process.env.MISFIRE_THREADS;
    else process.env.MISFIRE_THREADS = before;
  });
});

describe('mapChunks', () => {
  it('returns results in item order and reports progress per chunk', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const progress: number[] = [];
    const out = await mapChunks(items, { task: 'offline-facets', chunkSize: 1000, mapLocal: (chunk) => chunk.map((x) => x * 2), onProgress: (d) => progress.push(d) });
    expect(out).toEqual(items.map((x) => x * 2));
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mapChunks([1, 2, 3], { task: 'offline-facets', chunkSize: 1, mapLocal: (c) => c, signal: controller.signal })).rejects.toThrow();
  });
});

describe('parallel offline facets', () => {
  it('equal the offline provider’s own facets (what the worker threads compute per chunk)', async () => {
    const conversations = generateConversations({ n: 600, seed: 3 }).map(toConversation);
    const provider = createProvider('offline', {});
    const ctx = { seed: 42, progress: silentProgress, minUsers: 5, cacheDir: '.misfire-cache', usage: emptyUsage() };
    const fromProvider = await provider.facets.extract(conversations, ctx);
    expect(conversations.map(extractOfflineFacets)).toEqual(fromProvider);
    expect(await extractFacets(provider, conversations, ctx)).toEqual(fromProvider);
  });
});
