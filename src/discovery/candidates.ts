/**
 * Candidate pockets among a classifier's errors: the errors are split into a tree by repeated 2-means
 * (bisecting k-means), so themes of every size appear as nodes, from broad ("hate speech without slurs") to
 * narrow ("self-harm told as a diary"). Each node becomes a region of the embedding around its errors — the
 * ball around their centre that holds {@link ERROR_COVERAGE} of them — and the region is judged on every item
 * of the denominator inside it, errors and non-errors alike, so its error rate can be measured.
 */
import { kmeans } from '../clustering/kmeans.js';
import { createRng } from '../random.js';
import { bernoulliScanLlr } from '../stats/bernoulli-scan.js';

/** Share of a node's own errors its region must hold. */
export const ERROR_COVERAGE = 0.8;
/** Nodes examined per search (largest split first); bounds the work of each permutation. */
export const MAX_NODES = 48;

export interface Region {
  /** Unit centre in the search space. */
  centre: Float32Array;
  /** Cosine similarity to the centre from which an item is inside. */
  threshold: number;
}

export interface Candidate extends Region {
  /** Positions (into the searched items) inside the region, ascending. */
  members: Int32Array;
  errors: number;
  /** Bernoulli scan log-likelihood ratio of the region against the rest. */
  statistic: number;
}

export interface SearchSettings {
  /** Regions need at least this many items. */
  minSupport: number;
  seed: number;
}

/**
 * Every candidate region of a search over `points` (items × width, unit rows) whose items are errors where
 * `errors[i]` is 1.
 * @example
 * const candidates = searchCandidates(points, 32, errors, { minSupport: 20, seed: 42 });
 */
export function searchCandidates(points: Float32Array, width: number, errors: Uint8Array, settings: SearchSettings): Candidate[] {
  const total = errors.length;
  const errorPositions: number[] = [];
  for (let i = 0; i < total; i++) if (errors[i]) errorPositions.push(i);
  const keepAt = Math.max(3, Math.ceil(settings.minSupport / 4));
  const splitAt = Math.max(2 * keepAt, Math.ceil(settings.minSupport / 2));
  if (errorPositions.length < keepAt) return [];
  const nodes = errorTree(points, width, Int32Array.from(errorPositions), keepAt, splitAt, settings.seed);
  const similarity = new Float32Array(total);
  const out: Candidate[] = [];
  for (const node of nodes) {
    const centre = meanDirection(points, width, node);
    for (let i = 0; i < total; i++) {
      let s = 0;
      for (let c = 0; c < width; c++) s += points[i * width + c] * centre[c];
      similarity[i] = s;
    }
    const own = Float32Array.from(node, (i) => similarity[i]).sort().reverse();
    const threshold = own[Math.max(0, Math.ceil(ERROR_COVERAGE * own.length) - 1)];
    let size = 0;
    let inErrors = 0;
    for (let i = 0; i < total; i++) {
      if (similarity[i] < threshold) continue;
      size++;
      inErrors += errors[i];
    }
    if (size < settings.minSupport || size > total / 2) continue;
    const members = new Int32Array(size);
    for (let i = 0, m = 0; i < total; i++) if (similarity[i] >= threshold) members[m++] = i;
    out.push({ centre, threshold, members, errors: inErrors, statistic: bernoulliScanLlr(inErrors, size, errorPositions.length, total) });
  }
  return out;
}

/** Nodes of the bisecting tree below the root (which is all errors), largest split first. */
function errorTree(points: Float32Array, width: number, root: Int32Array, keepAt: number, splitAt: number, seed: number): Int32Array[] {
  const nodes: Int32Array[] = [];
  const queue: Int32Array[] = [root];
  let splits = 0;
  while (queue.length && nodes.length < MAX_NODES) {
    queue.sort((a, b) => b.length - a.length);
    const node = queue.shift() as Int32Array;
    if (node.length < splitAt) continue;
    const data = new Float32Array(node.length * width);
    node.forEach((i, r) => data.set(points.subarray(i * width, (i + 1) * width), r * width));
    const { k, assignment } = kmeans(data, node.length, width, { k: 2, rng: createRng(seed + splits++) });
    if (k < 2) continue;
    for (const side of [0, 1]) {
      const child = node.filter((_, r) => assignment[r] === side);
      if (child.length >= keepAt && child.length < node.length) {
        nodes.push(child);
        queue.push(child);
      }
    }
  }
  return nodes;
}

function meanDirection(points: Float32Array, width: number, rows: Int32Array): Float32Array {
  const sum = new Float64Array(width);
  for (const i of rows) for (let c = 0; c < width; c++) sum[c] += points[i * width + c];
  let norm = 0;
  for (let c = 0; c < width; c++) norm += sum[c] * sum[c];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(sum, (x) => x * scale);
}
