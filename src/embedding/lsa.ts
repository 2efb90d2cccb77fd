/**
 * Offline text embedding: hashed TF-IDF (word 1–2-grams + char_wb 4-grams, sublinear tf, smooth idf,
 * L2-normalised) reduced by randomized SVD (LSA) to dense vectors, L2-normalised again.
 * The model is fitted on a seeded sample and then applied to every text, so memory stays bounded
 * at a million conversations; it is plain typed arrays, saved with a run so new conversations can be
 * embedded the same way later (the CI gate does this).
 *
 * Applying the model is the expensive part (≈ 75 features × 128 dimensions per text). It runs in
 * chunks through the caller's chunk runner (worker threads when src/api passes src/parallel's), embeds
 * each distinct text once (repeated texts get a copy of the first one's row), and adds four projection
 * rows at a time. Rows do not depend on which thread computed them, so the result is identical either way.
 */
import type { Embedding } from '../types.js';
import { sequentialChunks, type ChunkRunner } from '../chunk-runner.js';
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { randomizedSvd } from './randomized-svd.js';
import { CsrBuilder } from './sparse-matrix.js';
import { FEATURE_COUNT, FeatureCounter, isCharFeature } from '../text/text-features.js';
import { embeddingText } from '../text/embedding-text.js';

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
  /** Who computes the chunks of the transform (default: this thread, in order). */
  chunkRunner?: ChunkRunner;
  /**
   * The texts are request summaries, embedded by their content words ({@link embeddingText}): computed for
   * the fitting sample, and per text inside the transform's chunks (so on every thread, not first on this one).
   */
  contentWords?: boolean;
}

const MIN_DF = 2;
/** Texts per parallel chunk when applying the model. */
const TRANSFORM_CHUNK = 2048;

let threadCounter: FeatureCounter | null = null;
/** One feature counter per thread (its stamp arrays are 4 MB; allocated once). */
function counter(): FeatureCounter {
  threadCounter ??= new FeatureCounter();
  return threadCounter;
}

/**
 * Fit idf weights and the LSA projection on a seeded sample of `texts`.
 * @example
 * const model = fitLsa(texts, { dim: 128, seed: 42 }); // model.projection: columns × 128
 */
