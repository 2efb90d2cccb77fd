/**
 * Seeded pseudo-random numbers and string hashing. Every random choice in misfire — the pipeline's
 * stages, the demo generator and the Claude naming sample — is one mulberry32 stream; callers differ only
 * in how a seed becomes the stream's 32-bit starting state (see `createRng`, `splitmix32`, `fnv1a`).
 */

/** A seeded stream of random numbers. Not cryptographic. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller; see {@link RadialUniform}). */
  normal(): number;
}

/**
 * How Box–Muller's radial uniform u (radius = √(−2 ln u)) is kept out of ln 0:
 * - `'redraw-zero'`: u = the next draw, drawn again while it is exactly 0 (the pipeline's streams);
 * - `'complement'`: u = 1 − the next draw, in (0, 1] (the demo generator's stream).
 * Both give exact standard normals; they pair different normals with the same uniforms, so each stream
 * keeps its own to stay reproducible.
 */
export type RadialUniform = 'redraw-zero' | 'complement';

export interface RngOptions {
  /** Default `'redraw-zero'`. */
  radialUniform?: RadialUniform;
}

/** Starting state used for seed 0 by `createRng`. */
const ZERO_SEED_STATE = 0x9e3779b9;
/** FNV-1a's 32-bit offset basis and prime (also used inline by the hashed text features). */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * The mulberry32 stream that starts at exactly `state` (reduced to 32 bits, no mixing).
 * @example
 * mulberry32(splitmix32(7), { radialUniform: 'complement' }).next(); // the demo generator's first draw for seed 7
 */
export function mulberry32(state: number, options: RngOptions = {}): Rng {
  let s = state >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const radial = options.radialUniform === 'complement' ? () => 1 - next() : () => nonZero(next);
  let spare: number | null = null;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    normal: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      const u = radial();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}

function nonZero(next: () => number): number {
  let u = 0;
  while (u === 0) u = next();
  return u;
}

/**
 * The pipeline's stream for `seed`: mulberry32 started at the seed itself (seed 0 at a fixed non-zero state).
 * @example const rng = createRng(42); rng.next(); // same sequence for the same seed
 */
export function createRng(seed: number): Rng {
  return mulberry32(seed >>> 0 || ZERO_SEED_STATE);
}

/**
 * One round of splitmix32: a well-mixed 32-bit value from any 32-bit input, so nearby seeds (7, 8) start
 * unrelated streams.
 * @example splitmix32(7) !== splitmix32(8) - 1; // true
 */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * FNV-1a 32-bit hash of a string's UTF-16 code units, from `basis` (default: the FNV offset basis).
 * @example fnv1a('L0-003'); // the same 32-bit value on every machine
 */
export function fnv1a(text: string, basis = FNV_OFFSET_BASIS): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * Derive an independent seed for a named sub-stage, so stages do not share one random stream.
 * @example createRng(deriveSeed(42, 'kmeans'));
 */
export function deriveSeed(seed: number, stage: string): number {
  return fnv1a(stage, seed ^ FNV_OFFSET_BASIS);
}

/**
 * Deterministic sample of `size` distinct indices from [0, n), returned in increasing order.
 * @example sampleIndices(10, 3, createRng(1)); // e.g. Int32Array [2, 5, 9]
 */
export function sampleIndices(n: number, size: number, rng: Rng): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const picked = new Uint8Array(n);
  const out = new Int32Array(size);
  let count = 0;
  while (count < size) {
    const i = rng.int(n);
    if (!picked[i]) {
      picked[i] = 1;
      count++;
    }
  }
  for (let i = 0, j = 0; i < n; i++) if (picked[i]) out[j++] = i;
  return out;
}

/*
 * Weighted picks. Two searches for the same distribution, each for its own use; they round differently at
 * bucket edges (running subtraction vs. comparing with prefix sums), so each keeps its callers' streams:
 * - `pickWeighted`: one linear pass over weights that change between draws (k-means++ masses);
 * - `pickCumulative`: a binary search of a prefix-sum table built once for weights drawn from many times
 *   (the demo generator's users and topics).
 */

/**
 * Index in [0, n) drawn with probability ∝ `weights[i]` (uniform when no weight is positive). One draw.
 * @example pickWeighted(Float64Array.from([1, 0, 3]), 3, rng); // 0 with p = 1/4, 2 with p = 3/4
 */
export function pickWeighted(weights: Float64Array, n: number, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  if (!(total > 0)) return rng.int(n);
  let target = rng.next() * total;
  for (let i = 0; i < n; i++) {
    target -= weights[i];
    if (target < 0) return i;
  }
  return n - 1;
}

/**
 * Index drawn from a cumulative weight table (last entry = total weight) by binary search. One draw.
 * @example
 * pickCumulative(new Float64Array([1, 3, 6]), rng); // 0 with p=1/6, 1 with p=2/6, 2 with p=3/6
 */
export function pickCumulative(cumulative: Float64Array, rng: Rng): number {
  const target = rng.next() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Prefix sums of `weights`, for `pickCumulative`.
 * @example cumulativeWeights([1, 2, 3]); // Float64Array [1, 3, 6]
 */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    out[i] = sum;
  }
  return out;
}
