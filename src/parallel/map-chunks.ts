/**
 * Asynchronous data-parallel map for work whose results are objects (not numbers in shared memory):
 * the items are cut into fixed chunks; worker threads are handed chunks by message (two each at a time)
 * and post back their results, while the calling thread maps the remaining chunks itself, yielding to the
 * event loop between chunks. Results land at their items' positions, so the output does not depend on
 * which thread mapped what. A worker that fails, exits, or posts nothing back for `stallMs()` while the
 * caller has nothing left to do hands its chunks back to the caller.
 *
 * What a worker runs is named by module: it imports `task.moduleUrl` and applies its export
 * `task.exportName` to every item of a chunk, so this folder need not know (or import) the function.
 */
import type { Worker } from 'node:worker_threads';
import type { ModuleTask } from '../chunk-runner.js';
import { stallMs } from './config.js';
import { workersFor } from './threads.js';

export interface MapChunksOptions<T, R> {
  /** What the workers apply to each item of a chunk. */
  task: ModuleTask;
  chunkSize: number;
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
  task: ModuleTask;
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
 * const task = { moduleUrl: import.meta.url, exportName: 'extractOfflineFacets' };
 * const facets = await mapChunks(conversations, { task, chunkSize: 1000, mapLocal: (c) => c.map(extractPromptFacets) });
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
  const workers = chunks > 1 ? workersFor(items.length) : [];
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
  const abandon = (worker?: Worker) => {
    for (const [chunk, owner] of inFlight) {
      if (worker !== undefined && owner !== worker) continue;
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
      if (!(await replyWithin(stallMs()))) abandon();
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

  /** Wait until a worker replies or goes (true), or `ms` pass without either (false). */
  function replyWithin(ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve(false);
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve(true);
      };
    });
  }
}
