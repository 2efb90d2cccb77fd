/**
 * The null distribution of the search: for each shuffle b, the error flags are permuted among the searched
 * items with a stream seeded by (seed, b) alone and the whole search is rerun; its largest statistic is
 * recorded. Shuffles do not depend on one another, so they run in chunks on any thread in any order and the
 * maxima are the same.
 */
import type { ChunkRunner } from '../chunk-runner.js';
import { createRng, deriveSeed } from '../random.js';
import { searchCandidates, type SearchSettings } from './candidates.js';

export interface PermutationPayload {
  /** Shared (items × width) search points. */
  points: Float32Array;
  width: number;
  /** Shared error flags (0/1) of the searched items. */
  flags: Int32Array;
  settings: SearchSettings & { seed: number };
  /** Shared output: the largest statistic of each shuffle. */
  out: Float32Array;
}

const CHUNK = 4;

/**
 * The largest statistic of the search on each of `settings.permutations` shuffles.
 * @example
 * const maxima = permutationMaxima(points, 64, flags, { minSupport: 20, seed: 1, permutations: 99 }, sequentialChunks);
 */
export function permutationMaxima(
  points: Float32Array,
  width: number,
  flags: Uint8Array,
  settings: SearchSettings & { seed: number; permutations: number },
  runner: ChunkRunner,
): Float32Array {
  const out = runner.float32(settings.permutations);
  const shared = runner.int32(flags.length);
  for (let i = 0; i < flags.length; i++) shared[i] = flags[i];
  const payload: PermutationPayload = { points: runner.share(points), width, flags: shared, settings: { minSupport: settings.minSupport, seed: settings.seed }, out };
  runner.run({ task: 'error-permutations', payload, items: settings.permutations, chunkSize: CHUNK, itemWeight: flags.length }, (start, end) =>
    shuffleMaxima(payload, start, end),
  );
  return out;
}

/** Shuffles [start, end) of a permutation payload (the chunk function worker threads run too). */
export function shuffleMaxima(payload: PermutationPayload, start: number, end: number): void {
  const { points, width, flags, settings, out } = payload;
  const shuffled = new Uint8Array(flags.length);
  for (let b = start; b < end; b++) {
    for (let i = 0; i < flags.length; i++) shuffled[i] = flags[i];
    const rng = createRng(deriveSeed(settings.seed, `shuffle-${b}`));
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    let max = 0;
    for (const c of searchCandidates(points, width, shuffled, settings)) max = Math.max(max, c.statistic);
    out[b] = max;
  }
}
