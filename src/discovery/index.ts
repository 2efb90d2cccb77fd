/**
 * Error-focused pocket discovery, as Clio's safety section does it: look among a classifier's errors (the
 * benign items it flagged, or the harmful ones it missed) for groups that share a theme, then measure each
 * group's error rate over every item of the denominator in its region of the embedding.
 *
 * A region found by looking at the errors cannot be tested on those errors as if it had been chosen in
 * advance. So the whole search is its own test (a permutation test with the max statistic, as for spatial
 * scan statistics): the error flags are shuffled among the denominator items, the search is rerun, and the
 * largest statistic it finds is recorded; a real region's p-value is the share of shuffles whose best
 * region scored at least as high. This controls the chance of reporting any pocket on data without one
 * (family-wise), at every sample size, with no data held out.
 */
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { sequentialChunks, type ChunkRunner } from '../chunk-runner.js';
import { searchCandidates, type Candidate } from './candidates.js';
import { permutationMaxima } from './permutations.js';
import { project, type Projection } from './projection.js';

export interface DiscoverySettings {
  minSupport: number;
  /** Family-wise error rate of the search: report regions with permutation p below this. */
  alpha: number;
  /** A pocket's error rate must exceed the rest's rate by at least this much. */
  minEffect: number;
  seed: number;
  /** Shuffles of the permutation test (p-values are multiples of 1/(permutations + 1)). */
  permutations?: number;
  /** Denominator items the search runs on; larger denominators are sampled (seeded). */
  sampleSize?: number;
  /** Pockets returned at most. */
  maxPockets?: number;
  /** Stop shuffling once no region can be reported (default true; the pockets are the same either way). */
  sequential?: boolean;
  /** Who runs the shuffles (default: this thread, in order); results do not depend on it. */
  chunkRunner?: ChunkRunner;
}

export interface ErrorPocket {
  /** Conversation indices inside the pocket (from the whole denominator), ascending. */
  members: Int32Array;
  /** Errors among the members. */
  errors: number;
  statistic: number;
  /** Permutation p-value of the whole search (family-wise). */
  pValue: number;
}

export interface DiscoveryResult {
  pockets: ErrorPocket[];
  candidates: number;
  permutationsRun: number;
}

export const DEFAULT_PERMUTATIONS = 49;
export const DEFAULT_SAMPLE_SIZE = 3000;
/** Share of a region inside a stronger reported one above which it is not reported again. */
const OVERLAP = 0.8;

/** What the search of one denominator found before its regions are applied to the whole denominator. */
export interface ErrorRegions {
  /** Denominator positions the search ran on (all of them when the denominator is small enough). */
  sampled: Int32Array;
  /** Candidates kept (strongest first), each with its permutation p-value. */
  kept: { candidate: Candidate; pValue: number }[];
  candidates: number;
  permutationsRun: number;
}

/**
 * Pockets of errors among `denominator` (conversation indices; `errors[j]` is 1 when item j is an error):
 * {@link searchErrorRegions}, then {@link pocketsOfRegions}.
 * @example
 * const { pockets } = discoverErrorPockets(embedding, projection, benignIds, flaggedBenign, { minSupport: 20, alpha: 0.05, minEffect: 0.05, seed: 42 });
 */
export function discoverErrorPockets(
  embedding: { data: Float32Array; dim: number },
  projection: Projection,
  denominator: Int32Array,
  errors: Uint8Array,
  settings: DiscoverySettings,
): DiscoveryResult {
  const regions = searchErrorRegions(embedding, projection, denominator, errors, settings);
  // Several searches over one embedding share one projection of every row instead (search-errors.ts).
  const whole = needsWholeDenominator(regions, denominator) ? project(projection, embedding.data, denominator) : null;
  return { pockets: pocketsOfRegions(regions, denominator, errors, whole, projection.width, settings), candidates: regions.candidates, permutationsRun: regions.permutationsRun };
}

/**
 * The search and its permutation test on (a sample of) the denominator: the candidate regions that pass.
 * @example
 * const regions = searchErrorRegions(embedding, projection, benignIds, flaggedBenign, settings);
 */
