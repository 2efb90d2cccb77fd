/**
 * Offline text embedding: hashed TF-IDF (word 1–2-grams + char_wb 4-grams, sublinear tf, smooth idf,
 * L2-normalised) reduced by randomized SVD (LSA) to dense vectors, L2-normalised again.
 * The model is fitted on a seeded sample and then applied to every text, so memory stays bounded
 * at a million conversations; it is plain typed arrays, saved with a run so new conversations can be
 * embedded the same way later (the CI gate does this).
 */
import type { Embedding } from '../types.js';
import { createRng, deriveSeed, sampleIndices } from './random.js';
import { randomizedSvd } from './randomized-svd.js';
import { CsrBuilder, countSorted } from './sparse-matrix.js';
import { FEATURE_COUNT, featureCapacity, hashFeatures, isCharFeature, tokenize } from './text-features.js';

export interface LsaModel {
  dim: number;
  /** Hashed feature id → compact column, or -1 when the feature is not in the model. */
  featureIndex: Int32Array;
  /** Per compact column: idf × block weight. */
  weights: Float32Array;
  /** (columns × dim) row-major projection. */
  projection: Float32Array;
}

export interface LsaOptions {
  dim: number;
  seed: number;
  /** Texts used to fit idf and the SVD (default 6,000). */
  sampleSize?: number;
  /** Weight of the character block relative to the word block (default 0.5). */
  charWeight?: number;
  powerIterations?: number;
}

const MIN_DF = 2;

/** Reusable buffers for turning one text into (feature, count) pairs. */
class FeatureScratch {
  ids = new Int32Array(4096);
  counts = new Float32Array(4096);
  /** Returns the number of unique features of `text`, in `ids`/`counts`. */
  load(text: string): number {
    const tokens = tokenize(text);
    const need = featureCapacity(tokens);
    if (need > this.ids.length) {
      this.ids = new Int32Array(need * 2);
      this.counts = new Float32Array(need * 2);
    }
    const length = hashFeatures(tokens, this.ids, 0);
    return countSorted(this.ids, length, this.counts);
  }
}

export function fitLsa(texts: readonly string[], options: LsaOptions): LsaModel {
  const rng = createRng(deriveSeed(options.seed, 'lsa'));
  const sample = sampleIndices(texts.length, options.sampleSize ?? 6_000, rng);
  const scratch = new FeatureScratch();
  const df = new Int32Array(FEATURE_COUNT);
  for (const i of sample) {
    const unique = scratch.load(texts[i]);
    for (let k = 0; k < unique; k++) df[scratch.ids[k]]++;
  }
  const minDf = sample.length >= 50 ? MIN_DF : 1;
  const featureIndex = new Int32Array(FEATURE_COUNT).fill(-1);
  const idf: number[] = [];
  const charWeight = options.charWeight ?? 0.5;
  const n = sample.length;
  for (let f = 0; f < FEATURE_COUNT; f++) {
    if (df[f] >= minDf) {
      featureIndex[f] = idf.length;
      const value = Math.log((1 + n) / (1 + df[f])) + 1;
      idf.push(isCharFeature(f) ? value * charWeight : value);
    }
  }
  const weights = Float32Array.from(idf);
  const builder = new CsrBuilder(weights.length, sample.length * 64);
  let rowIds = new Int32Array(4096);
  let rowVals = new Float32Array(4096);
  for (const i of sample) {
    const unique = scratch.load(texts[i]);
    if (unique > rowIds.length) {
      rowIds = new Int32Array(unique);
      rowVals = new Float32Array(unique);
    }
    let length = 0;
    let norm = 0;
    for (let k = 0; k < unique; k++) {
      const column = featureIndex[scratch.ids[k]];
      if (column < 0) continue;
      const value = (1 + Math.log(scratch.counts[k])) * weights[column];
      rowIds[length] = column;
      rowVals[length++] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < length; k++) rowVals[k] *= scale;
    // Rows stay sorted: countSorted orders feature ids and featureIndex is increasing in them.
    builder.addRow(rowIds, rowVals, length);
  }
  const matrix = builder.finish();
  if (weights.length === 0 || matrix.rows === 0) {
    return { dim: 1, featureIndex, weights, projection: new Float32Array(0) };
  }
  const svd = randomizedSvd(matrix, rng, { components: options.dim, powerIterations: options.powerIterations ?? 1 });
  return { dim: svd.components, featureIndex, weights, projection: svd.vectors };
}

/** Embed texts[start..end) into `out` (row-major, `model.dim` wide, row 0 = texts[start]). */
export function transformLsa(model: LsaModel, texts: readonly string[], start: number, end: number, out: Float32Array): void {
  const { dim, featureIndex, weights, projection } = model;
  const scratch = new FeatureScratch();
  const row = new Float64Array(dim);
  for (let i = start; i < end; i++) {
    row.fill(0);
    const unique = scratch.load(texts[i]);
    for (let k = 0; k < unique; k++) {
      const column = featureIndex[scratch.ids[k]];
      if (column < 0) continue;
      const w = (1 + Math.log(scratch.counts[k])) * weights[column];
      const base = column * dim;
      for (let d = 0; d < dim; d++) row[d] += w * projection[base + d];
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += row[d] * row[d];
    const o = (i - start) * dim;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dim; d++) out[o + d] = row[d] * scale;
    } else {
      for (let d = 0; d < dim; d++) out[o + d] = 0;
    }
  }
}

/** Fit on a sample and embed every text. */
export function embedLsa(texts: readonly string[], options: LsaOptions): { model: LsaModel; embedding: Embedding } {
  const model = fitLsa(texts, options);
  const data = new Float32Array(texts.length * model.dim);
  transformLsa(model, texts, 0, texts.length, data);
  return { model, embedding: { n: texts.length, dim: model.dim, data } };
}
