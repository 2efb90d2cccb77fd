/**
 * misfire's own k-means (src/clustering/kmeans.ts) against ml-kmeans, which serves as the test oracle only:
 * it is ~7× slower at misfire's sizes (10k × 128, k = 50, 20 iterations: 5.7 s), while ours works on typed
 * arrays with Hamerly bounds and partial distance search.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { clusterPoints, defaultLeafK } from '../../src/clustering/cluster-points.js';
import { kmeans } from '../../src/clustering/kmeans.js';
import { createRng } from '../../src/random.js';
import { assignNearest, NearestCentreSearch, squaredDistance } from '../../src/clustering/vector-math.js';

/** `n` points around `centres` random centres in `dim` dimensions (seeded), row-major. */
function blobs(n: number, dim: number, centres: number, spread: number, seed: number): { data: Float32Array; truth: Int32Array } {
  const rng = createRng(seed);
  const means = Array.from({ length: centres }, () => Array.from({ length: dim }, () => rng.normal() * 3));
  const data = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres;
    truth[i] = c;
    for (let d = 0; d < dim; d++) data[i * dim + d] = means[c][d] + rng.normal() * spread;
  }
  return { data, truth };
}

/** Full squared distances from row i of `data` to each of the `k` centres (the brute-force oracle). */
function distancesTo(data: Float32Array, i: number, centroids: Float32Array, k: number, dim: number): number[] {
  return Array.from({ length: k }, (_, c) => squaredDistance(data, i * dim, centroids, c * dim, dim));
}

const rows = (data: Float32Array, dim: number): number[][] =>
  Array.from({ length: data.length / dim }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));

/** Same partition up to renaming of the clusters. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

function inertiaOf(data: Float32Array, dim: number, assignment: ArrayLike<number>, centroids: number[][]): number {
  let s = 0;
  for (let i = 0; i < assignment.length; i++) {
    const c = centroids[assignment[i]];
    for (let d = 0; d < dim; d++) s += (data[i * dim + d] - c[d]) ** 2;
  }
  return s;
}

describe('kmeans agrees with ml-kmeans (the oracle)', () => {
  it('finds the same partition and inertia on well-separated blobs', () => {
    const dim = 8;
    const { data, truth } = blobs(600, dim, 5, 0.3, 11);
    const ours = kmeans(data, 600, dim, { k: 5, rng: createRng(3) });
    const theirs = mlKmeans(rows(data, dim), 5, { seed: 3, initialization: 'kmeans++' });
    expect(samePartition(ours.assignment, truth)).toBe(true);
    expect(samePartition(ours.assignment, theirs.clusters)).toBe(true);
    const theirInertia = inertiaOf(data, dim, theirs.clusters, theirs.centroids);
    expect(ours.inertia).toBeCloseTo(theirInertia, 3);
  });

  it('converges to the same Lloyd fixed point from the same start on overlapping data', () => {
    const dim = 6;
    const n = 400;
    const { data } = blobs(n, dim, 8, 2.5, 5);
    const k = 6;
    // Our k-means++ start, handed to ml-kmeans as its initialization; both then iterate to convergence.
    const start = kmeans(data, n, dim, { k, rng: createRng(9), maxIterations: 0 });
    const ours = kmeans(data, n, dim, { k, rng: createRng(9), maxIterations: 500, tolerance: 0 });
    const theirs = mlKmeans(rows(data, dim), k, { initialization: rows(start.centroids, dim), maxIterations: 500, tolerance: 1e-9 });
    expect(Array.from(ours.assignment)).toEqual(theirs.clusters);
    expect(ours.inertia).toBeCloseTo(inertiaOf(data, dim, theirs.clusters, theirs.centroids), 2);
  });
});

describe('kmeans edge cases', () => {
  it('returns fewer clusters than asked when there are fewer distinct points', () => {
    const data = Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
    const result = kmeans(data, 5, 2, { k: 4, rng: createRng(1) });
    expect(result.k).toBe(2);
    expect(result.inertia).toBe(0);
  });

  it('handles a single point', () => {
    const result = kmeans(Float32Array.from([3, 4]), 1, 2, { k: 3, rng: createRng(1) });
    expect(result.k).toBe(1);
    expect(Array.from(result.assignment)).toEqual([0]);
  });

  it('is deterministic for the same seed', () => {
    const { data } = blobs(300, 5, 4, 1.5, 2);
    const a = kmeans(data, 300, 5, { k: 4, rng: createRng(7) });
    const b = kmeans(data, 300, 5, { k: 4, rng: createRng(7) });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
  });
});

/** k centres, dimensions and a seed for `n` random rows and `k` random centres. */
const searchCase = fc.record({ k: fc.integer({ min: 1, max: 40 }), dim: fc.integer({ min: 1, max: 70 }), seed: fc.integer({ min: 0, max: 1000 }) });

