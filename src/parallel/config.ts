/**
 * The environment knobs of the worker-thread path, read here and nowhere else:
 * - `MISFIRE_THREADS=N`: threads a job may use, the caller included (default one per core, at most 8; 1 = no workers);
 * - `MISFIRE_PARALLEL_MIN_ITEMS=N`: jobs with fewer items run on the calling thread only (default 20,000);
 * - `MISFIRE_STALL_MS=N`: workers that finish nothing for this long are given up on (default 120,000);
 * - `MISFIRE_TEST_WORKER_FAULT=stall|exit`: for tests only, workers never finish a chunk they take, or exit on
 *   their first job, so the fallback to the calling thread can be checked end to end.
 * Values are read on every call, so a test may change them between jobs.
 */
import { availableParallelism } from 'node:os';

const MAX_THREADS = 8;
const DEFAULT_MIN_ITEMS = 20_000;
const DEFAULT_STALL_MS = 120_000;

export type WorkerFault = 'stall' | 'exit';

function integerFrom(name: string, min: number): number | null {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value >= min ? value : null;
}

/**
 * Threads a parallel job may use, the caller included (1 = no workers).
 * @example
 * process.env.MISFIRE_THREADS = '3'; threadCount(); // 3
 */
export function threadCount(): number {
  const wanted = integerFrom('MISFIRE_THREADS', 1) ?? availableParallelism();
  return Math.max(1, Math.min(MAX_THREADS, wanted));
}

/** Jobs over fewer items than this run on the calling thread only. */
export function minParallelItems(): number {
  return integerFrom('MISFIRE_PARALLEL_MIN_ITEMS', 0) ?? DEFAULT_MIN_ITEMS;
}

/** Milliseconds without a finished chunk after which the caller stops waiting for workers and finishes the rest itself. */
export function stallMs(): number {
  return integerFrom('MISFIRE_STALL_MS', 1) ?? DEFAULT_STALL_MS;
}

/** The fault worker threads simulate (tests only), or null. */
export function workerFault(): WorkerFault | null {
  const value = process.env.MISFIRE_TEST_WORKER_FAULT;
  return value === 'stall' || value === 'exit' ? value : null;
}
