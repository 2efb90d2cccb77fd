/** Principal-component projection of row vectors to 2D (for the cluster map). Pure and deterministic. */

export interface Point2 {
  x: number;
  y: number;
}

/**
 * Project `k` rows of a (k × dim) row-major matrix onto its first two principal components (power
 * iteration with deflation on the centred rows; signs fixed so each axis's first largest |coordinate| is positive).
 * @example
 * pca2d(Float32Array.from([0, 0, 2, 0, 4, 0]), 3, 2); // [{x:-2,y:0},{x:0,y:0},{x:2,y:0}] (up to sign)
 */
export function pca2d(rows: ArrayLike<number>, k: number, dim: number): Point2[] {
  const centred = new Float64Array(k * dim);
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < k; i++) mean += rows[i * dim + j];
    mean /= Math.max(k, 1);
    for (let i = 0; i < k; i++) centred[i * dim + j] = rows[i * dim + j] - mean;
  }
  const first = principalScores(centred, k, dim);
  deflate(centred, first, k, dim);
  const second = principalScores(centred, k, dim);
  return Array.from({ length: k }, (_, i) => ({ x: first[i], y: second[i] }));
}

/** Scores (X·v) of the rows on the leading eigenvector v of XᵀX, by power iteration. */
function principalScores(x: Float64Array, k: number, dim: number): Float64Array {
  let v = new Float64Array(dim).map((_, j) => 1 + ((j * 7919) % 13) / 13);
  normalise(v);
  const scores = new Float64Array(k);
  for (let iteration = 0; iteration < 300; iteration++) {
    multiply(x, v, scores, k, dim);
    const next = new Float64Array(dim);
    for (let i = 0; i < k; i++) for (let j = 0; j < dim; j++) next[j] += x[i * dim + j] * scores[i];
    if (normalise(next) === 0) return new Float64Array(k);
    let change = 0;
    for (let j = 0; j < dim; j++) change += Math.abs(next[j] - v[j]);
    v = next;
    if (change < 1e-10) break;
  }
  multiply(x, v, scores, k, dim);
  let largest = 0;
  for (let i = 0; i < k; i++) if (Math.abs(scores[i]) > Math.abs(largest)) largest = scores[i];
  if (largest < 0) for (let i = 0; i < k; i++) scores[i] = -scores[i];
  return scores;
}

/** Remove each row's component along the direction that produced `scores`. */
function deflate(x: Float64Array, scores: Float64Array, k: number, dim: number): void {
  let norm = 0;
  for (let i = 0; i < k; i++) norm += scores[i] * scores[i];
  if (norm === 0) return;
  const direction = new Float64Array(dim);
  for (let i = 0; i < k; i++) for (let j = 0; j < dim; j++) direction[j] += x[i * dim + j] * scores[i];
  normalise(direction);
  for (let i = 0; i < k; i++) {
    let along = 0;
    for (let j = 0; j < dim; j++) along += x[i * dim + j] * direction[j];
    for (let j = 0; j < dim; j++) x[i * dim + j] -= along * direction[j];
  }
}

function multiply(x: Float64Array, v: Float64Array, out: Float64Array, k: number, dim: number): void {
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += x[i * dim + j] * v[j];
    out[i] = s;
  }
}

function normalise(v: Float64Array): number {
  let norm = 0;
  for (const value of v) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] /= norm;
  return norm;
}
