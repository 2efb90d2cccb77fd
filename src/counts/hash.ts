/**
 * Hashes of ids for streaming joins and distinct-user sketches. Two independent 32-bit hashes of the
 * string's UTF-16 code units (Murmur3-style mixing with different seeds) make a 64-bit key for the id
 * table and a 53-bit value (exact in a JavaScript number, and in JSON) for the user sketches.
 */

const SEED_HIGH = 0x9747b28c;
const SEED_LOW = 0x5bd1e995;

/** Murmur3's 32-bit finaliser. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hash32(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return mix(h ^ text.length);
}

/**
 * The high 32 bits of a text's 64-bit hash.
 * @example hashHigh('c000001'); // the same unsigned 32-bit value on every machine
 */
export function hashHigh(text: string): number {
  return hash32(text, SEED_HIGH);
}

/**
 * The low 32 bits of a text's 64-bit hash.
 * @example hashLow('c000001'); // an unsigned 32-bit value, independent of hashHigh's
 */
export function hashLow(text: string): number {
  return hash32(text, SEED_LOW);
}

/** 2^32 */
const TWO_32 = 4294967296;

/**
 * A 53-bit hash of a text as a non-negative whole number below 2^53 (used for distinct-user sketches).
 * @example hash53('u0690') < 2 ** 53; // true
 */
export function hash53(text: string): number {
  return (hashHigh(text) & 0x1fffff) * TWO_32 + hashLow(text);
}

/** 2^53, the size of the hash53 space. */
export const HASH53_SPACE = 2 ** 53;
