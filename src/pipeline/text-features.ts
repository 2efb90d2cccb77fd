/**
 * Hashed text features for TF-IDF: word unigrams and bigrams in one hash space, character 4-grams
 * within word boundaries (sklearn's `char_wb`) in a second. No vocabulary is kept, so memory is bounded.
 */

/** Bits of each hash space; feature ids are in [0, 2 * 2^HASH_BITS). */
export const HASH_BITS = 18;
export const SPACE = 1 << HASH_BITS;
export const FEATURE_COUNT = SPACE * 2;
const MASK = SPACE - 1;
const CHAR_GRAM = 4;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens (letters and digits; everything else separates). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Append the hashed feature ids of one text to `out` starting at `offset`; returns the new length.
 * `out` must have room for `featureCapacity(text)` more ids.
 */
export function hashFeatures(tokens: readonly string[], out: Int32Array, offset: number): number {
  let k = offset;
  let previous = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const h = fnv1a(token, 0x811c9dc5);
    out[k++] = h & MASK;
    if (t > 0) out[k++] = mix(previous, h) & MASK;
    previous = h;
    const padded = ` ${token} `;
    if (padded.length <= CHAR_GRAM) {
      out[k++] = SPACE + (fnv1a(padded, 0x050c5d1f) & MASK);
    } else {
      for (let i = 0; i + CHAR_GRAM <= padded.length; i++) {
        let g = 0x050c5d1f;
        for (let j = i; j < i + CHAR_GRAM; j++) g = Math.imul(g ^ padded.charCodeAt(j), 0x01000193);
        out[k++] = SPACE + ((g >>> 0) & MASK);
      }
    }
  }
  return k;
}

/** Upper bound on the number of ids `hashFeatures` appends for these tokens. */
export function featureCapacity(tokens: readonly string[]): number {
  let total = 0;
  for (const token of tokens) total += 2 + Math.max(1, token.length - 1);
  return total;
}

/** True when a feature id is a character n-gram (second hash space). */
export function isCharFeature(id: number): boolean {
  return id >= SPACE;
}
