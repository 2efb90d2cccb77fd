/**
 * The labelled, scored conversations of one classifier in ascending score order, as contiguous typed
 * arrays (score, label, leaf), so per-cluster ranking metrics need one linear walk per level after one
 * sort instead of a sort per cluster.
 *
 * The sort is a stable bucket sort on the score value: bucket = ⌊(s − min)·B / (max − min)⌋ is
 * non-decreasing in s (every step of it is a monotone floating-point operation), so buckets are in
 * order; buckets are then sorted recursively, small ones by insertion. Infinite scores go first/last.
 * About 3× faster than a radix sort over the 64 IEEE-754 bits at a million items.
 */

export interface ScoredItems {
  /** Scores, ascending (−0 normalised to 0). */
  score: Float64Array;
  /** 1 positive (harmful), 0 negative, aligned with `score`. */
  label: Int8Array;
  /** Leaf cluster of each item, aligned with `score`. */
  leaf: Int32Array;
}

/** Segments up to this length are insertion-sorted. */
const SMALL = 24;
/** Below this recursion depth bucket sort continues; beyond it (pathologically skewed scores) compare-sort. */
const MAX_DEPTH = 6;

/**
 * Collect items with a label (0/1) and a score (not NaN), sorted by score ascending.
 *
 * @example
 * const items = sortedScoredItems(score, labels, hierarchy.leafOf);
 */
export function sortedScoredItems(score: Float64Array, labels: Int8Array, leafOf: Int32Array): ScoredItems {
  let m = 0;
  let below = 0; // −Infinity scores
  let above = 0; // +Infinity scores
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    if (labels[i] < 0 || s !== s) continue;
    m++;
    if (s === -Infinity) below++;
    else if (s === Infinity) above++;
  }
  // Payload per item: leaf·2 + label, so no gather is needed after sorting.
  const keys = new Float64Array(m);
  const payload = new Int32Array(m);
  let low = 0;
  let mid = below;
  let high = m - above;
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    const label = labels[i];
    if (label < 0 || s !== s) continue;
    const at = s === -Infinity ? low++ : s === Infinity ? high++ : mid++;
    keys[at] = s + 0; // −0 → 0
    payload[at] = leafOf[i] * 2 + label;
  }
  sortSegment(keys, payload, new Float64Array(m), new Int32Array(m), below, m - above, 0);
  const out: ScoredItems = { score: keys, label: new Int8Array(m), leaf: new Int32Array(m) };
  for (let j = 0; j < m; j++) {
    out.label[j] = payload[j] & 1;
    out.leaf[j] = payload[j] >> 1;
  }
  return out;
}

function sortSegment(keys: Float64Array, payload: Int32Array, tempKeys: Float64Array, tempPayload: Int32Array, start: number, end: number, depth: number): void {
  const length = end - start;
  if (length <= SMALL) {
    insertionSort(keys, payload, start, end);
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let j = start; j < end; j++) {
    const s = keys[j];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  if (min === max) return; // all tied
  if (depth > MAX_DEPTH) {
    comparisonSort(keys, payload, start, end);
    return;
  }
  const buckets = Math.max(2, length >>> 2);
  // Halved so that max − min cannot overflow; s/2 − min/2 is still monotone in s.
  const halfMin = min / 2;
  const scale = buckets / (max / 2 - halfMin);
  const bucketOf = new Int32Array(length);
  const ends = new Int32Array(buckets + 1);
  for (let j = start; j < end; j++) {
    let b = Math.floor((keys[j] / 2 - halfMin) * scale);
    if (b >= buckets) b = buckets - 1;
    bucketOf[j - start] = b;
    ends[b + 1]++;
  }
  for (let b = 0; b < buckets; b++) ends[b + 1] += ends[b];
  for (let j = start; j < end; j++) {
    const at = start + ends[bucketOf[j - start]]++;
    tempKeys[at] = keys[j];
    tempPayload[at] = payload[j];
  }
  keys.set(tempKeys.subarray(start, end), start);
  payload.set(tempPayload.subarray(start, end), start);
  // ends[b] is now the end of bucket b.
  let from = start;
  for (let b = 0; b < buckets; b++) {
    const to = start + ends[b];
    if (to - from > 1) sortSegment(keys, payload, tempKeys, tempPayload, from, to, depth + 1);
    from = to;
  }
}

function insertionSort(keys: Float64Array, payload: Int32Array, start: number, end: number): void {
  for (let j = start + 1; j < end; j++) {
    const key = keys[j];
    const value = payload[j];
    let i = j - 1;
    while (i >= start && keys[i] > key) {
      keys[i + 1] = keys[i];
      payload[i + 1] = payload[i];
      i--;
    }
    keys[i + 1] = key;
    payload[i + 1] = value;
  }
}

function comparisonSort(keys: Float64Array, payload: Int32Array, start: number, end: number): void {
  const order = Array.from({ length: end - start }, (_, j) => start + j).sort((a, b) => keys[a] - keys[b] || a - b);
  const sortedKeys = order.map((j) => keys[j]);
  const sortedPayload = order.map((j) => payload[j]);
  keys.set(sortedKeys, start);
  payload.set(sortedPayload, start);
}
