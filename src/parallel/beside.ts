/**
 * One call of a module export on a worker thread while the calling thread goes on with other work: the
 * search among the errors runs beside the clustering and naming, which leave a worker idle most of the time.
 *
 * Used only where it pays: with two or three threads. With more, the caller's steps keep the other workers
 * busy and the call's own chunks, run afterwards on every thread, finish sooner; so there, and without
 * workers (one thread, small jobs, TypeScript sources), the call is computed on the calling thread when
 * joined, as it would be without this module. The worker's shared-memory jobs queue behind the call and the
 * caller computes their chunks itself meanwhile (same results, see threads.ts). A worker that fails or exits,
 * or posts nothing within `stallMs()` of the caller starting to wait, leaves the call to the caller.
 */
import type { Worker } from 'node:worker_threads';
import type { BesideCall, ModuleTask } from '../chunk-runner.js';
import { stallMs, threadCount } from './config.js';
import { workersFor } from './threads.js';

/** Most threads at which a call runs beside the caller (see the module comment). */
export const MAX_BESIDE_THREADS = 3;

export interface CallRequest {
  kind: 'call';
  id: number;
  task: ModuleTask;
  argument: unknown;
}

export interface CallReply {
  kind: 'call';
  id: number;
  result?: unknown;
  error?: string;
}

let calls = 0;

/**
 * `task(argument)` on a worker thread from now on, or `local(argument)` on this thread when joined.
 * @example
 * const call = besideCall(SEARCH_REGIONS_TASK, input, (i) => searchRegions(i, parallelChunks), n);
 * // … other work …
 * const regions = await call.join();
 */
export function besideCall<A, R>(task: ModuleTask, argument: A, local: (argument: A) => R, items: number): BesideCall<R> {
  const pool = threadCount() <= MAX_BESIDE_THREADS ? workersFor(items) : [];
  const worker = pool[pool.length - 1];
  if (worker === undefined) return { join: async () => local(argument) };
  const reply = postCall(worker, { kind: 'call', id: ++calls, task, argument });
  return {
    async join() {
      const answer = await reply.within(stallMs());
      if (answer === null || answer.error !== undefined || !('result' in answer)) return local(argument);
      return answer.result as R;
    },
  };
}

/** Posts the request; `within(ms)` resolves to the reply, or null when the worker went or stayed silent that long. */
function postCall(worker: Worker, request: CallRequest): { within(ms: number): Promise<CallReply | null> } {
  let outcome: CallReply | null | undefined;
  let settle: ((answer: CallReply | null) => void) | null = null;
  const finish = (answer: CallReply | null) => {
    if (outcome !== undefined) return;
    outcome = answer;
    worker.off('message', onMessage);
    worker.off('error', onGone);
    worker.off('exit', onGone);
    settle?.(answer);
  };
  const onMessage = (message: CallReply) => {
    if (message?.kind === 'call' && message.id === request.id) finish(message);
  };
  const onGone = () => finish(null);
  worker.on('message', onMessage);
  worker.on('error', onGone);
  worker.on('exit', onGone);
  worker.postMessage(request);
  return {
    within(ms) {
      if (outcome !== undefined) return Promise.resolve(outcome);
      return new Promise((resolve) => {
        // The timer also keeps the event loop alive while the (unreferenced) worker computes.
        const timer = setTimeout(() => finish(null), ms);
        settle = (answer) => {
          clearTimeout(timer);
          resolve(answer);
        };
      });
    },
  };
}
