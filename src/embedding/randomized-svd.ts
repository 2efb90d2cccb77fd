/**
 * Truncated SVD of a sparse matrix by the randomized range finder of Halko, Martinsson & Tropp (2011),
 * with power iterations: returns the top right singular vectors, i.e. the LSA projection.
 */
import { gramBetween, orthonormalizeColumns, symmetricEigen } from './linear-algebra.js';
import type { Rng } from '../random.js';
import { csrTimesDense, csrTransposeTimesDense, transposeCsr, type CsrMatrix } from './sparse-matrix.js';

export interface SvdResult {
  /** Number of components actually returned (≤ requested, ≤ rank). */
  components: number;
  /** (cols × components) row-major: column j of X maps to `vectors[j*components .. +components]`. */
  vectors: Float32Array;
  singularValues: Float64Array;
}

export interface SvdOptions {
  components: number;
  oversample?: number;
  powerIterations?: number;
}

export function randomizedSvd(x: CsrMatrix, rng: Rng, options: SvdOptions): SvdResult {
  const { rows, cols } = x;
  const width = Math.max(1, Math.min(options.components + (options.oversample ?? 10), rows, cols));
  const xt = transposeCsr(x);
  const omega = new Float64Array(cols * width);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  const y = new Float64Array(rows * width);
  const z = new Float64Array(cols * width);
  csrTimesDense(x, omega, width, y);
  const iterations = options.powerIterations ?? 2;
  for (let it = 0; it < iterations; it++) {
    // With a single power iteration the range is re-orthonormalised only once, at the end: (XXᵀ)XΩ
    // amplifies σ³, far inside float64's range, and orthonormalising twice costs as much as the products.
    if (iterations > 1) orthonormalizeColumns(y, rows, width);
    csrTransposeTimesDense(x, y, width, z, xt);
    csrTimesDense(x, z, width, y);
  }
  orthonormalizeColumns(y, rows, width);
  // Q = y. Small problem: G = Qᵀ X Xᵀ Q = U Λ Uᵀ, singular values √Λ.
  csrTransposeTimesDense(x, y, width, z, xt);
  const w = new Float64Array(rows * width);
  csrTimesDense(x, z, width, w);
  const gram = gramBetween(y, w, rows, width);
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      const mean = (gram[i * width + j] + gram[j * width + i]) / 2;
      gram[i * width + j] = mean;
      gram[j * width + i] = mean;
    }
  }
  const { values, vectors: u } = symmetricEigen(gram, width);
  let components = 0;
  const top = Math.max(values[0], 0);
  while (components < Math.min(options.components, width) && values[components] > top * 1e-12 && values[components] > 0) {
    components++;
  }
  components = Math.max(components, 1);
  // V_k = Xᵀ (Q U_k) Σ_k⁻¹
  const qu = new Float64Array(rows * components);
  for (let r = 0; r < rows; r++) {
    const o = r * components;
    const yo = r * width;
    let j = 0;
    for (; j + 3 < width; j += 4) {
      const y0 = y[yo + j];
      const y1 = y[yo + j + 1];
      const y2 = y[yo + j + 2];
      const y3 = y[yo + j + 3];
      const u0 = j * width;
      const u1 = u0 + width;
      const u2 = u1 + width;
      const u3 = u2 + width;
      for (let c = 0; c < components; c++) qu[o + c] += y0 * u[u0 + c] + y1 * u[u1 + c] + y2 * u[u2 + c] + y3 * u[u3 + c];
    }
    for (; j < width; j++) {
      const yrj = y[yo + j];
      const uj = j * width;
      for (let c = 0; c < components; c++) qu[o + c] += yrj * u[uj + c];
    }
  }
  const v = new Float64Array(cols * components);
  csrTransposeTimesDense(x, qu, components, v, xt);
  const singularValues = new Float64Array(components);
  for (let c = 0; c < components; c++) singularValues[c] = Math.sqrt(Math.max(values[c], 0));
  const vectors = new Float32Array(cols * components);
  for (let j = 0; j < cols; j++) {
    for (let c = 0; c < components; c++) {
      const sigma = singularValues[c];
      vectors[j * components + c] = sigma > 0 ? v[j * components + c] / sigma : 0;
    }
  }
  fixSigns(vectors, cols, components);
  return { components, vectors, singularValues };
}

/** Make each component's largest-magnitude loading positive, so results do not flip between runs. */
function fixSigns(vectors: Float32Array, cols: number, components: number): void {
  for (let c = 0; c < components; c++) {
    let best = 0;
    for (let j = 0; j < cols; j++) if (Math.abs(vectors[j * components + c]) > Math.abs(best)) best = vectors[j * components + c];
    if (best < 0) for (let j = 0; j < cols; j++) vectors[j * components + c] = -vectors[j * components + c];
  }
}
