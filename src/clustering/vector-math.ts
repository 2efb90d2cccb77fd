/** Hot-loop helpers on row-major Float32Array matrices. */

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

/** Index of the nearest of `k` centres to row `i` of `data` (the lowest index on ties). */
export function nearestCentre(data: Float32Array, i: number, centroids: Float32Array, k: number, dim: number): number {
  let best = Infinity;
  let bestC = 0;
  for (let c = 0; c < k; c++) {
    const d = squaredDistance(data, i * dim, centroids, c * dim, dim);
    if (d < best) {
      best = d;
      bestC = c;
    }
  }
  return bestC;
}

/** Dimensions summed before a partial distance is compared with the best so far. */
export const PARTIAL_BLOCK = 16;
const BLOCK = PARTIAL_BLOCK;

/** `partial` + Σ over d in [from, to) of (a[ao+d] − b[bo+d])² (partial distance search). */
export function partialSquares(a: Float32Array, ao: number, b: Float32Array, bo: number, from: number, to: number, partial: number): number {
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
 * Nearest centre of every row in [start, end) of `data`, written to `out[i]` — exact, but faster than
 * trying every centre in full: partial distance search. Distances to all centres are first summed over the
 * leading dimensions (LSA puts most variance there); the most promising centre is completed first, and any
 * other centre is dropped as soon as its running sum reaches the best full distance (sums only grow).
 * Ties go to the centre whose distance was completed first, so the answer depends only on the inputs.
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
  const lead = Math.min(BLOCK, dim);
  const partial = new Float64Array(k);
  for (let i = start; i < end; i++) {
    const o = i * dim;
    let guess = 0;
    let guessPartial = Infinity;
    for (let c = 0; c < k; c++) {
      const s = partialSquares(data, o, centroids, c * dim, 0, lead, 0);
      partial[c] = s;
      if (s < guessPartial) {
        guessPartial = s;
        guess = c;
      }
    }
    let best = partialSquares(data, o, centroids, guess * dim, lead, dim, guessPartial);
    let bestC = guess;
    for (let c = 0; c < k; c++) {
      if (c === guess) continue;
      let s = partial[c];
      let d = lead;
      while (s < best && d < dim) {
        const to = Math.min(dim, d + BLOCK);
        s = partialSquares(data, o, centroids, c * dim, d, to, s);
        d = to;
      }
      if (s < best) {
        best = s;
        bestC = c;
      }
    }
    out[i] = bestC;
  }
}