export function fitLsa(texts: readonly string[], options: LsaOptions): LsaModel {
  const rng = createRng(deriveSeed(options.seed, 'lsa'));
  const sample = sampleIndices(texts.length, options.sampleSize ?? 6_000, rng);
  const sampleTexts = Array.from(sample, (i) => (options.contentWords ? embeddingText(texts[i]) : texts[i]));
  const features = counter();
  const df = new Int32Array(FEATURE_COUNT);
  for (const text of sampleTexts) {
    const unique = features.load(text);
    for (let k = 0; k < unique; k++) df[features.ids[k]]++;
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
  let rowIds = new Int32Array(1024);
  let rowVals = new Float32Array(1024);
  for (const text of sampleTexts) {
    const unique = features.load(text);
    if (unique > rowIds.length) {
      rowIds = new Int32Array(unique);
      rowVals = new Float32Array(unique);
    }
    let length = 0;
    let norm = 0;
    for (let k = 0; k < unique; k++) {
      const column = featureIndex[features.ids[k]];
      if (column < 0) continue;
      const value = (1 + Math.log(features.counts[k])) * weights[column];
      rowIds[length] = column;
      rowVals[length++] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < length; k++) rowVals[k] *= scale;
    builder.addRow(rowIds, rowVals, length);
  }
  const matrix = builder.finish();
  if (weights.length === 0 || matrix.rows === 0) {
    return { dim: 1, featureIndex, weights, projection: new Float32Array(0) };
  }
  const svd = randomizedSvd(matrix, rng, { components: options.dim, powerIterations: options.powerIterations ?? 1 });
  return { dim: svd.components, featureIndex, weights, projection: svd.vectors };
}

/**
 * Embed the texts of rows [start, end) into `out` at their own row (`out` holds every row), each by its
 * content words with `contentWords` (see {@link LsaOptions}). Rows whose `firstOf[i] !== i` repeat an earlier
 * text and are left for {@link copyRepeatedRows}. This is the chunk function the worker threads run (task
 * 'lsa-transform').
 */
export function embedRows(model: LsaModel, texts: readonly string[], firstOf: Int32Array | null, start: number, end: number, out: Float32Array, contentWords = false): void {
  const row = new Float64Array(model.dim);
  for (let i = start; i < end; i++) {
    if (firstOf !== null && firstOf[i] !== i) continue;
    embedText(model, contentWords ? embeddingText(texts[i]) : texts[i], out, i * model.dim, row);
  }
}

/** Per-thread scratch: projection row offsets and tf-idf weights of one text's features. */
let columnScratch = new Int32Array(1024);
let weightScratch = new Float64Array(1024);

function embedText(model: LsaModel, text: string, out: Float32Array, offset: number, row: Float64Array): void {
  const { dim, featureIndex, weights, projection: p } = model;
  const features = counter();
  const unique = features.load(text);
  if (unique > columnScratch.length) {
    columnScratch = new Int32Array(unique * 2);
    weightScratch = new Float64Array(unique * 2);
  }
  const columns = columnScratch;
  const w = weightScratch;
  let m = 0;
  for (let k = 0; k < unique; k++) {
    const column = featureIndex[features.ids[k]];
    if (column < 0) continue;
    columns[m] = column * dim;
    w[m++] = (1 + Math.log(features.counts[k])) * weights[column];
  }
  row.fill(0);
  let k = 0;
  for (; k + 3 < m; k += 4) {
    const b0 = columns[k];
    const b1 = columns[k + 1];
    const b2 = columns[k + 2];
    const b3 = columns[k + 3];
    const x0 = w[k];
    const x1 = w[k + 1];
    const x2 = w[k + 2];
    const x3 = w[k + 3];
    for (let d = 0; d < dim; d++) row[d] += x0 * p[b0 + d] + x1 * p[b1 + d] + x2 * p[b2 + d] + x3 * p[b3 + d];
  }
  for (; k < m; k++) {
    const b = columns[k];
    const x = w[k];
    for (let d = 0; d < dim; d++) row[d] += x * p[b + d];
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += row[d] * row[d];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dim; d++) out[offset + d] = row[d] * scale;
}

/** For each text, the index of its first occurrence (equal to its own index for a first occurrence). */
export function firstOccurrences(texts: readonly string[], chunkRunner: ChunkRunner = sequentialChunks): Int32Array {
  const firstOf = chunkRunner.int32(texts.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < texts.length; i++) {
    const first = seen.get(texts[i]);
    if (first === undefined) {
      seen.set(texts[i], i);
      firstOf[i] = i;
    } else {
      firstOf[i] = first;
    }
  }
  return firstOf;
}

function copyRepeatedRows(out: Float32Array, firstOf: Int32Array, dim: number): void {
  for (let i = 0; i < firstOf.length; i++) {
    const first = firstOf[i];
    if (first !== i) out.copyWithin(i * dim, first * dim, (first + 1) * dim);
  }
}

/**
 * Fit on a sample and embed every text (chunk by chunk through `options.chunkRunner`).
 * @example
 * const { model, embedding } = embedLsa(summaries, { dim: 128, seed: 42 }); // embedding.data: n × 128
 */
export function embedLsa(texts: readonly string[], options: LsaOptions): { model: LsaModel; embedding: Embedding } {
  const runner = options.chunkRunner ?? sequentialChunks;
  const model = fitLsa(texts, options);
  const n = texts.length;
  const data = runner.float32(n * model.dim);
  const firstOf = firstOccurrences(texts, runner);
  const contentWords = options.contentWords ?? false;
  runner.run({ task: 'lsa-transform', payload: { model, texts, firstOf, out: data, contentWords }, items: n, chunkSize: TRANSFORM_CHUNK }, (start, end) =>
    embedRows(model, texts, firstOf, start, end, data, contentWords),
  );
  copyRepeatedRows(data, firstOf, model.dim);
  return { model, embedding: { n, dim: model.dim, data } };
}
