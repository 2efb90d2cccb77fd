/**
 * The cluster hierarchy: leaves from k-means on conversations; each higher level groups the clusters below
 * by the *direction* of their centroids (spherical k-means on L2-normalised child centroids, each child
 * weighted by its size), with a geometric ratio between levels like Clio. Clustering directions rather
 * than raw centroids matters: a mixed or generic child has a short centroid near the origin, and plain
 * k-means then lumps every such child into one giant parent.
 *
 * Termination: there is a fixed number of levels, the number of clusters strictly falls from level to
 * level (or stays at 1), and each parent fit runs a bounded number of iterations. Every cluster below
 * the top level has exactly one parent, and no parent is empty.
 */
import type { Embedding } from '../types.js';
import type { ChunkRunner } from '../chunk-runner.js';
import { clusterPoints, defaultLeafK, type PointClusters } from './cluster-points.js';
import { createRng, deriveSeed, type Rng } from '../random.js';
import { seedPlusPlus } from './kmeans-plus-plus.js';
import { unitRow, unitRows } from './vector-math.js';

export interface HierarchyLevel {
  level: number;
  k: number;
  /** (k × dim) row-major: the mean of the cluster's conversations. */
  centroids: Float32Array;
  /** Conversations per cluster. */
  sizes: Int32Array;
  /** Cluster index → parent index at level + 1 (absent at the top level). */
  parentOf: Int32Array | null;
}

export interface Hierarchy {
  dim: number;
  levels: HierarchyLevel[];
  /** Conversation → leaf cluster index. */
  leafOf: Int32Array;
}

export interface HierarchyOptions {
  seed: number;
  /** Leaf clusters (default `defaultLeafK(n, minSupport)`). */
  k?: number;
  /** The support a pocket needs; caps the default leaf count on small data (see defaultLeafK). */
  minSupport?: number;
  /** Levels including the leaves, 1–4 (default 2). */
  levels?: number;
  sampleSize?: number;
  /** Who computes the chunks of the leaf assignment (default: this thread, in order). */
  chunkRunner?: ChunkRunner;
}

export const MAX_LEVELS = 4;
/** Seeded restarts of each parent fit; the best (highest weighted cosine) wins. Cheap: k ≤ 500 points. */
const PARENT_RESTARTS = 8;
const PARENT_MAX_ITERATIONS = 100;

/**
 * Cluster counts per level: k, k/r, k/r², … with r = max(k^(1/levels), 2), each strictly smaller than the
 * one below, never below 1.
 * @example
 * levelSizes(29, 2); // [29, 5]
 * levelSizes(29, 3); // [29, 9, 3]
 */
export function levelSizes(leafK: number, levels: number): number[] {
  const sizes = [leafK];
  const ratio = Math.max(leafK ** (1 / levels), 2);
  for (let l = 1; l < levels; l++) {
    const previous = sizes[l - 1];
    sizes.push(Math.max(1, Math.min(previous - 1, Math.round(leafK / ratio ** l))));
  }
  return sizes;
}

/**
 * Leaves by k-means on the conversations, then `levels − 1` parent levels by size-weighted spherical
 * k-means on the level below's centroids.
 * @example
 * const h = buildHierarchy(embedding, { seed: 42, levels: 2 });
 * h.levels[0].parentOf; // leaf index → parent index
 */
export function buildHierarchy(embedding: Embedding, options: HierarchyOptions): Hierarchy {
  const levels = Math.min(Math.max(Math.floor(options.levels ?? 2), 1), MAX_LEVELS);
  const leafK = Math.max(1, Math.min(options.k ?? defaultLeafK(embedding.n, options.minSupport ?? 0), Math.max(embedding.n, 1)));
  const leaves = clusterPoints(embedding, { k: leafK, seed: options.seed, sampleSize: options.sampleSize, chunkRunner: options.chunkRunner });
  const targets = levelSizes(leaves.k, levels);
  const dim = embedding.dim;
  const out: HierarchyLevel[] = [toLevel(0, leaves)];
  for (let l = 1; l < levels; l++) {
    const below = out[l - 1];
    const target = Math.max(1, Math.min(targets[l], below.k - 1));
    const rng = createRng(deriveSeed(options.seed, `level-${l}`));
    const assignment = below.k === 0 ? new Int32Array(0) : groupChildren(below, dim, target, rng);
    const parents = parentLevel(l, below, assignment, dim);
    below.parentOf = parents.childToParent;
    out.push(parents.level);
  }
  return { dim, levels: out, leafOf: leaves.assignment };
}

function toLevel(level: number, clusters: PointClusters): HierarchyLevel {
  return { level, k: clusters.k, centroids: clusters.centroids, sizes: clusters.sizes, parentOf: null };
}

/** Child → group index (0 … target−1, some possibly unused) by weighted spherical k-means. */
function groupChildren(below: HierarchyLevel, dim: number, target: number, rng: Rng): Int32Array {
  const units = unitRows(below.centroids, below.k, dim);
  const weights = Float64Array.from(below.sizes);
  let best: { assignment: Int32Array; score: number } | null = null;
  for (let r = 0; r < PARENT_RESTARTS; r++) {
    const fit = sphericalKMeans(units, below.k, dim, target, weights, rng);
    if (!best || fit.score > best.score + 1e-9) best = fit;
  }
  return (best as { assignment: Int32Array }).assignment;
}

