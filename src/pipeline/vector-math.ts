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

/** Index of the nearest of `k` centres to row `i` of `data`. */
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
