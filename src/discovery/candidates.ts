/**
 * Candidate pockets among a classifier's errors: the errors are split into a tree by repeated spherical
 * 2-means (bisecting k-means, started deterministically), so themes of every size appear as nodes, from broad ("hate speech without slurs") to
 * narrow ("self-harm told as a diary"). Each node becomes a region of the embedding around its errors: of
 * the balls around their centre, up to the one that holds all of them, the one whose error rate stands out
 * most from the rest (the largest Bernoulli scan statistic, as a spatial scan does). The region is judged on
 * every item of the denominator inside it, errors and non-errors alike, so its error rate can be measured.
 */
import { bernoulliScanLlr } from '../stats/bernoulli-scan.js';

/** Nodes examined per search (largest split first); bounds the work of each permutation. */
export const MAX_NODES = 32;

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
}

/**
 * Every candidate region of a search over `points` (items × width, unit rows) whose items are errors where
 * `errors[i]` is 1.
 * @example
 * const candidates = searchCandidates(points, 64, errors, { minSupport: 20 });
 */
export function searchCandidates(points: Float32Array, width: number, errors: Uint8Array, settings: SearchSettings): Candidate[] {
  const total = errors.length;
  const errorPositions: number[] = [];
  for (let i = 0; i < total; i++) if (errors[i]) errorPositions.push(i);
  const keepAt = Math.max(3, Math.ceil(settings.minSupport / 4));
  const splitAt = Math.max(2 * keepAt, Math.ceil(settings.minSupport / 2));
  if (errorPositions.length < keepAt) return [];
  const nodes = errorTree(points, width, Int32Array.from(errorPositions), keepAt, splitAt);
  const similarity = new Float32Array(total);
  const out: Candidate[] = [];
  for (const node of nodes) {
    const centre = meanDirection(points, width, node);
    for (let i = 0; i < total; i++) similarity[i] = dot(points, i * width, centre, width);
    let lowest = Infinity;
    for (const i of node) lowest = Math.min(lowest, similarity[i]);
    const best = bestBall(similarity, errors, lowest, errorPositions.length, settings.minSupport);
    if (!best) continue;
    let size = 0;
    for (let i = 0; i < total; i++) if (similarity[i] >= best.threshold) size++;
    const members = new Int32Array(size);
    for (let i = 0, m = 0; i < total; i++) if (similarity[i] >= best.threshold) members[m++] = i;
    out.push({ centre, threshold: best.threshold, members, errors: best.errors, statistic: best.statistic });
  }
  return out;
}

/**
 * Of the balls {similarity ≥ t} with t down to `lowest` (and at most half the items), the one with the
 * largest scan statistic, scanned over every distinct similarity. Errors and non-errors are sorted apart
 * (typed-array sorts) and merged, which is much faster than sorting the items by a comparator.
 */
function bestBall(
  similarity: Float32Array,
  errors: Uint8Array,
  lowest: number,
  totalErrors: number,
  minSupport: number,
): { threshold: number; errors: number; statistic: number } | null {
  let inError = 0;
  let inRest = 0;
  for (let i = 0; i < similarity.length; i++) {
    if (similarity[i] < lowest) continue;
    if (errors[i]) inError++;
    else inRest++;
  }
  const errorSims = new Float32Array(inError);
  const restSims = new Float32Array(inRest);
  for (let i = 0, e = 0, r = 0; i < similarity.length; i++) {
    if (similarity[i] < lowest) continue;
    if (errors[i]) errorSims[e++] = similarity[i];
    else restSims[r++] = similarity[i];
  }
  errorSims.sort();
  restSims.sort();
  const total = similarity.length;
  let e = inError - 1;
  let r = inRest - 1;
  let best: { threshold: number; errors: number; statistic: number } | null = null;
  while (e >= 0 || r >= 0) {
    const t = Math.max(e >= 0 ? errorSims[e] : -Infinity, r >= 0 ? restSims[r] : -Infinity);
    while (e >= 0 && errorSims[e] === t) e--;
    while (r >= 0 && restSims[r] === t) r--;
    const errorsIn = inError - 1 - e;
    const size = errorsIn + inRest - 1 - r;
    if (size > total / 2) break;
    if (size < minSupport) continue;
    const statistic = bernoulliScanLlr(errorsIn, size, totalErrors, total);
    if (!best || statistic > best.statistic) best = { threshold: t, errors: errorsIn, statistic };
  }
  return best;
}

