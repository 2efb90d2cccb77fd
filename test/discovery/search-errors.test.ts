/**
 * Every classifier's searches in two parts (src/discovery/search-errors.ts): the regions, searched where a
 * worker thread can run them beside the clustering, then applied to whole denominators on the calling
 * thread. Split or not, the pockets are those of one discovery per classifier and kind.
 */
import { describe, expect, it } from 'vitest';
import { discoverErrorPockets } from '../../src/discovery/index.js';
import { fitProjection } from '../../src/discovery/projection.js';
import { ERROR_KINDS, pocketsOfSearches, searchErrors, searchRegions, type ErrorSearchInput } from '../../src/discovery/search-errors.js';
import { createRng, deriveSeed, sampleIndices } from '../../src/random.js';

const DIM = 12;

/** 8,000 unit points (so each denominator is larger than the search's sample) in 8 blobs, labels alternating, and two classifiers; the first errs mostly in blob 3. */
function planted(): ErrorSearchInput {
  const rng = createRng(17);
  const n = 8_000;
  const centres = Array.from({ length: 8 }, () => Array.from({ length: DIM }, () => rng.normal()));
  const data = new Float32Array(n * DIM);
  const labels = new Int8Array(n);
  const first = new Int8Array(n);
  const second = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += (data[i * DIM + d] = centres[i % 8][d] + 0.5 * rng.normal()) ** 2;
    for (let d = 0; d < DIM; d++) data[i * DIM + d] /= Math.sqrt(norm);
    labels[i] = i % 2 === 0 ? 0 : rng.chance(0.05) ? -1 : 1;
    const wrong = (i % 8 === 3 || i % 8 === 4 ? rng.chance(0.7) : rng.chance(0.08)) ? 1 : 0;
    first[i] = labels[i] === 0 ? wrong : 1 - wrong;
    second[i] = rng.chance(0.02) ? -1 : rng.chance(0.1) ? 1 - Math.max(0, labels[i]) : Math.max(0, labels[i]);
  }
  return {
    embedding: { n, dim: DIM, data },
    labels,
    classifiers: [{ name: 'first', flagged: first }, { name: 'second', flagged: second }],
    seed: 5,
    minSupport: 20,
    alpha: 0.05,
    minEffect: 0.05,
    permutations: 39,
  };
}

describe('searchErrors', () => {
  const input = planted();

  it('finds, per classifier and kind in order, what one discovery over that denominator finds', () => {
    const searches = searchErrors(input);
    expect(searches.map((s) => `${s.classifier}/${s.kind}`)).toEqual(['first/false_positive', 'first/false_negative', 'second/false_positive', 'second/false_negative']);
    const projection = fitProjection(input.embedding.data, DIM, sampleIndices(input.embedding.n, 5000, createRng(deriveSeed(input.seed, 'pocket-projection'))));
    for (const search of searches) {
      const flagged = input.classifiers.find((c) => c.name === search.classifier)!.flagged;
      const spec = ERROR_KINDS.find((k) => k.kind === search.kind)!;
      const rows = Int32Array.from({ length: input.embedding.n }, (_, i) => i).filter((i) => input.labels[i] === spec.label && flagged[i] >= 0);
      const errors = Uint8Array.from(rows, (i) => (flagged[i] === spec.errorFlag ? 1 : 0));
      const alone = discoverErrorPockets(input.embedding, projection, rows, errors, {
        minSupport: 20, alpha: 0.05, minEffect: 0.05, permutations: 39, seed: deriveSeed(input.seed, `${search.classifier}/${search.kind}`),
      });
      expect(search.found).toEqual(alone);
      expect(search.denominator).toBe(rows.length);
      expect(search.errors).toBe(errors.reduce((a, b) => a + b, 0));
    }
    // The planted errors are found: blob 4 (even indices, benign) over-flagged, blob 3 (odd, harmful) missed.
    for (const [search, blob] of [[searches[0], 4], [searches[1], 3]] as const) {
      expect(search.denominator).toBeGreaterThan(3000); // regions applied beyond the searched sample
      const pocket = search.found.pockets[0];
      expect(pocket.members.filter((i) => i % 8 === blob).length / pocket.members.length).toBeGreaterThan(0.8);
    }
  });

  it('in two parts, with the regions passed on as a worker would (structured clone), gives the same pockets', () => {
    const regions = structuredClone(searchRegions(structuredClone(input)));
    expect(pocketsOfSearches(regions, input)).toEqual(searchErrors(input));
  });
});
