/** The chunk runner src/api hands the pure stages: worker threads on shared memory, and calls beside the caller. */
import type { ChunkRunner } from '../chunk-runner.js';
import { besideCall } from './beside.js';
import { threadCount } from './config.js';
import { asShared, runChunked, sharedFloat32, sharedInt32 } from './threads.js';

/**
 * The {@link ChunkRunner} that shares chunks with worker threads, on shared memory. Results are identical
 * to `sequentialChunks`.
 * @example
 * embedLsa(texts, { dim: 128, seed: 42, chunkRunner: parallelChunks });
 */
export const parallelChunks: ChunkRunner = {
  run: runChunked,
  float32: sharedFloat32,
  int32: sharedInt32,
  share: (array) => (threadCount() > 1 ? asShared(array) : array),
  beside: besideCall,
};
