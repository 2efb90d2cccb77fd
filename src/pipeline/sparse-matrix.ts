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

/**
 * Sort `ids[0..length)` in place and collapse duplicates into (id, count) pairs written to the front of
 * `ids` and `counts`; returns the number of unique ids.
 */
export function countSorted(ids: Int32Array, length: number, counts: Float32Array): number {
  const view = ids.subarray(0, length);
  view.sort();
  let unique = 0;
  for (let i = 0; i < length; i++) {
    if (unique > 0 && ids[unique - 1] === view[i]) {
      counts[unique - 1]++;
    } else {
      ids[unique] = view[i];
      counts[unique] = 1;
      unique++;
    }
  }
  return unique;
}

/** y (rows × width, row-major) = A · B where B is (A.cols × width) row-major dense. */
export function csrTimesDense(a: CsrMatrix, b: Float64Array, width: number, y: Float64Array): void {
  y.fill(0);
  for (let r = 0; r < a.rows; r++) {
    const out = r * width;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const w = a.values[p];
      const src = a.indices[p] * width;
      for (let j = 0; j < width; j++) y[out + j] += w * b[src + j];
    }
  }
}

/** z (A.cols × width, row-major) = Aᵀ · Y where Y is (A.rows × width) row-major dense. */
export function csrTransposeTimesDense(a: CsrMatrix, y: Float64Array, width: number, z: Float64Array): void {
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
