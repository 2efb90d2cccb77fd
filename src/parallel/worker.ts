/**
 * Worker thread entry (compiled to dist/parallel/worker.js). Three kinds of message:
 * - a shared-memory job from `runChunked` (threads.ts): claim chunks from the control block until none are left;
 * - a `map` request from `mapChunks` (map-chunks.ts): load the task's module, map one chunk of items with its
 *   export and post the results back;
 * - a `call` from `besideCall` (beside.ts): load the task's module, apply its export to the argument and post
 *   the result back.
 * With MISFIRE_TEST_WORKER_FAULT set (tests only, see config.ts) the worker misbehaves instead: `stall` takes
 * work and never finishes it, `exit` ends the thread on its first message.
 */
import { parentPort } from 'node:worker_threads';
import { workerFault } from './config.js';
import type { CallReply, CallRequest } from './beside.js';
import type { ModuleTask } from '../chunk-runner.js';
import type { MapReply, MapRequest } from './map-chunks.js';
import { DONE, FAILED, HEADER, NEXT, type JobMessage } from './threads.js';
import { taskRunner } from './tasks.js';

type ItemFn = (item: unknown) => unknown;

const fault = workerFault();
const loaded = new Map<string, Promise<ItemFn>>();

parentPort?.on('message', (message: JobMessage | MapRequest | CallRequest) => {
  if ('kind' in message && message.kind === 'map') void mapChunk(message);
  else if ('kind' in message && message.kind === 'call') void call(message);
  else runJob(message as JobMessage);
});

function loadTask(task: ModuleTask): Promise<ItemFn> {
  const key = `${task.moduleUrl}#${task.exportName}`;
  let fn = loaded.get(key);
  if (!fn) {
    fn = import(task.moduleUrl).then((module: Record<string, unknown>) => {
      const exported = module[task.exportName];
      if (typeof exported !== 'function') throw new Error(`${task.moduleUrl} has no function export "${task.exportName}"`);
      return exported as ItemFn;
    });
    loaded.set(key, fn);
  }
  return fn;
}

async function mapChunk(request: MapRequest): Promise<void> {
  if (fault === 'exit') process.exit(1);
  if (fault === 'stall') return;
  const reply: MapReply = { kind: 'map', job: request.job, chunk: request.chunk };
  try {
    const map = await loadTask(request.task);
    reply.results = request.items.map((item) => map(item));
  } catch (err) {
    reply.error = err instanceof Error ? err.message : String(err);
  }
  parentPort?.postMessage(reply);
}

async function call(request: CallRequest): Promise<void> {
  if (fault === 'exit') process.exit(1);
  if (fault === 'stall') return;
  const reply: CallReply = { kind: 'call', id: request.id };
  try {
    const fn = await loadTask(request.task);
    reply.result = fn(request.argument);
  } catch (err) {
    reply.error = err instanceof Error ? err.message : String(err);
  }
  parentPort?.postMessage(reply);
}

function runJob(job: JobMessage): void {
  const { control, items, chunkSize } = job;
  const chunks = Math.ceil(items / chunkSize);
  if (fault !== null) {
    Atomics.add(control, NEXT, 1); // takes a chunk and never finishes it
    if (fault === 'exit') process.exit(1);
    return;
  }
  try {
    const run = taskRunner(job.task, job.payload);
    for (;;) {
      const c = Atomics.add(control, NEXT, 1);
      if (c >= chunks) break;
      run(c * chunkSize, Math.min(items, (c + 1) * chunkSize));
      Atomics.store(control, HEADER + c, 1);
      Atomics.add(control, DONE, 1);
      Atomics.notify(control, DONE);
    }
  } catch {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE);
  }
}
