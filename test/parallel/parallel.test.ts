/**
 * The parallel helpers (src/parallel) as they behave where no worker threads are used (TypeScript sources
 * under vitest, MISFIRE_THREADS=1, small inputs), the knobs they read, and the equivalence the parallel
 * facets stage relies on. With workers (compiled dist/): workers.test.ts and cli-threads.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sequentialChunks } from '../../src/chunk-runner.js';
import { generateConversations, toConversation } from '../../src/demo/index.js';
import { extractFacets } from '../../src/api/extract-facets.js';
import { minParallelItems, stallMs, threadCount, workerFault } from '../../src/parallel/config.js';
import { mapChunks } from '../../src/parallel/map-chunks.js';
import { parallelChunks } from '../../src/parallel/parallel-chunks.js';
import { runChunked } from '../../src/parallel/threads.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { createProvider } from '../../src/providers/registry.js';
import { emptyUsage } from '../../src/providers/types.js';
import { silentProgress } from '../../src/types.js';

const KNOBS = ['MISFIRE_THREADS', 'MISFIRE_PARALLEL_MIN_ITEMS', 'MISFIRE_STALL_MS', 'MISFIRE_TEST_WORKER_FAULT'] as const;
const saved = Object.fromEntries(KNOBS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KNOBS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const TASK = { moduleUrl: import.meta.url, exportName: 'unused' };

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
});

describe('chunk runners', () => {
  it('the sequential and the parallel runner cut a job into the same chunks', () => {
    const cut = (runner: typeof sequentialChunks) => {
      const chunks: [number, number][] = [];
      runner.run({ task: 'nearest-centre', payload: null, items: 10_001, chunkSize: 4096 }, (s, e) => chunks.push([s, e]));
      return chunks;
    };
    expect(cut(sequentialChunks)).toEqual([[0, 4096], [4096, 8192], [8192, 10_001]]);
    expect(cut(parallelChunks)).toEqual(cut(sequentialChunks));
  });

  it('the parallel runner allocates shared memory and shares plain arrays only when it has threads to share with', () => {
    expect(parallelChunks.float32(4).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parallelChunks.int32(4).buffer).toBeInstanceOf(SharedArrayBuffer);
    const plain = Float32Array.from([1, 2, 3]);
    process.env.MISFIRE_THREADS = '2';
    const shared = parallelChunks.share(plain);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared)).toEqual([1, 2, 3]);
    process.env.MISFIRE_THREADS = '1';
    expect(parallelChunks.share(plain)).toBe(plain);
    expect(sequentialChunks.share(plain)).toBe(plain);
  });
});

describe('parallel knobs (environment, read on every call)', () => {
  it('MISFIRE_THREADS sets the thread count, capped at 8', () => {
    process.env.MISFIRE_THREADS = '1';
    expect(threadCount()).toBe(1);
    process.env.MISFIRE_THREADS = '3';
    expect(threadCount()).toBe(3);
    process.env.MISFIRE_THREADS = '64';
    expect(threadCount()).toBe(8);
  });

  it('MISFIRE_PARALLEL_MIN_ITEMS and MISFIRE_STALL_MS override the defaults; junk is ignored', () => {
    delete process.env.MISFIRE_PARALLEL_MIN_ITEMS;
    delete process.env.MISFIRE_STALL_MS;
    expect(minParallelItems()).toBe(20_000);
    expect(stallMs()).toBe(120_000);
    process.env.MISFIRE_PARALLEL_MIN_ITEMS = '500';
    process.env.MISFIRE_STALL_MS = '250';
    expect(minParallelItems()).toBe(500);
    expect(stallMs()).toBe(250);
    process.env.MISFIRE_PARALLEL_MIN_ITEMS = 'many';
    process.env.MISFIRE_STALL_MS = '0';
    expect(minParallelItems()).toBe(20_000);
    expect(stallMs()).toBe(120_000);
  });

  it('MISFIRE_TEST_WORKER_FAULT knows only stall and exit', () => {
    delete process.env.MISFIRE_TEST_WORKER_FAULT;
    expect(workerFault()).toBeNull();
    process.env.MISFIRE_TEST_WORKER_FAULT = 'stall';
    expect(workerFault()).toBe('stall');
    process.env.MISFIRE_TEST_WORKER_FAULT = 'exit';
    expect(workerFault()).toBe('exit');
    process.env.MISFIRE_TEST_WORKER_FAULT = 'crash';
    expect(workerFault()).toBeNull();
  });
});

describe('mapChunks', () => {
  it('returns results in item order and reports progress per chunk', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const progress: number[] = [];
    const out = await mapChunks(items, { task: TASK, chunkSize: 1000, mapLocal: (chunk) => chunk.map((x) => x * 2), onProgress: (d) => progress.push(d) });
    expect(out).toEqual(items.map((x) => x * 2));
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mapChunks([1, 2, 3], { task: TASK, chunkSize: 1, mapLocal: (c) => c, signal: controller.signal })).rejects.toThrow();
  });
});

describe('the facets stage', () => {
  it('equals the offline provider’s own facets (what the worker threads compute per chunk)', async () => {
    process.env.MISFIRE_PARALLEL_MIN_ITEMS = '0';
    const conversations = generateConversations({ n: 2600, seed: 3 }).map(toConversation);
    const provider = createProvider('offline', {});
    const ctx = { seed: 42, progress: silentProgress, minUsers: 5, cacheDir: '.misfire-cache', usage: emptyUsage() };
    const fromProvider = await provider.facets.extract(conversations, ctx);
    expect(conversations.map((c) => extractOfflineFacets(c))).toEqual(fromProvider);
    expect(await extractFacets(provider.facets, conversations, ctx)).toEqual(fromProvider);
  });
});
