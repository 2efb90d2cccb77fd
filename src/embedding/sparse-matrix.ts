/** Compressed sparse rows on typed arrays, the shape every TF-IDF stage works on. */

export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Grows typed buffers while rows are appended; `finish()` returns a right-sized matrix. */
export class CsrBuilder {
  private indices: Int32Array;
  private values: Float32Array;
  private indptr: number[] = [0];
  private nnz = 0;

  constructor(
    private readonly cols: number,
    capacity = 1024,
  ) {
    this.indices = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  /** Append a row from sorted, unique column ids and their values. */
  addRow(ids: ArrayLike<number>, vals: ArrayLike<number>, length: number): void {
    this.ensure(this.nnz + length);
    for (let i = 0; i < length; i++) {
      this.indices[this.nnz + i] = ids[i];
      this.values[this.nnz + i] = vals[i];
    }
    this.nnz += length;
    this.indptr.push(this.nnz);
  }

  finish(): CsrMatrix {
    return {
      rows: this.indptr.length - 1,
      cols: this.cols,
      indptr: Int32Array.from(this.indptr),
      indices: this.indices.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
    };
  }

  private ensure(size: number): void {
    if (size <= this.indices.length) return;
    let capacity = this.indices.length * 2;
    while (capacity < size) capacity *= 2;
    const indices = new Int32Array(capacity);
    indices.set(this.indices.subarray(0, this.nnz));
    const values = new Float32Array(capacity);
    values.set(this.values.subarray(0, this.nnz));
    this.indices = indices;
    this.values = values;
  }
}

/** The transpose (A.cols × A.rows) in CSR form, i.e. A in compressed sparse columns. */
export function transposeCsr(a: CsrMatrix): CsrMatrix {
  const counts = new Int32Array(a.cols + 1);
  const nnz = a.indptr[a.rows];
  for (let p = 0; p < nnz; p++) counts[a.indices[p] + 1]++;
  for (let c = 0; c < a.cols; c++) counts[c + 1] += counts[c];
  const indptr = Int32Array.from(counts);
  const next = counts.subarray(0, a.cols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < a.rows; r++) {
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const q = next[a.indices[p]]++;
      indices[q] = r;
      values[q] = a.values[p];
    }
  }
  return { rows: a.cols, cols: a.rows, indptr, indices, values };
}

/**
 * y (rows × width, row-major) = A · B where B is (A.cols × width) row-major dense.
 * Four non-zeros of a row are folded into one pass over the output row.
 */
export function csrTimesDense(a: CsrMatrix, b: Float64Array, width: number, y: Float64Array): void {
  const { indptr, indices, values } = a;
  for (let r = 0; r < a.rows; r++) {
    const out = r * width;
    for (let j = 0; j < width; j++) y[out + j] = 0;
    let p = indptr[r];
    const end = indptr[r + 1];
    for (; p + 3 < end; p += 4) {
      const w0 = values[p];
      const w1 = values[p + 1];
      const w2 = values[p + 2];
      const w3 = values[p + 3];
      const s0 = indices[p] * width;
      const s1 = indices[p + 1] * width;
      const s2 = indices[p + 2] * width;
      const s3 = indices[p + 3] * width;
      for (let j = 0; j < width; j++) y[out + j] += w0 * b[s0 + j] + w1 * b[s1 + j] + w2 * b[s2 + j] + w3 * b[s3 + j];
    }
    for (; p < end; p++) {
      const w = values[p];
      const src = indices[p] * width;
      for (let j = 0; j < width; j++) y[out + j] += w * b[src + j];
    }
  }
}

/**
 * z (A.cols × width, row-major) = Aᵀ · Y where Y is (A.rows × width) row-major dense.
 * Pass `transposed` (from {@link transposeCsr}) when Aᵀ is used repeatedly: the product then gathers
 * instead of scattering, which is several times faster.
 */
export function csrTransposeTimesDense(a: CsrMatrix, y: Float64Array, width: number, z: Float64Array, transposed?: CsrMatrix): void {
  if (transposed) {
    csrTimesDense(transposed, y, width, z);
    return;
  }
  z.fill(0);
  for (let r = 0; r < a.rows; r++) {
    const src = r * width;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const w = a.values[p];
      const out = a.indices[p] * width;
      for (let j = 0; j < width; j++) z[out + j] += w * y[src + j];
    }
  }
}