export function searchErrorRegions(
  embedding: { data: Float32Array; dim: number },
  projection: Projection,
  denominator: Int32Array,
  errors: Uint8Array,
  settings: DiscoverySettings,
): ErrorRegions {
  const permutations = settings.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = deriveSeed(settings.seed, 'error-pockets');
  const sampled = sampleIndices(denominator.length, settings.sampleSize ?? DEFAULT_SAMPLE_SIZE, createRng(seed));
  const rows = Int32Array.from(sampled, (j) => denominator[j]);
  const flags = Uint8Array.from(sampled, (j) => errors[j]);
  const points = project(projection, embedding.data, rows);
  const search = { minSupport: settings.minSupport, seed };
  const real = searchCandidates(points, projection.width, flags, search).sort((a, b) => b.statistic - a.statistic || a.members[0] - b.members[0]);
  if (real.length === 0) return { sampled, kept: [], candidates: 0, permutationsRun: 0 };
  // With k of N shuffle maxima at or above a statistic, p = (1 + k)/(1 + N): no candidate can be reported
  // once k reaches the smallest k with p ≥ alpha, so the shuffles stop there (see permutationMaxima).
  const stopAt = Math.max(1, Math.ceil(settings.alpha * (1 + permutations) - 1));
  const nullMax = permutationMaxima(points, projection.width, flags, { ...search, permutations }, settings.chunkRunner ?? sequentialChunks, settings.sequential === false ? undefined : { best: real[0].statistic, stopAt });
  const pValue = (statistic: number) => {
    let above = 0;
    for (const s of nullMax) if (s >= statistic) above++;
    return (1 + above) / (1 + nullMax.length);
  };
  const kept: ErrorRegions['kept'] = [];
  for (const candidate of real) {
    const p = pValue(candidate.statistic);
    if (p >= settings.alpha) break;
    if (kept.some((k) => containment(k.candidate.members, candidate.members) > OVERLAP)) continue;
    kept.push({ candidate, pValue: p });
  }
  return { sampled, kept, candidates: real.length, permutationsRun: nullMax.length };
}

/** True when the kept regions must be applied to denominator items the search did not read. */
export function needsWholeDenominator(regions: ErrorRegions, denominator: Int32Array): boolean {
  return regions.sampled.length !== denominator.length && regions.kept.length > 0;
}

/**
 * The kept regions as pockets: applied to every denominator item (`whole`: the denominator projected, in
 * its order; null when the search read all of it), then held to the support and effect the settings ask.
 * @example
 * const pockets = pocketsOfRegions(regions, benignIds, flaggedBenign, whole, projection.width, settings);
 */
export function pocketsOfRegions(
  regions: ErrorRegions,
  denominator: Int32Array,
  errors: Uint8Array,
  whole: Float32Array | null,
  width: number,
  settings: Pick<DiscoverySettings, 'minSupport' | 'minEffect' | 'maxPockets'>,
): ErrorPocket[] {
  const rows = Int32Array.from(regions.sampled, (j) => denominator[j]);
  const flags = Uint8Array.from(regions.sampled, (j) => errors[j]);
  const overall = countOnes(errors) / Math.max(1, errors.length);
  const pockets: ErrorPocket[] = [];
  for (const { candidate, pValue } of regions.kept) {
    const pocket = whole ? regionOf(candidate, whole, width, denominator, errors) : fromSample(candidate, rows, flags);
    const size = pocket.members.length;
    if (size < settings.minSupport || pocket.errors / size - overall < settings.minEffect) continue;
    pockets.push({ ...pocket, statistic: candidate.statistic, pValue });
    if (pockets.length >= (settings.maxPockets ?? 10)) break;
  }
  return pockets;
}

/** Rows `rows` of a (conversations × width) array, as their own array. */
export function gatherRows(all: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, r) => out.set(all.subarray(row * width, (row + 1) * width), r * width));
  return out;
}

function fromSample(candidate: Candidate, rows: Int32Array, flags: Uint8Array): { members: Int32Array; errors: number } {
  const members = Int32Array.from(candidate.members, (j) => rows[j]).sort();
  let errors = 0;
  for (const j of candidate.members) errors += flags[j];
  return { members, errors };
}

/** The candidate's region applied to every denominator item (`points` projected in denominator order). */
function regionOf(candidate: Candidate, points: Float32Array, width: number, denominator: Int32Array, errors: Uint8Array): { members: Int32Array; errors: number } {
  const members: number[] = [];
  let count = 0;
  for (let j = 0; j < denominator.length; j++) {
    let s = 0;
    for (let c = 0; c < width; c++) s += points[j * width + c] * candidate.centre[c];
    if (s < candidate.threshold) continue;
    members.push(denominator[j]);
    count += errors[j];
  }
  return { members: Int32Array.from(members).sort(), errors: count };
}

/**
 * How much of the smaller of two ascending member lists lies in the other (0 when either is empty): a region
 * mostly inside a stronger one already reported (or mostly covering it) adds nothing a reviewer needs.
 * @example
 * containment(Int32Array.of(1, 2, 3, 4), Int32Array.of(2, 3, 4, 5, 6)); // 0.75
 */
export function containment(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / Math.max(1, Math.min(a.length, b.length));
}

function countOnes(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}
