/**
 * src/parallel with real worker threads: the compiled modules in dist/ (built by the global setup) are
 * imported here, so `mapChunks` and `runChunked` start dist/parallel/worker.js. Checks that workers do part
 * of the work, that the result is what the calling thread alone computes, and that a worker that fails,
 * exits (its task, or MISFIRE_TEST_WORKER_FAULT=exit) or stalls leaves its chunks to the caller; and that a call
 * started beside the caller (`besideCall`) runs on a worker, or on the caller when that is not possible.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignNearest } from '../../src/clustering/vector-math.js';
import { createRng } from '../../src/random.js';
import { REPO } from '../helpers/paths.js';

type MapChunksModule = typeof import('../../src/parallel/map-chunks.js');
type ThreadsModule = typeof import('../../src/parallel/threads.js');
type BesideModule = typeof import('../../src/parallel/beside.js');

const dist = (path: string) => new URL(path, `file://${REPO}dist/`).href;
const TASKS_URL = new URL('./fixtures/item-tasks.mjs', import.meta.url).href;
/** A generous stall limit, so a slow machine never passes for a stalled worker; the stall test lowers it. */
const KNOBS = { MISFIRE_THREADS: '2', MISFIRE_PARALLEL_MIN_ITEMS: '0', MISFIRE_STALL_MS: '30000' };
const saved = Object.fromEntries(Object.keys(KNOBS).map((k) => [k, process.env[k]]));

let mapChunks: MapChunksModule['mapChunks'];
let threads: ThreadsModule;
let beside: BesideModule;

