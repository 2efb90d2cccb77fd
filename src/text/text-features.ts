/**
 * Hashed text features for TF-IDF: word unigrams and bigrams in one hash space, character 4-grams
 * within word boundaries (sklearn's `char_wb`) in a second. No vocabulary is kept, so memory is bounded.
 *
 * The hot path ({@link FeatureCounter}) scans a text once: it lower-cases, splits into tokens, hashes every
 * feature straight from the character codes and counts repeats with a stamp array instead of a per-text
 * map or a sort, so it allocates nothing per text.
 */
import { FNV_OFFSET_BASIS, FNV_PRIME } from '../random.js';

/** Bits of each hash space; feature ids are in [0, 2 * 2^HASH_BITS). */
export const HASH_BITS = 18;
export const SPACE = 1 << HASH_BITS;
export const FEATURE_COUNT = SPACE * 2;
const MASK = SPACE - 1;
const CHAR_GRAM = 4;
const WORD_SEED = FNV_OFFSET_BASIS;
const CHAR_SEED = 0x050c5d1f;
const SPACE_CODE = 32;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Lower-cased word tokens (letters and digits; everything else separates). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** True when UTF-16 unit `code` (at `i` of `text`) belongs to a word: a letter or a digit in any script. */
function isWordUnit(text: string, i: number, code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code >= 0xd800 && code <= 0xdfff) {
    // A surrogate: test the whole code point it belongs to.
    const start = code <= 0xdbff ? i : i - 1;
    const point = text.codePointAt(start) ?? code;
    return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point));
  }
  return WORD_CHAR.test(text[i]);
}

/**
 * Turns one text into its distinct hashed features and their counts, reusing its buffers across texts.
 * `load(text)` fills `ids[0..n)` (first-occurrence order) and `counts[0..n)` and returns n.
 * @example
 * const counter = new FeatureCounter();
 * const n = counter.load('kill the process'); // counter.ids / counter.counts hold n features
 */
export class FeatureCounter {
  ids = new Int32Array(1024);
  counts = new Float32Array(1024);
  private readonly stamp = new Int32Array(FEATURE_COUNT);
  private readonly slot = new Int32Array(FEATURE_COUNT);
  private codes = new Int32Array(256);
  private generation = 0;
  private unique = 0;

  load(text: string): number {
    if (++this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.unique = 0;
    // Worst case per token of length L: unigram + bigram + max(1, L − 1) char grams ≤ L + 2 ≤ 3·L.
    if (text.length * 3 + 8 > this.ids.length) {
      this.ids = new Int32Array(text.length * 3 + 8);
      this.counts = new Float32Array(text.length * 3 + 8);
    }
    const lower = text.toLowerCase();
    let previous = 0;
    let tokens = 0;
    let i = 0;
    const length = lower.length;
    while (i < length) {
      if (!isWordUnit(lower, i, lower.charCodeAt(i))) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < length && isWordUnit(lower, end, lower.charCodeAt(end))) end++;
      const h = this.token(lower, i, end);
      this.add(h & MASK);
      if (tokens > 0) this.add(mix(previous, h) & MASK);
      previous = h;
      tokens++;
      i = end;
    }
    return this.unique;
  }

  /** Hash of the token text[start..end), after adding its char_wb n-grams. */
  private token(text: string, start: number, end: number): number {
    const padded = end - start + 2;
    if (padded > this.codes.length) this.codes = new Int32Array(padded * 2);
    const codes = this.codes;
    codes[0] = SPACE_CODE;
    let h = WORD_SEED;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      codes[i - start + 1] = code;
      h = Math.imul(h ^ code, FNV_PRIME);
    }
    codes[padded - 1] = SPACE_CODE;
    if (padded <= CHAR_GRAM) {
      let g = CHAR_SEED;
      for (let j = 0; j < padded; j++) g = Math.imul(g ^ codes[j], FNV_PRIME);
      this.add(SPACE + ((g >>> 0) & MASK));
    } else {
      for (let j = 0; j + CHAR_GRAM <= padded; j++) {
        let g = Math.imul(CHAR_SEED ^ codes[j], FNV_PRIME);
        g = Math.imul(g ^ codes[j + 1], FNV_PRIME);
        g = Math.imul(g ^ codes[j + 2], FNV_PRIME);
        g = Math.imul(g ^ codes[j + 3], FNV_PRIME);
        this.add(SPACE + ((g >>> 0) & MASK));
      }
    }
    return h >>> 0;
  }

  private add(id: number): void {
    if (this.stamp[id] === this.generation) {
      this.counts[this.slot[id]]++;
      return;
    }
    this.stamp[id] = this.generation;
    const u = this.unique++;
    this.slot[id] = u;
    this.ids[u] = id;
    this.counts[u] = 1;
  }
}

/** True when a feature id is a character n-gram (second hash space). */
export function isCharFeature(id: number): boolean {
  return id >= SPACE;
}
