/**
 * Worker thread entry (compiled to dist/parallel/worker.js). Two kinds of message:
 * - a shared-memory job from `runChunked` (threads.ts): claim chunks from the control block until none are left;
 * - a `map` request from `mapChunks` (map-chunks.ts): map one chunk of items and post the results back.
 */
import { parentPort } from 'node:worker_threads';
import type { MapReply, MapRequest } from './map-chunks.js';
import { DONE, FAILED, HEADER, NEXT, type JobMessage } from './threads.js';
import { mapTask, taskRunner } from './tasks.js';

parentPort?.on('message', (message: JobMessage | MapRequest) => {
  if ('kind' in message && message.kind === 'map') mapChunk(message);
  else runJob(message as JobMessage);
});

function mapChunk(request: MapRequest): void {
  const reply: MapReply = { kind: 'map', job: request.job, chunk: request.chunk };
  try {
    reply.results = mapTask(request.task)(request.items);
  } catch (err) {
    reply.error = err instanceof Error ? err.message : String(err);
  }
  parentPort?.postMessage(reply);
}

function runJob(job: JobMessage): void {
  const { control, items, chunkSize } = job;
  const chunks = Math.ceil(items / chunkSize);
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
