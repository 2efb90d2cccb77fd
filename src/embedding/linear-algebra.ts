/** Small dense linear algebra on Float64Array, enough for randomized SVD. */

/**
 * Orthonormalise the columns of a row-major (rows × cols) matrix in place. Uses Cholesky QR twice (two
 * Gram matrices and two triangular solves: fast, and as accurate as Gram–Schmidt after the second pass);
 * when the columns are (nearly) dependent it falls back to modified Gram–Schmidt, where columns that
 * depend on earlier ones are set to zero.
 */
export function orthonormalizeColumns(m: Float64Array, rows: number, cols: number): void {
  if (rows >= cols && choleskyQr(m, rows, cols) && choleskyQr(m, rows, cols)) return;
  gramSchmidt(m, rows, cols);
}

/** One Cholesky QR step: M ← M·R⁻¹ with RᵀR = MᵀM. False (M untouched) when MᵀM is not safely positive definite. */
function choleskyQr(m: Float64Array, rows: number, cols: number): boolean {
  const g = gramOf(m, rows, cols);
  // Cholesky G = RᵀR, R upper triangular (row-major), rejecting ill-conditioned pivots.
  let largest = 0;
  for (let i = 0; i < cols; i++) largest = Math.max(largest, g[i * cols + i]);
  if (!(largest > 0)) return false;
  const r = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    let diagonal = g[i * cols + i];
    for (let k = 0; k < i; k++) diagonal -= r[k * cols + i] * r[k * cols + i];
    if (!(diagonal > 1e-12 * largest)) return false;
    const rii = Math.sqrt(diagonal);
    r[i * cols + i] = rii;
    for (let j = i + 1; j < cols; j++) {
      let s = g[i * cols + j];
      for (let k = 0; k < i; k++) s -= r[k * cols + i] * r[k * cols + j];
      r[i * cols + j] = s / rii;
    }
  }
  // Each row x of M becomes x·R⁻¹ (R⁻¹ is upper triangular): four entries of x per pass over the row.
  const inverse = invertUpperTriangular(r, cols);
  const row = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    row.fill(0);
    let k = 0;
    for (; k + 3 < cols; k += 4) {
      const x0 = m[o + k];
      const x1 = m[o + k + 1];
      const x2 = m[o + k + 2];
      const x3 = m[o + k + 3];
      const r0 = k * cols;
      const r1 = r0 + cols;
      const r2 = r1 + cols;
      const r3 = r2 + cols;
      row[k] += x0 * inverse[r0 + k];
      row[k + 1] += x0 * inverse[r0 + k + 1] + x1 * inverse[r1 + k + 1];
      row[k + 2] += x0 * inverse[r0 + k + 2] + x1 * inverse[r1 + k + 2] + x2 * inverse[r2 + k + 2];
      for (let j = k + 3; j < cols; j++) row[j] += x0 * inverse[r0 + j] + x1 * inverse[r1 + j] + x2 * inverse[r2 + j] + x3 * inverse[r3 + j];
    }
    for (; k < cols; k++) {
      const x = m[o + k];
      const rk = k * cols;
      for (let j = k; j < cols; j++) row[j] += x * inverse[rk + j];
    }
    for (let j = 0; j < cols; j++) m[o + j] = row[j];
  }
  return true;
}

/** Inverse of an upper-triangular (n × n) row-major matrix with a non-zero diagonal (back substitution). */
function invertUpperTriangular(r: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    // Column j of R⁻¹: solve R·x = e_j from the bottom up (x_i = 0 for i > j).
    inverse[j * n + j] = 1 / r[j * n + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i * n + k] * inverse[k * n + j];
      inverse[i * n + j] = -s / r[i * n + i];
    }
  }
  return inverse;
}

function gramSchmidt(m: Float64Array, rows: number, cols: number): void {
  const col = new Float64Array(rows);
  const basis: Float64Array[] = [];
  for (let j = 0; j < cols; j++) {
    for (let r = 0; r < rows; r++) col[r] = m[r * cols + j];
    const original = Math.sqrt(dot(col, col));
    for (const q of basis) {
      const proj = dot(col, q);
      if (proj !== 0) for (let r = 0; r < rows; r++) col[r] -= proj * q[r];
    }
    const norm = Math.sqrt(dot(col, col));
    const q = new Float64Array(rows);
    if (norm > 1e-10 * Math.max(original, 1e-300) && norm > 1e-300) {
      for (let r = 0; r < rows; r++) q[r] = col[r] / norm;
      basis.push(q);
    }
    for (let r = 0; r < rows; r++) m[r * cols + j] = q[r];
  }
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Cᵀ·D for two row-major (rows × cols) matrices → (cols × cols) row-major. */
export function gramBetween(c: Float64Array, d: Float64Array, rows: number, cols: number): Float64Array {
  return columnProducts(c, d, rows, cols, false);
}

/** Mᵀ·M for a row-major (rows × cols) matrix: only the upper triangle is summed, then mirrored. */
export function gramOf(m: Float64Array, rows: number, cols: number): Float64Array {
  const g = columnProducts(m, m, rows, cols, true);
  for (let i = 0; i < cols; i++) for (let j = i + 1; j < cols; j++) g[j * cols + i] = g[i * cols + j];
  return g;
}

/** Cᵀ·D, four rows per pass; with `upperOnly` only entries (i, j ≥ i) are summed (the rest stay 0). */
function columnProducts(c: Float64Array, d: Float64Array, rows: number, cols: number, upperOnly: boolean): Float64Array {
  const g = new Float64Array(cols * cols);
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = r * cols;
    const o1 = o0 + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    for (let i = 0; i < cols; i++) {
      const c0 = c[o0 + i];
      const c1 = c[o1 + i];
      const c2 = c[o2 + i];
      const c3 = c[o3 + i];
      const gi = i * cols;
      for (let j = upperOnly ? i : 0; j < cols; j++) g[gi + j] += c0 * d[o0 + j] + c1 * d[o1 + j] + c2 * d[o2 + j] + c3 * d[o3 + j];
    }
  }
  for (; r < rows; r++) {
    const o = r * cols;
    for (let i = 0; i < cols; i++) {
      const ci = c[o + i];
      const gi = i * cols;
      for (let j = upperOnly ? i : 0; j < cols; j++) g[gi + j] += ci * d[o + j];
    }
  }
  return g;
}

/**
 * Eigen-decomposition of a symmetric (n × n) matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in decreasing order and eigenvectors as columns of a row-major matrix.
 */
export function symmetricEigen(input: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x] || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}
