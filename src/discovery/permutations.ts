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
  /** Shuffle number of the payload's first item (shuffles run in rounds). */
  offset: number;
  /** Shared output: the largest statistic of each shuffle, by shuffle number. */
  out: Float32Array;
}

/** Shuffles per chunk: a round of 12 is 4 chunks, which 2 or 4 threads share evenly (3 chunks of 4 kept one of 2 threads idle a third of the time). */
const CHUNK = 3;
/** Shuffles per round; after each round the search may stop (see `permutationMaxima`). */
export const ROUND = 12;

/**
 * The largest statistic of the search on each shuffle, in rounds of ROUND shuffles. It stops after a round
 * once `stopAt` maxima have reached `best` (the real search's largest statistic): then no candidate can get a
 * p-value below alpha however the remaining shuffles fall, so every reported pocket, and its p-value, is the
 * one the full `settings.permutations` would give (a sequential Monte Carlo test, Besag & Clifford 1991).
 * Returns the maxima of the shuffles run.
 * @example
 * const maxima = permutationMaxima(points, 64, flags, { minSupport: 20, seed: 1, permutations: 49 }, sequentialChunks, { best: 12.5, stopAt: 2 });
 */
export function permutationMaxima(
  points: Float32Array,
  width: number,
  flags: Uint8Array,
  settings: SearchSettings & { seed: number; permutations: number },
  runner: ChunkRunner,
  stop: { best: number; stopAt: number } = { best: Infinity, stopAt: Infinity },
): Float32Array {
  const out = runner.float32(settings.permutations);
  const shared = runner.int32(flags.length);
  for (let i = 0; i < flags.length; i++) shared[i] = flags[i];
  const base = { points: runner.share(points), width, flags: shared, settings: { minSupport: settings.minSupport, seed: settings.seed }, out };
  let run = 0;
  let reached = 0;
  while (run < settings.permutations && reached < stop.stopAt) {
    const payload: PermutationPayload = { ...base, offset: run };
    const items = Math.min(ROUND, settings.permutations - run);
    runner.run({ task: 'error-permutations', payload, items, chunkSize: CHUNK, itemWeight: flags.length }, (start, end) => shuffleMaxima(payload, start, end));
    for (let b = run; b < run + items; b++) if (out[b] >= stop.best) reached++;
    run += items;
  }
  return out.slice(0, run);
}

/** Shuffles [start, end) of a permutation payload (the chunk function worker threads run too). */
export function shuffleMaxima(payload: PermutationPayload, start: number, end: number): void {
  const { points, width, flags, settings, out, offset } = payload;
  const shuffled = new Uint8Array(flags.length);
  for (let b = offset + start; b < offset + end; b++) {
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