function randomRowsAndCentres(n: number, k: number, dim: number, seed: number): { data: Float32Array; centroids: Float32Array } {
  const rng = createRng(seed);
  const data = Float32Array.from({ length: n * dim }, () => rng.normal());
  const centroids = Float32Array.from({ length: k * dim }, () => rng.normal());
  return { data, centroids };
}

describe('assignNearest (partial distance search)', () => {
  it('picks the same centre as trying every centre in full', () => {
    fc.assert(
      fc.property(searchCase, ({ k, dim, seed }) => {
        const n = 50;
        const { data, centroids } = randomRowsAndCentres(n, k, dim, seed);
        const out = new Int32Array(n);
        assignNearest(data, 0, n, centroids, k, dim, out);
        for (let i = 0; i < n; i++) {
          const brute = Math.min(...distancesTo(data, i, centroids, k, dim));
          // Equal distance is the only way the two may differ.
          expect(squaredDistance(data, i * dim, centroids, out[i] * dim, dim)).toBe(brute);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('also finds the second-nearest distance when asked (the k-means bounds)', () => {
    fc.assert(
      fc.property(searchCase, ({ k, dim, seed }) => {
        const n = 20;
        const { data, centroids } = randomRowsAndCentres(n, k, dim, seed);
        const search = new NearestCentreSearch(centroids, k, dim);
        for (let i = 0; i < n; i++) {
          const sorted = distancesTo(data, i, centroids, k, dim).sort((a, b) => a - b);
          const nearest = search.find(data, i * dim, true);
          expect(squaredDistance(data, i * dim, centroids, nearest * dim, dim)).toBe(sorted[0]);
          expect(search.best).toBeCloseTo(sorted[0], 9);
          if (k === 1) expect(search.second).toBe(Infinity);
          else expect(search.second).toBeCloseTo(sorted[1], 9);
          expect(search.find(data, i * dim, false)).toBe(nearest);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('clusterPoints (k-means on a sample, then every point assigned)', () => {
  it('counts every point once and numbers clusters largest first', () => {
    const dim = 4;
    const n = 3000;
    const { data } = blobs(n, dim, 6, 0.5, 4);
    const result = clusterPoints({ n, dim, data }, { k: 6, seed: 1, sampleSize: 500 });
    expect(result.k).toBe(6);
    expect(Array.from(result.sizes).reduce((a, b) => a + b, 0)).toBe(n);
    for (let c = 1; c < result.k; c++) expect(result.sizes[c]).toBeLessThanOrEqual(result.sizes[c - 1]);
    const counted = new Int32Array(result.k);
    for (const c of result.assignment) counted[c]++;
    expect(Array.from(counted)).toEqual(Array.from(result.sizes));
  });

  it('gives the same clusters run after run', () => {
    const { data } = blobs(2000, 6, 5, 1, 8);
    const a = clusterPoints({ n: 2000, dim: 6, data }, { k: 7, seed: 42, sampleSize: 700 });
    const b = clusterPoints({ n: 2000, dim: 6, data }, { k: 7, seed: 42, sampleSize: 700 });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
  });

  it('documents the default leaf count: 2·∛n, at most n / (3 · min-support), so a leaf can reach the support a pocket needs', () => {
    expect(defaultLeafK(3000, 20)).toBe(29);
    expect(defaultLeafK(100_000, 20)).toBe(93);
    expect(defaultLeafK(1_000_000, 20)).toBe(200);
    for (const n of [300, 500, 1000]) {
      const k = defaultLeafK(n, 20);
      expect(n / k, `n = ${n}`).toBeGreaterThanOrEqual(60);
    }
    expect(defaultLeafK(300, 20)).toBe(5);
    expect(defaultLeafK(100, 20)).toBe(2);
    expect(defaultLeafK(300, 0)).toBe(13);
  });
});