/** Parents numbered largest first; centroid = size-weighted mean of the children's centroids. */
function parentLevel(l: number, below: HierarchyLevel, assignment: Int32Array, dim: number): { level: HierarchyLevel; childToParent: Int32Array } {
  const groups = assignment.length ? Math.max(...assignment) + 1 : 0;
  const sums = new Float64Array(groups * dim);
  const weight = new Float64Array(groups);
  for (let c = 0; c < below.k; c++) {
    const g = assignment[c];
    weight[g] += below.sizes[c];
    for (let d = 0; d < dim; d++) sums[g * dim + d] += below.sizes[c] * below.centroids[c * dim + d];
  }
  const means = new Float32Array(groups * dim);
  for (let g = 0; g < groups; g++) for (let d = 0; d < dim; d++) means[g * dim + d] = weight[g] > 0 ? sums[g * dim + d] / weight[g] : 0;
  const byConversations = renumberGroups(assignment, below.sizes, groups);
  const centroids = new Float32Array(byConversations.k * dim);
  const sizes = new Int32Array(byConversations.k);
  for (let g = 0; g < groups; g++) {
    const p = byConversations.newId[g];
    if (p < 0) continue;
    centroids.set(means.subarray(g * dim, (g + 1) * dim), p * dim);
    sizes[p] = weight[g];
  }
  const childToParent = Int32Array.from(assignment, (g) => byConversations.newId[g]);
  return { level: { level: l, k: byConversations.k, centroids, sizes, parentOf: null }, childToParent };
}

/** Drop empty groups; number the rest by conversations (largest first, ties: lowest first child). */
function renumberGroups(assignment: Int32Array, childSizes: Int32Array, groups: number): { k: number; newId: Int32Array } {
  const size = new Float64Array(groups);
  const first = new Int32Array(groups).fill(-1);
  assignment.forEach((g, c) => {
    size[g] += childSizes[c];
    if (first[g] < 0) first[g] = c;
  });
  const order = Array.from({ length: groups }, (_, g) => g)
    .filter((g) => first[g] >= 0)
    .sort((a, b) => size[b] - size[a] || first[a] - first[b]);
  const newId = new Int32Array(groups).fill(-1);
  order.forEach((g, i) => (newId[g] = i));
  return { k: order.length, newId };
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[ao + d] * b[bo + d];
  return s;
}

/**
 * Weighted spherical k-means on unit rows: k-means++ seeding on cosine distance, then assign each row to
 * the most similar centre and set each centre to the normalised weighted sum of its rows. An emptied
 * centre is re-seeded with the worst-fitting row. Returns the assignment and Σ weight·cosine.
 */
export function sphericalKMeans(
  units: Float64Array,
  n: number,
  dim: number,
  k: number,
  weights: Float64Array,
  rng: Rng,
): { assignment: Int32Array; score: number } {
  const kk = Math.max(1, Math.min(k, n));
  const centres = new Float64Array(kk * dim);
  const assignment = new Int32Array(n);
  const similarity = new Float64Array(n);
  seedCentres(units, n, dim, kk, weights, rng, centres);
  let score = 0;
  for (let iteration = 0; iteration < PARENT_MAX_ITERATIONS; iteration++) {
    let changed = 0;
    score = 0;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestS = -Infinity;
      for (let c = 0; c < kk; c++) {
        const s = dot(units, i * dim, centres, c * dim, dim);
        if (s > bestS + 1e-12) {
          bestS = s;
          bestC = c;
        }
      }
      if (iteration === 0 || assignment[i] !== bestC) changed++;
      assignment[i] = bestC;
      similarity[i] = bestS;
      score += weights[i] * bestS;
    }
    if (changed === 0) break;
    updateCentres(units, n, dim, kk, weights, assignment, similarity, centres);
  }
  return { assignment, score };
}

/**
 * k-means++ on cosine distance (1 − cos, clamped at 0), always k centres. The seeding is followed by one
 * discarded draw: the restarts of a parent fit share `rng`, and this fixes where each restart starts, so
 * the parent levels saved by runs (and blessed baselines) stay reproducible.
 */
function seedCentres(units: Float64Array, n: number, dim: number, k: number, weights: Float64Array, rng: Rng, centres: Float64Array): void {
  const distance = (i: number, j: number) => Math.max(0, 1 - dot(units, i * dim, units, j * dim, dim));
  const chosen = seedPlusPlus(n, { k, weights, rng, distance, whenCovered: 'uniform' });
  chosen.forEach((p, c) => centres.set(units.subarray(p * dim, (p + 1) * dim), c * dim));
  rng.next();
}

function updateCentres(
  units: Float64Array,
  n: number,
  dim: number,
  k: number,
  weights: Float64Array,
  assignment: Int32Array,
  similarity: Float64Array,
  centres: Float64Array,
): void {
  centres.fill(0);
  const members = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    members[c]++;
    for (let d = 0; d < dim; d++) centres[c * dim + d] += weights[i] * units[i * dim + d];
  }
  for (let c = 0; c < k; c++) {
    if (members[c] === 0) {
      // Re-seed an empty centre with the row that fits its own centre worst (ties: lowest index).
      let worst = 0;
      for (let i = 1; i < n; i++) if (similarity[i] < similarity[worst]) worst = i;
      centres.set(units.subarray(worst * dim, (worst + 1) * dim), c * dim);
      similarity[worst] = Infinity;
      continue;
    }
    unitRow(centres, centres, c, dim);
  }
}

/** Cluster id as written in artifacts, e.g. `L0-007` (level 0, index 7). */
export function clusterId(level: number, index: number): string {
  return `L${level}-${String(index).padStart(3, '0')}`;
}

/** Conversation → cluster index at `level`, following parents up from the leaves. */
export function membershipAt(hierarchy: Hierarchy, level: number): Int32Array {
  let current = hierarchy.leafOf;
  for (let l = 0; l < level; l++) {
    const parentOf = hierarchy.levels[l].parentOf as Int32Array;
    const next = new Int32Array(current.length);
    for (let i = 0; i < current.length; i++) next[i] = parentOf[current[i]];
    current = next;
  }
  return current;
}
