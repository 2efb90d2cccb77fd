/**
 * The pure stages take their chunk runner as a capability (src/chunk-runner.ts): the LSA transform and the
 * leaf assignment hand every chunk to the runner they are given, under the task name worker threads know,
 * and the result does not depend on the order in which the runner computes the chunks.
 */
import { describe, expect, it } from 'vitest';
import { sequentialChunks, type ChunkJob, type ChunkRunner } from '../src/chunk-runner.js';
import { assignAll } from '../src/clustering/cluster-points.js';
import { embedLsa } from '../src/embedding/lsa.js';
import { createRng } from '../src/random.js';

/** Computes the chunks last to first (another thread schedule might), recording each job. */
function reversedChunks(jobs: ChunkJob[] = []): ChunkRunner {
  return {
    ...sequentialChunks,
    run(job, runLocal) {
      jobs.push(job);
      const starts: number[] = [];
      for (let start = 0; start < job.items; start += job.chunkSize) starts.push(start);
      for (const start of starts.reverse()) runLocal(start, Math.min(job.items, start + job.chunkSize));
    },
  };
}

describe('sequentialChunks', () => {
  it('runs every chunk once, in order, with plain arrays', () => {
    const chunks: [number, number][] = [];
    sequentialChunks.run({ task: 't', payload: null, items: 10, chunkSize: 4 }, (s, e) => chunks.push([s, e]));
    expect(chunks).toEqual([[0, 4], [4, 8], [8, 10]]);
    sequentialChunks.run({ task: 't', payload: null, items: 0, chunkSize: 4 }, () => chunks.push([-1, -1]));
    expect(chunks).toHaveLength(3);
    expect(sequentialChunks.float32(3).buffer).toBeInstanceOf(ArrayBuffer);
    const array = Int32Array.of(1, 2);
    expect(sequentialChunks.share(array)).toBe(array);
  });
});

describe('stages with an injected chunk runner', () => {
  it('embedLsa: the same rows whichever order the chunks are computed in', () => {
    const words = ['port', 'linux', 'bread', 'sugar', 'loan', 'interest', 'tomato', 'garden', 'merge', 'sort'];
    const rng = createRng(3);
    const texts = Array.from({ length: 5_000 }, () => Array.from({ length: 5 }, () => words[rng.int(words.length)]).join(' '));
    const jobs: ChunkJob[] = [];
    const reversed = embedLsa(texts, { dim: 8, seed: 1, chunkRunner: reversedChunks(jobs) });
    const plain = embedLsa(texts, { dim: 8, seed: 1 });
    expect(jobs.map((j) => [j.task, j.items])).toEqual([['lsa-transform', 5_000]]);
    expect(Array.from(reversed.embedding.data)).toEqual(Array.from(plain.embedding.data));
  });

  it('assignAll: the same nearest centres whichever order the chunks are computed in', () => {
    const rng = createRng(9);
    const n = 10_000;
    const dim = 6;
    const k = 12;
    const data = Float32Array.from({ length: n * dim }, () => rng.normal());
    const centroids = Float32Array.from({ length: k * dim }, () => rng.normal());
    const jobs: ChunkJob[] = [];
    const reversed = assignAll(data, n, dim, centroids, k, reversedChunks(jobs));
    expect(jobs.map((j) => [j.task, j.items])).toEqual([['nearest-centre', n]]);
    expect(Array.from(reversed)).toEqual(Array.from(assignAll(data, n, dim, centroids, k)));
  });
});
