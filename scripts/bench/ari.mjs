/**
 * Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items, from their contingency
 * table; what scikit-learn's `adjusted_rand_score` computes.
 * @example adjustedRandIndex(['a', 'a', 'b'], [0, 0, 1]) // 1
 */
export function adjustedRandIndex(a, b) {
  if (a.length !== b.length) throw new Error(`labelings differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (n < 2) return 1;
  const codesA = new Map();
  const codesB = new Map();
  const code = (map, x) => {
    let c = map.get(x);
    if (c === undefined) map.set(x, (c = map.size));
    return c;
  };
  const ka = Int32Array.from(a, (x) => code(codesA, x));
  const kb = Int32Array.from(b, (x) => code(codesB, x));
  const cols = codesB.size;
  const table = new Float64Array(codesA.size * cols);
  const rowSums = new Float64Array(codesA.size);
  const colSums = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    table[ka[i] * cols + kb[i]]++;
    rowSums[ka[i]]++;
    colSums[kb[i]]++;
  }
  const pairs = (x) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table) index += pairs(v);
  let sumA = 0;
  for (const v of rowSums) sumA += pairs(v);
  let sumB = 0;
  for (const v of colSums) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
