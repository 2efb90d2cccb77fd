/**
 * Worker thread entry (compiled to dist/parallel/worker.js): runs the chunks of jobs posted by
 * `runChunked` (threads.ts), claiming them from the shared control block until none are left.
 */
import { parentPort } from 'node:worker_threads';
import { DONE, FAILED, HEADER, NEXT, type JobMessage } from './threads.js';
import { taskRunner } from './tasks.js';

parentPort?.on('message', (job: JobMessage) => {
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
});
