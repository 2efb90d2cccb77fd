/**
 * Error-focused pockets: the permutation test of the whole search keeps the chance of reporting any pocket
 * on data without one near alpha (checked by simulation), and a planted pocket of errors is found.
 */
import { describe, expect, it } from 'vitest';
import { discoverErrorPockets } from '../../src/discovery/index.js';
import { ROUND } from '../../src/discovery/permutations.js';
import { fitProjection } from '../../src/discovery/projection.js';
import { createRng } from '../../src/random.js';

const DIM = 16;

/** `n` unit points around `blobs` random directions; point i belongs to blob i % blobs. */
function blobs(n: number, count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: count }, () => Array.from({ length: DIM }, () => rng.normal()));
  const data = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < DIM; d++) {
      const x = centres[i % count][d] + 0.6 * rng.normal();
      data[i * DIM + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < DIM; d++) data[i * DIM + d] /= Math.sqrt(norm);
  }
  return data;
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const settings = { minSupport: 20, alpha: 0.05, minEffect: 0.05, permutations: 39 };

describe('error pockets', () => {
  it('on data with no pocket, reports one in about alpha of the runs (family-wise), not more', () => {
    const runs = 60;
    let withPocket = 0;
    for (let run = 0; run < runs; run++) {
      const n = 300;
      const data = blobs(n, 6, 1000 + run);
      const rng = createRng(5000 + run);
      const errors = Uint8Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
      const projection = fitProjection(data, DIM, all(n), 8);
      const { pockets } = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: run });
      if (pockets.length) withPocket++;
    }
    // Binomial(60, 0.05): P(X ≥ 8) < 0.01.
    expect(withPocket).toBeLessThanOrEqual(7);
  });

  it('finds a planted theme whose items are mostly errors, and counts every member of its region', () => {
    const n = 400;
    const data = blobs(n, 8, 7);
    const rng = createRng(11);
    const errors = Uint8Array.from({ length: n }, (_, i) => (rng.next() < (i % 8 === 3 ? 0.8 : 0.1) ? 1 : 0));
    const projection = fitProjection(data, DIM, all(n), 8);
    const { pockets } = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: 1 });
    expect(pockets.length).toBeGreaterThan(0);
    const top = pockets[0];
    const planted = [...top.members].filter((i) => i % 8 === 3).length;
    expect(planted / top.members.length).toBeGreaterThanOrEqual(0.8);
    expect(planted).toBeGreaterThanOrEqual(0.6 * (n / 8));
    expect(top.errors).toBe([...top.members].filter((i) => errors[i]).length);
    expect(top.pValue).toBeLessThan(0.05);
  });

  it('stops shuffling once no region can be reported: same pockets as every shuffle, fewer shuffles on data without one', () => {
    const n = 300;
    let stoppedEarly = 0;
    for (let run = 0; run < 12; run++) {
      const data = blobs(n, 6, 2000 + run);
      const rng = createRng(7000 + run);
      const planted = run % 2 === 0;
      const errors = Uint8Array.from({ length: n }, (_, i) => (rng.next() < (planted && i % 6 === 2 ? 0.7 : 0.15) ? 1 : 0));
      const projection = fitProjection(data, DIM, all(n), 8);
      const found = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: run });
      const every = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: run, sequential: false });
      expect(every.permutationsRun).toBe(settings.permutations);
      expect(found.pockets).toEqual(every.pockets);
      if (found.permutationsRun < settings.permutations) {
        stoppedEarly++;
        expect(found.pockets).toEqual([]);
        expect(found.permutationsRun % ROUND).toBe(0);
      } else {
        expect(found.permutationsRun).toBe(settings.permutations);
      }
      if (planted) expect(found.pockets.length, `run ${run}`).toBeGreaterThan(0);
    }
    expect(stoppedEarly).toBeGreaterThanOrEqual(4);
  });

  it('is deterministic for the same seed', () => {
    const n = 300;
    const data = blobs(n, 5, 3);
    const errors = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 1 || i % 7 === 0 ? 1 : 0));
    const projection = fitProjection(data, DIM, all(n), 8);
    const a = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: 9 });
    const b = discoverErrorPockets({ data, dim: DIM }, projection, all(n), errors, { ...settings, seed: 9 });
    expect(b).toEqual(a);
  });
});