beforeAll(async () => {
  Object.assign(process.env, KNOBS);
  ({ mapChunks } = (await import(dist('parallel/map-chunks.js'))) as MapChunksModule);
  threads = (await import(dist('parallel/threads.js'))) as ThreadsModule;
  beside = (await import(dist('parallel/beside.js'))) as BesideModule;
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Map 0 … n−1 with `exportName` from the fixture module; counts the chunks the calling thread mapped. */
async function mapWith(exportName: string, n = 2_000, chunkSize = 100) {
  const items = Array.from({ length: n }, (_, i) => i);
  let localChunks = 0;
  const started = Date.now();
  const out = await mapChunks(items, {
    task: { moduleUrl: TASKS_URL, exportName },
    chunkSize,
    mapLocal: (chunk) => {
      localChunks++;
      return chunk.map((x) => x * 2);
    },
  });
  return { out, expected: items.map((x) => x * 2), localChunks, chunks: Math.ceil(n / chunkSize), ms: Date.now() - started };
}

/** `n` random points (on shared memory) and centres, with the nearest-centre assignment the calling thread computes. */
function nearestCentreCase(n: number) {
  const rng = createRng(5);
  const dim = 16;
  const k = 20;
  const data = threads.sharedFloat32(n * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const centroids = Float32Array.from({ length: k * dim }, () => rng.normal());
  const expected = new Int32Array(n);
  assignNearest(data, 0, n, centroids, k, dim, expected);
  return { data, centroids, k, dim, expected };
}

// Healthy workers first: a stalled worker stays busy for a while after its test.
describe('runChunked on worker threads (dist)', () => {
  it('workers claim chunks of the nearest-centre task; the assignment equals the single-thread one', async () => {
    await mapWith('double'); // the worker is up and running
    const n = 30_000;
    const { data, centroids, k, dim, expected } = nearestCentreCase(n);
    const out = threads.sharedInt32(n);
    const chunkSize = 500;
    let localChunks = 0;
    threads.runChunked({ task: 'nearest-centre', payload: { data, centroids, k, dim, out }, items: n, chunkSize }, (start, end) => {
      localChunks++;
      assignNearest(data, start, end, centroids, k, dim, out);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // slow the caller so the worker surely takes some
    });
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(localChunks).toBeLessThan(n / chunkSize);
  });
});

describe('mapChunks on worker threads (dist)', () => {
  it('workers load the task by module URL and map some chunks; results are in item order', async () => {
    const { out, expected, localChunks, chunks } = await mapWith('double');
    expect(out).toEqual(expected);
    expect(localChunks).toBeLessThan(chunks);
  });

  it('a task the module does not export as a function: the caller maps every chunk', async () => {
    for (const name of ['notAFunction', 'noSuchExport']) {
      const { out, expected, localChunks, chunks } = await mapWith(name);
      expect(out).toEqual(expected);
      expect(localChunks).toBe(chunks);
    }
  });

  it('a worker that exits: the caller maps its chunks', async () => {
    const { out, expected, localChunks, chunks } = await mapWith('exitOnWorker');
    expect(out).toEqual(expected);
    expect(localChunks).toBe(chunks);
  });

  it('workers started with MISFIRE_TEST_WORKER_FAULT=exit: the caller maps their chunks and finishes the chunk one took', async () => {
    for (const healthy of threads.workersFor(1)) await healthy.terminate(); // later workers start with the fault
    process.env.MISFIRE_TEST_WORKER_FAULT = 'exit';
    try {
      // mapChunks: the worker exits on its first request; the caller hears of it and does not wait for a stall.
      const [mapper] = threads.workersFor(1);
      const mapperExit = once(mapper, 'exit');
      const mapped = await mapWith('double');
      expect(mapped.out).toEqual(mapped.expected);
      expect(mapped.localChunks).toBe(mapped.chunks);
      expect(mapped.ms).toBeLessThan(Number(KNOBS.MISFIRE_STALL_MS));
      expect(await mapperExit).toEqual([1]);

      // runChunked: a fresh worker claims a chunk and exits; after MISFIRE_STALL_MS the caller computes it.
      const [claimer] = threads.workersFor(1);
      expect(claimer).not.toBe(mapper);
      const claimerExit = once(claimer, 'exit');
      await once(claimer, 'online');
      process.env.MISFIRE_STALL_MS = '300';
      const n = 3_000;
      const { data, centroids, k, dim, expected } = nearestCentreCase(n);
      const out = threads.sharedInt32(n);
      const chunkSize = 10;
      const localStarts: number[] = [];
      let skipped = false;
      threads.runChunked({ task: 'nearest-centre', payload: { data, centroids, k, dim, out }, items: n, chunkSize }, (start, end) => {
        skipped ||= localStarts.length > 0 && start > (localStarts.at(-1) as number) + chunkSize;
        localStarts.push(start);
        assignNearest(data, start, end, centroids, k, dim, out);
        // Slow the caller (for up to 3 s) until it skips a chunk: the worker has claimed one.
        if (!skipped) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      });
      expect(Array.from(out)).toEqual(Array.from(expected));
      expect(localStarts).toHaveLength(n / chunkSize);
      // The chunk the worker claimed was computed by the caller last, out of order.
      expect(skipped).toBe(true);
      expect(localStarts).not.toEqual([...localStarts].sort((a, b) => a - b));
      expect(await claimerExit).toEqual([1]);
    } finally {
      delete process.env.MISFIRE_TEST_WORKER_FAULT;
      process.env.MISFIRE_STALL_MS = KNOBS.MISFIRE_STALL_MS;
    }
  });

  it('a worker that stalls: after MISFIRE_STALL_MS the caller maps its chunks, without waiting for the worker', async () => {
    const { WORKER_STALL_MS } = (await import(TASKS_URL)) as { WORKER_STALL_MS: number };
    process.env.MISFIRE_STALL_MS = '300';
    const { out, expected, localChunks, chunks, ms } = await mapWith('stallOnWorker', 300);
    expect(out).toEqual(expected);
    expect(localChunks).toBe(chunks);
    expect(ms).toBeLessThan(WORKER_STALL_MS);
  });
});

describe('besideCall on worker threads (dist)', () => {
  const task = (exportName: string) => ({ moduleUrl: TASKS_URL, exportName });
  const here = (x: number) => ({ doubled: x * 2, onWorker: false });

  beforeAll(async () => {
    for (const busy of threads.workersFor(1)) await busy.terminate(); // a fresh worker, not one a stall test left blocked
  });

  it('runs the call on a worker while the caller goes on; join gives the worker\'s result', async () => {
    const call = beside.besideCall(task('doubleAndSayWhere'), 21, here, 1);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // the caller's own work meanwhile
    expect(await call.join()).toEqual({ doubled: 42, onWorker: true });
  });

  it('with more threads than it pays for, or too few items, the caller computes it when joined', async () => {
    process.env.MISFIRE_THREADS = String(beside.MAX_BESIDE_THREADS + 1);
    try {
      expect(await beside.besideCall(task('doubleAndSayWhere'), 21, here, 1).join()).toEqual({ doubled: 42, onWorker: false });
    } finally {
      process.env.MISFIRE_THREADS = KNOBS.MISFIRE_THREADS;
    }
    process.env.MISFIRE_PARALLEL_MIN_ITEMS = '1000';
    try {
      expect(await beside.besideCall(task('doubleAndSayWhere'), 21, here, 999).join()).toEqual({ doubled: 42, onWorker: false });
    } finally {
      process.env.MISFIRE_PARALLEL_MIN_ITEMS = KNOBS.MISFIRE_PARALLEL_MIN_ITEMS;
    }
  });

  it('a task the worker cannot run, or a worker that exits: the caller computes it', async () => {
    for (const name of ['notAFunction', 'noSuchExport', 'exitOnWorker']) {
      expect(await beside.besideCall(task(name), 21, here, 1).join(), name).toEqual({ doubled: 42, onWorker: false });
    }
  });

  it('a worker that stays silent: after MISFIRE_STALL_MS the caller computes it, without waiting for the worker', async () => {
    const { WORKER_STALL_MS } = (await import(TASKS_URL)) as { WORKER_STALL_MS: number };
    for (const busy of threads.workersFor(1)) await busy.terminate();
    process.env.MISFIRE_STALL_MS = '300';
    try {
      const started = Date.now();
      expect(await beside.besideCall(task('stallOnWorker'), 21, (x: number) => x * 2, 1).join()).toBe(42);
      expect(Date.now() - started).toBeLessThan(WORKER_STALL_MS);
    } finally {
      process.env.MISFIRE_STALL_MS = KNOBS.MISFIRE_STALL_MS;
    }
  });
});
