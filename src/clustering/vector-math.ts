/** Hot-loop helpers on row-major matrices: distances, nearest centres, unit rows. */

/** ‖a[ao..ao+dim) − b[bo..bo+dim)‖², unrolled by four. */
export function squaredDistance(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    const x0 = a[ao + d] - b[bo + d];
    const x1 = a[ao + d + 1] - b[bo + d + 1];
    const x2 = a[ao + d + 2] - b[bo + d + 2];
    const x3 = a[ao + d + 3] - b[bo + d + 3];
    s0 += x0 * x0;
    s1 += x1 * x1;
    s2 += x2 * x2;
    s3 += x3 * x3;
  }
  for (; d < dim; d++) {
    const x = a[ao + d] - b[bo + d];
    s0 += x * x;
  }
  return s0 + s1 + s2 + s3;
}

/** Dimensions summed before a partial distance is compared with the bound. */
const BLOCK = 16;

/** `partial` + Σ over d in [from, to) of (a[ao+d] − b[bo+d])² (partial distance search). */
function partialSquares(a: Float32Array, ao: number, b: Float32Array, bo: number, from: number, to: number, partial: number): number {
  let s0 = partial;
  let s1 = 0;
  let d = from;
  for (; d + 1 < to; d += 2) {
    const x0 = a[ao + d] - b[bo + d];
    const x1 = a[ao + d + 1] - b[bo + d + 1];
    s0 += x0 * x0;
    s1 += x1 * x1;
  }
  if (d < to) {
    const x = a[ao + d] - b[bo + d];
    s0 += x * x;
  }
  return s0 + s1;
}

/**
 * The nearest centre of one row, and optionally the second nearest — exact, but faster than trying every
 * centre in full: partial distance search. Distances to all centres are first summed over a leading block of
 * dimensions, the one where the centres differ most (for LSA its first dimensions; for the semantic embedding
 * the first of its LSA half, since the word-vector half comes first in a row but separates centres less);
 * the most promising centre is completed first, and any other centre is dropped as soon as its running sum
 * reaches the bound (the best full distance, or the second best when the second nearest is wanted; sums only
 * grow), adding the remaining dimensions block by block from the leading block onwards, wrapping round.
 * Ties go to the centre whose distance was completed first, so the answer depends only on the inputs.
 * Reuse one search for many rows.
 * @example
 * const search = new NearestCentreSearch(centroids, k, dim);
 * search.find(data, i * dim, false); // index of the nearest centre; search.best is its squared distance
 */
export class NearestCentreSearch {
  /** Squared distance to the nearest centre found by the last `find`. */
  best = Infinity;
  /** Squared distance to the second nearest (Infinity unless asked for, or when k = 1). */
  second = Infinity;
  private readonly partial: Float64Array;
  /** [from, to) of the leading block, then of every later block in the order they are added. */
  private readonly blocks: Int32Array;

  constructor(
    private readonly centroids: Float32Array,
    private readonly k: number,
    private readonly dim: number,
  ) {
    this.partial = new Float64Array(k);
    this.blocks = blockOrder(leadingBlock(centroids, k, dim), dim);
  }

  /** Index of the centre nearest to `data[offset..offset+dim)`; with `withSecond`, `second` is exact too. */
  find(data: Float32Array, offset: number, withSecond: boolean): number {
    const { centroids, k, dim, partial, blocks } = this;
    const leadFrom = blocks[0];
    const leadTo = blocks[1];
    let guess = 0;
    let guessPartial = Infinity;
    for (let c = 0; c < k; c++) {
      const s = partialSquares(data, offset, centroids, c * dim, leadFrom, leadTo, 0);
      partial[c] = s;
      if (s < guessPartial) {
        guessPartial = s;
        guess = c;
      }
    }
    let best = partialSquares(data, offset, centroids, guess * dim, leadTo, dim, guessPartial);
    if (leadFrom > 0) best = partialSquares(data, offset, centroids, guess * dim, 0, leadFrom, best);
    let second = Infinity;
    let bestC = guess;
    for (let c = 0; c < k; c++) {
      if (c === guess) continue;
      const bound = withSecond ? second : best;
      let s = partial[c];
      for (let b = 2; b < blocks.length && s < bound; b += 2) s = partialSquares(data, offset, centroids, c * dim, blocks[b], blocks[b + 1], s);
      if (s >= bound) continue;
      if (s < best) {
        second = best;
        best = s;
        bestC = c;
      } else {
        second = s;
      }
    }
    this.best = best;
    this.second = withSecond ? second : Infinity;
    return bestC;
  }
}

