/**
 * The chunk-runner capability that the pure stages take for their data-parallel loops (applying the LSA
 * model to every text, assigning every point to its nearest centre). A loop over [0, items) is cut into
 * fixed chunks and the runner decides who computes which chunk. The default runs them in order on the
 * calling thread; src/parallel supplies one that shares them with worker threads, which run the job's
 * named task on its payload. Chunk boundaries and the chunk function are the same either way, so the
 * result does not depend on the runner. A runner may also start a whole computation (a module export on
 * numbers) beside the caller's next steps (`beside`); the default computes it when joined.
 */

export interface ChunkJob {
  /** The task worker threads run on a chunk (registered by name in src/parallel/tasks.ts). */
  task: string;
  /** The task's arguments. Arrays the chunks write into must come from the runner's `float32` / `int32`. */
  payload: unknown;
  items: number;
  chunkSize: number;
  /** Work per item in units of one light item (default 1); decides, with `items`, whether threads are worth starting. */
  itemWeight?: number;
}

/** Computes items [start, end) of a job. */
export type ChunkFn = (start: number, end: number) => void;

/** A function worker threads can load: its module's URL (the module's `import.meta.url`) and the export's name. */
export interface ModuleTask {
  moduleUrl: string;
  exportName: string;
}

/** A computation started beside the caller's next steps (see {@link ChunkRunner.beside}). */
export interface BesideCall<R> {
  /** Its result; computed here and now when no other thread has (or the one that was to has failed). */
  join(): Promise<R>;
}

export interface ChunkRunner {
  /** Compute every chunk of the job (with `runLocal` on this thread, or its task elsewhere); returns when all are done. */
  run(job: ChunkJob, runLocal: ChunkFn): void;
  /** A zeroed array every thread of this runner can write into. */
  float32(length: number): Float32Array;
  /** A zeroed array every thread of this runner can write into. */
  int32(length: number): Int32Array;
  /** `array` as every thread of this runner can read it without a copy each (the array itself, or a copy). */
  share<T extends Float32Array | Int32Array>(array: T): T;
  /**
   * `task(argument)`, started on another thread when this runner has one to spare for it while the caller goes
   * on, else computed by `local(argument)` on this thread when joined. Both must compute the same result.
   * `items` sizes the work (small jobs stay on this thread).
   */
  beside<A, R>(task: ModuleTask, argument: A, local: (argument: A) => R, items: number): BesideCall<R>;
}

/**
 * Computes every chunk in order on the calling thread, with plain arrays.
 * @example
 * sequentialChunks.run({ task: 'nearest-centre', payload: null, items: 10, chunkSize: 4 }, (s, e) => console.log(s, e)); // 0 4, 4 8, 8 10
 */
export const sequentialChunks: ChunkRunner = {
  run(job, runLocal) {
    const { items, chunkSize } = job;
    for (let start = 0; start < items; start += chunkSize) runLocal(start, Math.min(items, start + chunkSize));
  },
  float32: (length) => new Float32Array(length),
  int32: (length) => new Int32Array(length),
  share: (array) => array,
  beside: (_task, argument, local) => ({ join: async () => local(argument) }),
};