/**
 * Nodes of the bisecting tree below the root (which is all errors), level by level (largest first within a
 * level), so that a theme with few errors is split out before the largest theme is cut finer.
 */
function errorTree(points: Float32Array, width: number, root: Int32Array, keepAt: number, splitAt: number): Int32Array[] {
  const nodes: Int32Array[] = [];
  let level: Int32Array[] = [root];
  while (level.length && nodes.length < MAX_NODES) {
    const next: Int32Array[] = [];
    for (const node of [...level].sort((a, b) => b.length - a.length || a[0] - b[0])) {
      if (node.length < splitAt || nodes.length >= MAX_NODES) continue;
      const side = bisect(points, width, node);
      for (const part of [0, 1]) {
        const child = node.filter((_, r) => side[r] === part);
        if (child.length >= keepAt && child.length < node.length && nodes.length < MAX_NODES) {
          nodes.push(child);
          next.push(child);
        }
      }
    }
    level = next;
  }
  return nodes;
}

/** Iterations of the spherical 2-means that splits a node (it settles in a few). */
const BISECT_ITERATIONS = 8;

/**
 * Split `rows` in two by spherical 2-means, started deterministically from the row least like the node's
 * mean direction and the row least like that one. Returns 0/1 per row.
 */
function bisect(points: Float32Array, width: number, rows: Int32Array): Uint8Array {
  const side = new Uint8Array(rows.length);
  const least = (to: Float32Array): number => {
    let best = 0;
    let bestSimilarity = Infinity;
    for (let r = 0; r < rows.length; r++) {
      const s = dot(points, rows[r] * width, to, width);
      if (s < bestSimilarity) {
        bestSimilarity = s;
        best = r;
      }
    }
    return best;
  };
  const first = least(meanDirection(points, width, rows));
  let a: Float32Array = points.slice(rows[first] * width, (rows[first] + 1) * width);
  const second = least(a);
  let b: Float32Array = points.slice(rows[second] * width, (rows[second] + 1) * width);
  const sumA = new Float64Array(width);
  const sumB = new Float64Array(width);
  for (let iteration = 0; iteration < BISECT_ITERATIONS; iteration++) {
    let changed = iteration === 0;
    let ones = 0;
    for (let r = 0; r < rows.length; r++) {
      const at = rows[r] * width;
      const next = dot(points, at, b, width) > dot(points, at, a, width) ? 1 : 0;
      if (next !== side[r]) changed = true;
      side[r] = next;
      ones += next;
    }
    if (!changed || ones === 0 || ones === rows.length) break;
    sumA.fill(0);
    sumB.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const sum = side[r] ? sumB : sumA;
      const at = rows[r] * width;
      for (let c = 0; c < width; c++) sum[c] += points[at + c];
    }
    a = unit(sumA);
    b = unit(sumB);
  }
  return side;
}

/** Dot product of a row with `to`, in four running sums (independent additions the CPU overlaps). */
function dot(points: Float32Array, at: number, to: Float32Array, width: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let c = 0;
  for (; c + 3 < width; c += 4) {
    s0 += points[at + c] * to[c];
    s1 += points[at + c + 1] * to[c + 1];
    s2 += points[at + c + 2] * to[c + 2];
    s3 += points[at + c + 3] * to[c + 3];
  }
  for (; c < width; c++) s0 += points[at + c] * to[c];
  return s0 + s1 + (s2 + s3);
}

function meanDirection(points: Float32Array, width: number, rows: Int32Array): Float32Array {
  const sum = new Float64Array(width);
  for (const i of rows) for (let c = 0; c < width; c++) sum[c] += points[i * width + c];
  return unit(sum);
}

function unit(sum: Float64Array): Float32Array {
  let norm = 0;
  for (let c = 0; c < sum.length; c++) norm += sum[c] * sum[c];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(sum, (x) => x * scale);
}
