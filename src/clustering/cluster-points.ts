/**
 * Leaf clustering of all conversations: k-means (best of a few seeded restarts) on a sample, then every
 * point assigned to its nearest centre (partial distance search, in chunks through the caller's chunk
 * runner, e.g. shared with worker threads: identical either way) and the centres recomputed from all
 * members. On small inputs the sample is everything. Clusters are renumbered by size (largest first,
 * ties by first member) so ids are stable for the same input and seed.
 */
import { sequentialChunks, type ChunkRunner } from '../chunk-runner.js';
import { kmeans } from './kmeans.js';
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { assignNearest } from './vector-math.js';
import type { Embedding } from '../types.js';

/** Points per parallel chunk when assigning every point to its nearest centre. */
const ASSIGN_CHUNK = 4096;

export interface PointClusters {
  k: number;
  centroids: Float32Array;
  assignment: Int32Array;
  sizes: Int32Array;
}

export interface ClusterPointsOptions {
  k: number;
  seed: number;
  /** Points k-means iterates on (default {@link defaultSampleSize}); the rest are assigned afterwards. */
  sampleSize?: number;
  restarts?: number;
  /** Who computes the chunks of the final assignment (default: this thread, in order). */
  chunkRunner?: ChunkRunner;
}

/**
 * Default number of leaf clusters for n conversations: 2·∛n, but no more than n / (3 · minSupport), at least
 * 2 and at most 500. Clusters then hold about ½·n^⅔ conversations (100 at n = 3,000; 1,100 at 100k), and on
 * small evaluation sets at least three times the support a pocket needs, so that a leaf can reach
 * `minSupport` benign or harmful items even when one of the two is a third of the data (300 prompts → 5
 * leaves of 60 instead of 13 of 23).
 * @example
 * defaultLeafK(3000, 20); // 29
 * defaultLeafK(300, 20); // 5
 */
export function defaultLeafK(n: number, minSupport: number): number {
  if (n <= 1) return 1;
  const bySupport = minSupport > 0 ? Math.floor(n / (3 * minSupport)) : Infinity;
  return Math.max(2, Math.min(500, Math.round(2 * Math.cbrt(n)), bySupport));
}

/**
 * Points the leaf k-means iterates on: 64 per cluster, at least 4,000 and at most 10,000 (6,000 at
 * k = 93, the default for 100k conversations). On the demo data a larger sample bought no ARI, only time.
 */
export function defaultSampleSize(k: number): number {
  return Math.min(10_000, Math.max(4_000, 64 * k));
}

export function clusterPoints(embedding: Embedding, options: ClusterPointsOptions): PointClusters {
  const { n, dim, data } = embedding;
  if (n === 0) return { k: 0, centroids: new Float32Array(0), assignment: new Int32Array(0), sizes: new Int32Array(0) };
  const rng = createRng(deriveSeed(options.seed, 'kmeans'));
  const sample = sampleIndices(n, options.sampleSize ?? defaultSampleSize(options.k), rng);
  const sampleData = sample.length === n ? data : gatherRows(data, dim, sample);
  let best: ReturnType<typeof kmeans> | null = null;
  // Restarts are cheap on small inputs and buy stability there; on large ones the sample already averages.
  const restarts = options.restarts ?? (sample.length * options.k * dim <= 50_000_000 ? 3 : 1);
  for (let r = 0; r < restarts; r++) {
    const result = kmeans(sampleData, sample.length, dim, { k: Math.max(1, options.k), rng, maxIterations: 100 });
    if (!best || result.inertia < best.inertia) best = result;
  }
  const fitted = best as ReturnType<typeof kmeans>;
  let assignment = fitted.assignment;
  let centroids = fitted.centroids;
  if (sample.length !== n) {
    assignment = assignAll(data, n, dim, centroids, fitted.k, options.chunkRunner);
    centroids = meanCentroids(data, dim, assignment, fitted.k, centroids);
  }
  return renumberBySize(assignment, centroids, fitted.k, dim);
}

/**
 * Nearest centre of every point, chunk by chunk through `chunkRunner` (identical whoever computes them).
 * @example
 * assignAll(data, n, 128, centroids, k); // Int32Array: point → centre
 */
export function assignAll(
  data: Float32Array,
  n: number,
  dim: number,
  centroids: Float32Array,
  k: number,
  chunkRunner: ChunkRunner = sequentialChunks,
): Int32Array {
  const out = chunkRunner.int32(n);
  const shared = chunkRunner.share(data);
  chunkRunner.run({ task: 'nearest-centre', payload: { data: shared, centroids, k, dim, out }, items: n, chunkSize: ASSIGN_CHUNK }, (start, end) =>
    assignNearest(shared, start, end, centroids, k, dim, out),
  );
  return out;
}

function gatherRows(data: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(data.subarray(row * dim, (row + 1) * dim), i * dim));
  return out;
}

/** Mean of each cluster's members; a cluster with no members keeps its previous centre. */
export function meanCentroids(data: Float32Array, dim: number, assignment: Int32Array, k: number, previous: Float32Array): Float32Array {
  const sums = new Float64Array(k * dim);
  const counts = new Float64Array(k);
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i];
    counts[c]++;
    for (let d = 0; d < dim; d++) sums[c * dim + d] += data[i * dim + d];
  }
  const out = Float32Array.from(previous);
  for (let c = 0; c < k; c++) if (counts[c] > 0) for (let d = 0; d < dim; d++) out[c * dim + d] = sums[c * dim + d] / counts[c];
  return out;
}

/** Drop empty clusters and number the rest largest first (ties: earliest first member). */
export function renumberBySize(assignment: Int32Array, centroids: Float32Array, k: number, dim: number): PointClusters {
  const sizes = new Int32Array(k);
  const firstMember = new Int32Array(k).fill(-1);
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i];
    sizes[c]++;
    if (firstMember[c] < 0) firstMember[c] = i;
  }
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => sizes[c] > 0)
    .sort((a, b) => sizes[b] - sizes[a] || firstMember[a] - firstMember[b]);
  const newId = new Int32Array(k).fill(-1);
  order.forEach((c, i) => (newId[c] = i));
  const out = new Int32Array(assignment.length);
  for (let i = 0; i < assignment.length; i++) out[i] = newId[assignment[i]];
  const newCentroids = new Float32Array(order.length * dim);
  const newSizes = new Int32Array(order.length);
  order.forEach((c, i) => {
    newCentroids.set(centroids.subarray(c * dim, (c + 1) * dim), i * dim);
    newSizes[i] = sizes[c];
  });
  return { k: order.length, centroids: newCentroids, assignment: out, sizes: newSizes };
}
