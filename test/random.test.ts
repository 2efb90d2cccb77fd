/**
 * The one random module: the pipeline's and the demo generator's streams keep their exact values (pinned
 * below), the two Box–Muller radial uniforms differ only as documented, and the helpers behave as stated.
 */
import { describe, expect, it } from 'vitest';
import { createDemoRng } from '../src/demo/index.js';
import { sampleMembers } from '../src/providers/anthropic/naming.js';
import {
  createRng,
  cumulativeWeights,
  deriveSeed,
  fnv1a,
  FNV_OFFSET_BASIS,
  mulberry32,
  pickCumulative,
  pickWeighted,
  splitmix32,
} from '../src/random.js';

describe('streams', () => {
  it('keep the pipeline stream for seed 42 and the demo stream for seed 7', () => {
    const pipeline = createRng(42);
    expect([pipeline.next(), pipeline.next(), pipeline.normal(), pipeline.normal(), pipeline.int(1000)]).toEqual([
      0.6011037519201636, 0.44829055899754167, -0.2730261048826104, -0.4946727576767142, 174,
    ]);
    const demo = createDemoRng(7);
    expect([demo.next(), demo.next(), demo.normal(), demo.normal(), demo.int(1000)]).toEqual([
      0.7227507401257753, 0.9872626690194011, 1.086157802812216, -0.9430629318665621, 774,
    ]);
  });

  it('seed the demo through splitmix32 and the pipeline directly (seed 0 at a fixed non-zero state)', () => {
    expect(createDemoRng(7).next()).toBe(mulberry32(splitmix32(7)).next());
    expect(createRng(42).next()).toBe(mulberry32(42).next());
    expect(createRng(0).next()).not.toBe(mulberry32(0).next());
  });

  it('differ between the two radial uniforms only in using u or 1 − u', () => {
    const uniforms = mulberry32(9);
    const u = uniforms.next();
    const v = uniforms.next();
    const normal = (radial: number) => Math.sqrt(-2 * Math.log(radial)) * Math.cos(2 * Math.PI * v);
    expect(mulberry32(9).normal()).toBe(normal(u));
    expect(mulberry32(9, { radialUniform: 'complement' }).normal()).toBe(normal(1 - u));
  });
});

describe('hashing', () => {
  it('derives stage seeds as FNV-1a from the seed-salted basis', () => {
    expect(deriveSeed(42, 'kmeans')).toBe(255980978);
    expect(deriveSeed(42, 'kmeans')).toBe(fnv1a('kmeans', 42 ^ FNV_OFFSET_BASIS));
    expect(fnv1a('')).toBe(FNV_OFFSET_BASIS);
  });

  it('keeps the Claude naming sample for (seed 42, cluster L0-003)', () => {
    expect(sampleMembers(Int32Array.from({ length: 20 }, (_, i) => i), 5, 42, 'L0-003')).toEqual([6, 15, 12, 8, 16]);
  });
});

describe('weighted picks', () => {
  it('never pick a zero weight, and pick uniformly when no weight is positive', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) expect(pickWeighted(Float64Array.from([0, 2, 0, 1]), 4, rng)).not.toBe(0);
    const seen = new Set(Array.from({ length: 200 }, () => pickWeighted(new Float64Array(4), 4, rng)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('pickCumulative finds the bucket of the draw in the prefix sums', () => {
    expect(Array.from(cumulativeWeights([1, 2, 3]))).toEqual([1, 3, 6]);
    const rng = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[pickCumulative(cumulativeWeights([1, 0, 5]), rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(4);
    expect(counts[2] / counts[0]).toBeLessThan(6);
  });
});
