/**
 * Data-parallel loops on worker threads, called synchronously.
 *
 * A job is split into fixed chunks; the calling thread and the workers claim chunks from a shared counter
 * (`Atomics.add`) until none are left, then the caller blocks (`Atomics.wait`) until every chunk is done.
 * Each chunk is computed by the same function, and chunk boundaries do not depend on who computes what,
 * so the result is byte-identical with or without workers. Workers are an optimisation only:
 * - they are used only from compiled JavaScript (dist/), never when running TypeScript sources (vitest),
 *   and only for jobs of at least `minParallelItems()` items (config.ts lists the environment knobs);
 * - a worker that fails or stalls is abandoned and the caller computes its unfinished chunks itself.
 * Task implementations live in tasks.ts, which worker.ts loads; payloads are structured-cloned, so large
 * arrays should be backed by a SharedArrayBuffer (see `sharedFloat32`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkFn, ChunkJob } from '../chunk-runner.js';
import { minParallelItems, stallMs, threadCount } from './config.js';

/** Control block layout (Int32 slots) shared with the workers. */
export const NEXT = 0;
export const DONE = 1;
export const FAILED = 2;
export const HEADER = 3;

export interface JobMessage {
  task: string;
  payload: unknown;
  items: number;
  chunkSize: number;
  control: Int32Array;
}

let workers: Worker[] | null = null;

function workerScript(): string | null {
  if (!import.meta.url.endsWith('.js')) return null; // TypeScript sources (vitest): no compiled worker
  const path = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(path) ? path : null;
}

/**
 * The worker threads a job over `items` items may use: none below `minParallelItems()`, from TypeScript
 * sources, or with MISFIRE_THREADS=1.
 * @example
 * if (workersFor(conversations.length).length === 0) return extractHere(conversations);
 */
export function workersFor(items: number): Worker[] {
  return items >= minParallelItems() ? ensureWorkers() : [];
}

function ensureWorkers(): Worker[] {
  const wanted = threadCount() - 1;
  if (workers && workers.length >= wanted) return workers.slice(0, wanted);
  const script = wanted > 0 ? workerScript() : null;
  if (!script) return [];
  workers ??= [];
  while (workers.length < wanted) {
    const worker = new Worker(script);
    worker.unref();
    worker.on('error', () => dropWorker(worker));
    worker.on('exit', () => dropWorker(worker));
    workers.push(worker);
  }
  return workers.slice(0, wanted);
}

function dropWorker(worker: Worker): void {
  if (workers) workers = workers.filter((w) => w !== worker);
}

/**
 * Run `runLocal(start, end)` over [0, items) in chunks, sharing the chunks with worker threads that run
 * the registered `task` on `payload` (see the module comment for when workers are used).
 * @example
 * runChunked({ task: 'nearest-centre', payload, items: n, chunkSize: 4096 }, (start, end) => assign(start, end));
 */
export function runChunked(job: ChunkJob, runLocal: ChunkFn): void {
  const { items, chunkSize } = job;
  const chunks = Math.ceil(items / chunkSize);
  const pool = chunks > 1 ? workersFor(items * (job.itemWeight ?? 1)) : [];
  if (pool.length === 0) {
    for (let c = 0; c < chunks; c++) runLocal(c * chunkSize, Math.min(items, (c + 1) * chunkSize));
    return;
  }
  const control = new Int32Array(new SharedArrayBuffer(4 * (HEADER + chunks)));
  const message: JobMessage = { task: job.task, payload: job.payload, items, chunkSize, control };
  for (const worker of pool) worker.postMessage(message);
  for (;;) {
    const c = Atomics.add(control, NEXT, 1);
    if (c >= chunks) break;
    runLocal(c * chunkSize, Math.min(items, (c + 1) * chunkSize));
    Atomics.store(control, HEADER + c, 1);
    Atomics.add(control, DONE, 1);
  }
  waitForWorkers(control, chunks);
  for (let c = 0; c < chunks; c++) {
    if (Atomics.load(control, HEADER + c) !== 1) runLocal(c * chunkSize, Math.min(items, (c + 1) * chunkSize));
  }
}

function waitForWorkers(control: Int32Array, chunks: number): void {
  const stall = stallMs();
  let lastDone = Atomics.load(control, DONE);
  let lastProgress = Date.now();
  while (lastDone < chunks && Atomics.load(control, FAILED) === 0) {
    Atomics.wait(control, DONE, lastDone, Math.min(50, stall));
    const done = Atomics.load(control, DONE);
    if (done !== lastDone) {
      lastDone = done;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > stall) {
      break;
    }
  }
  Atomics.store(control, NEXT, chunks + 1 + 2 ** 30); // no further claims; the caller finishes what is left
}

/** A zeroed Float32Array on shared memory (workers write into it without copies). */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(4 * length));
}

/** A zeroed Int32Array on shared memory. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

/** `array` itself when it is on shared memory, else a shared copy (so workers can read it without a copy each). */
export function asShared<T extends Float32Array | Int32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = (array instanceof Float32Array ? sharedFloat32(array.length) : sharedInt32(array.length)) as T;
  copy.set(array);
  return copy;
}
