/**
 * Asynchronous data-parallel map for work whose results are objects (not numbers in shared memory):
 * the items are cut into fixed chunks; worker threads are handed chunks by message (two each at a time)
 * and post back their results, while the calling thread maps the remaining chunks itself, yielding to the
 * event loop between chunks. Results land at their items' positions, so the output does not depend on
 * which thread mapped what; a worker that fails hands its chunks back to the caller.
 */
import type { Worker } from 'node:worker_threads';
import { workersFor } from './threads.js';

export interface MapChunksOptions<T, R> {
  /** Task name registered in tasks.ts `MAP_TASKS` (what the workers run on a chunk). */
  task: string;
  chunkSize: number;
  /** Below this many items everything runs on the calling thread (default 20,000). */
  minItems?: number;
  /** The same function the task runs, for the calling thread. */
  mapLocal: (chunk: T[]) => R[];
  /** Called with the number of items mapped so far, after each chunk. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
}

export interface MapRequest {
  kind: 'map';
  job: number;
  chunk: number;
  task: string;
  items: unknown[];
}

export interface MapReply {
  kind: 'map';
  job: number;
  chunk: number;
  results?: unknown[];
  error?: string;
}

let jobCounter = 0;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Map `items` in chunks on this thread and the worker threads; resolves to the results in item order.
 * @example
 * const facets = await mapChunks(conversations, { task: 'offline-facets', chunkSize: 1000, mapLocal: (c) => c.map(extract) });
 */
export async function mapChunks<T, R>(items: readonly T[], options: MapChunksOptions<T, R>): Promise<R[]> {
  const { chunkSize } = options;
  const chunks = Math.ceil(items.length / chunkSize);
  const results = new Array<R>(items.length);
  const slice = (c: number) => items.slice(c * chunkSize, Math.min(items.length, (c + 1) * chunkSize));
  let done = 0;
  const store = (c: number, values: readonly R[]) => {
    for (let i = 0; i < values.length; i++) results[c * chunkSize + i] = values[i];
    done += values.length;
    options.onProgress?.(done);
  };
  const workers = chunks > 1 ? workersFor(items.length, options.minItems) : [];
  const job = ++jobCounter;
  let next = 0;
  const orphaned: number[] = [];
  const inFlight = new Map<number, Worker>();
  let wake: (() => void) | null = null;
  const feed = (worker: Worker) => {
    if (next >= chunks) return;
    const chunk = next++;
    inFlight.set(chunk, worker);
    const request: MapRequest = { kind: 'map', job, chunk, task: options.task, items: slice(chunk) };
    worker.postMessage(request);
  };
  const abandon = (worker: Worker) => {
    for (const [chunk, owner] of inFlight) {
      if (owner !== worker) continue;
      inFlight.delete(chunk);
      orphaned.push(chunk);
    }
    wake?.();
  };
  const listeners = workers.map((worker) => {
    const onMessage = (reply: MapReply) => {
      if (reply.kind !== 'map' || reply.job !== job || !inFlight.has(reply.chunk)) return;
      inFlight.delete(reply.chunk);
      if (reply.error !== undefined || !reply.results) {
        orphaned.push(reply.chunk);
      } else {
        store(reply.chunk, reply.results as R[]);
        feed(worker);
      }
      wake?.();
    };
    const onGone = () => abandon(worker);
    worker.on('message', onMessage);
    worker.on('error', onGone);
    worker.on('exit', onGone);
    worker.ref();
    return { worker, onMessage, onGone };
  });
  try {
    for (const { worker } of listeners) {
      feed(worker);
      feed(worker);
    }
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = orphaned.length ? (orphaned.pop() as number) : next < chunks ? next++ : -1;
      if (chunk >= 0) {
        store(chunk, options.mapLocal(slice(chunk)));
        await yieldToEventLoop();
        continue;
      }
      if (inFlight.size === 0) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    for (const { worker, onMessage, onGone } of listeners) {
      worker.off('message', onMessage);
      worker.off('error', onGone);
      worker.off('exit', onGone);
      worker.unref();
    }
  }
  return results;
}
