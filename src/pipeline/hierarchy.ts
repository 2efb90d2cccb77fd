/**
 * The cluster hierarchy: leaves from k-means on conversations, each higher level from size-weighted
 * k-means on the level below's centroids, with a geometric ratio between levels (like Clio). The number
 * of clusters strictly falls from level to level (or stays at 1), and there is a fixed number of levels,
 * so building it always terminates; every cluster below the top has exactly one parent.
 */
import type { Embedding } from '../types.js';
import { clusterPoints, defaultLeafK, renumberBySize, type PointClusters } from './cluster-points.js';
import { kmeans } from './kmeans.js';
import { createRng, deriveSeed } from './random.js';

export interface HierarchyLevel {
  level: number;
  k: number;
  /** (k × dim) row-major. */
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
  /** Leaf clusters (default `defaultLeafK(n)`). */
  k?: number;
  /** Levels including the leaves, 1–4 (default 2). */
  levels?: number;
  sampleSize?: number;
}

export const MAX_LEVELS = 4;

/** Cluster counts per level: k, k/r, k/r², … with r = k^(1/levels), each strictly smaller, never below 1. */
export function levelSizes(leafK: number, levels: number): number[] {
  const sizes = [leafK];
  const ratio = Math.max(leafK ** (1 / levels), 2);
  for (let l = 1; l < levels; l++) {
    const previous = sizes[l - 1];
    sizes.push(Math.max(1, Math.min(previous - 1, Math.round(leafK / ratio ** l))));
  }
  return sizes;
}

export function buildHierarchy(embedding: Embedding, options: HierarchyOptions): Hierarchy {
  const levels = Math.min(Math.max(options.levels ?? 2, 1), MAX_LEVELS);
  const leafK = Math.min(options.k ?? defaultLeafK(embedding.n), Math.max(embedding.n, 1));
  const leaves = clusterPoints(embedding, { k: leafK, seed: options.seed, sampleSize: options.sampleSize });
  const targets = levelSizes(leaves.k, levels);
  const out: HierarchyLevel[] = [toLevel(0, leaves)];
  const dim = embedding.dim;
  for (let l = 1; l < levels; l++) {
    const below = out[l - 1];
    const target = Math.max(1, Math.min(targets[l], below.k - 1));
    const weights = Float64Array.from(below.sizes);
    const rng = createRng(deriveSeed(options.seed, `level-${l}`));
    const fitted = below.k === 0 ? null : kmeans(below.centroids, below.k, dim, { k: target, rng, weights });
    const parents = fitted
      ? renumberBySize(fitted.assignment, fitted.centroids, fitted.k, dim)
      : { k: 0, centroids: new Float32Array(0), assignment: new Int32Array(0), sizes: new Int32Array(0) };
    const sizes = new Int32Array(parents.k);
    for (let c = 0; c < below.k; c++) sizes[parents.assignment[c]] += below.sizes[c];
    below.parentOf = parents.assignment;
    out.push({ level: l, k: parents.k, centroids: parents.centroids, sizes, parentOf: null });
  }
  return { dim, levels: out, leafOf: leaves.assignment };
}

function toLevel(level: number, clusters: PointClusters): HierarchyLevel {
  return { level, k: clusters.k, centroids: clusters.centroids, sizes: clusters.sizes, parentOf: null };
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