/**
 * First dimension of the {@link BLOCK}-wide window where the centres vary most (summed variance across
 * centres); the earliest such window on ties, 0 when there are fewer dimensions than a block.
 */
function leadingBlock(centroids: Float32Array, k: number, dim: number): number {
  if (dim <= BLOCK || k < 2) return 0;
  const variance = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    let sum = 0;
    let squares = 0;
    for (let c = 0; c < k; c++) {
      const x = centroids[c * dim + d];
      sum += x;
      squares += x * x;
    }
    variance[d] = squares / k - (sum / k) ** 2;
  }
  let window = 0;
  for (let d = 0; d < BLOCK; d++) window += variance[d];
  let best = window;
  let bestFrom = 0;
  for (let from = 1; from + BLOCK <= dim; from++) {
    window += variance[from + BLOCK - 1] - variance[from - 1];
    if (window > best) {
      best = window;
      bestFrom = from;
    }
  }
  return bestFrom;
}

/** Block boundaries: the leading block at `from`, then blocks up to the last dimension, then from 0 up to `from`. */
function blockOrder(from: number, dim: number): Int32Array {
  const bounds: number[] = [from, Math.min(dim, from + BLOCK)];
  for (let d = from + BLOCK; d < dim; d += BLOCK) bounds.push(d, Math.min(dim, d + BLOCK));
  for (let d = 0; d < from; d += BLOCK) bounds.push(d, Math.min(from, d + BLOCK));
  return Int32Array.from(bounds);
}

/**
 * Index of the nearest of `k` centres to row `i` of `data` (see {@link NearestCentreSearch}).
 * @example nearestCentre(vectors, 0, centroids, k, dim); // leaf index of the first vector
 */
export function nearestCentre(data: Float32Array, i: number, centroids: Float32Array, k: number, dim: number): number {
  return new NearestCentreSearch(centroids, k, dim).find(data, i * dim, false);
}

/**
 * Nearest centre of every row in [start, end) of `data`, written to `out[i]` (see {@link NearestCentreSearch}).
 * @example
 * const leafOf = new Int32Array(n);
 * assignNearest(data, 0, n, centroids, k, dim, leafOf);
 */
export function assignNearest(
  data: Float32Array,
  start: number,
  end: number,
  centroids: Float32Array,
  k: number,
  dim: number,
  out: Int32Array,
): void {
  const search = new NearestCentreSearch(centroids, k, dim);
  for (let i = start; i < end; i++) out[i] = search.find(data, i * dim, false);
}

/**
 * Row `row` of `from` scaled to unit length, written to the same row of `to` (a zero row stays zero).
 * `to` may be `from` itself.
 * @example unitRow(centres, centres, c, dim); // normalise centre c in place
 */
export function unitRow(from: ArrayLike<number>, to: Float64Array, row: number, dim: number): void {
  const o = row * dim;
  let s = 0;
  for (let d = 0; d < dim; d++) s += from[o + d] ** 2;
  const scale = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let d = 0; d < dim; d++) to[o + d] = from[o + d] * scale;
}

/**
 * The `n` rows of `data` scaled to unit length (a zero row stays zero): directions only.
 * @example unitRows(Float32Array.from([3, 4, 0, 0]), 2, 2); // Float64Array [0.6, 0.8, 0, 0]
 */
export function unitRows(data: ArrayLike<number>, n: number, dim: number): Float64Array {
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) unitRow(data, out, i, dim);
  return out;
}
