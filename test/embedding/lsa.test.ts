/** Offline embedding: hashed features, randomized SVD and the LSA model as runs and the CI gate use them. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embedLsa, embedRows, fitLsa } from '../../src/embedding/lsa.js';
import { orthonormalizeColumns, symmetricEigen } from '../../src/embedding/linear-algebra.js';
import { createRng } from '../../src/random.js';
import { randomizedSvd } from '../../src/embedding/randomized-svd.js';
import { CsrBuilder } from '../../src/embedding/sparse-matrix.js';
import { FeatureCounter, SPACE, tokenize } from '../../src/text/text-features.js';

/** The feature definition written the slow, obvious way: hashed word 1–2-grams and char_wb 4-grams. */
function naiveFeatures(text: string): Map<number, number> {
  const fnv = (s: string, seed: number) => {
    let h = seed;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const mix = (a: number, b: number) => {
    let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
  };
  const mask = SPACE - 1;
  const counts = new Map<number, number>();
  const tally = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  let previous = 0;
  tokenize(text).forEach((token, t) => {
    const h = fnv(token, 0x811c9dc5);
    tally(h & mask);
    if (t > 0) tally(mix(previous, h) & mask);
    previous = h;
    const padded = ` ${token} `;
    if (padded.length <= 4) tally(SPACE + (fnv(padded, 0x050c5d1f) & mask));
    else for (let i = 0; i + 4 <= padded.length; i++) tally(SPACE + (fnv(padded.slice(i, i + 4), 0x050c5d1f) & mask));
  });
  return counts;
}

function counted(counter: FeatureCounter, text: string): Map<number, number> {
  const unique = counter.load(text);
  const out = new Map<number, number>();
  for (let k = 0; k < unique; k++) out.set(counter.ids[k], counter.counts[k]);
  return out;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const vectorAt = (data: Float32Array, dim: number, i: number) => data.subarray(i * dim, (i + 1) * dim);
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, d) => s + x * b[d], 0) / (norm(a) * norm(b));

describe('FeatureCounter (the one-pass hashed feature scanner)', () => {
  it('counts exactly the features of the naive definition', () => {
    const counter = new FeatureCounter();
    const texts = [
      'How do I kill -9 a zombie process on Ubuntu?',
      'kill kill kill the the',
      'Ça coûte combien, le café à Zürich ?',
      'Привет, как дела? 東京 タワー 𝒜𝒷𝒸 emoji 😀 ok',
      '',
      '   ,,, !!! ',
      'a b',
    ];
    for (const text of texts) expect(counted(counter, text)).toEqual(naiveFeatures(text));
  });

  it('matches the naive definition on arbitrary text, reusing its buffers', () => {
    const counter = new FeatureCounter();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      expect(counted(counter, text)).toEqual(naiveFeatures(text));
    }), { numRuns: 300 });
  });
});

describe('orthonormalizeColumns', () => {
  it('returns orthonormal columns spanning the input', () => {
    const rng = createRng(3);
    const rows = 60;
    const cols = 12;
    const m = Float64Array.from({ length: rows * cols }, () => rng.normal());
    orthonormalizeColumns(m, rows, cols);
    for (let i = 0; i < cols; i++) {
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += m[r * cols + i] * m[r * cols + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('zeroes a column that depends on earlier ones', () => {
    const m = Float64Array.from([1, 2, 0, 2, 4, 1, 3, 6, 0]); // column 1 = 2 × column 0
    orthonormalizeColumns(m, 3, 3);
    expect([m[1], m[4], m[7]]).toEqual([0, 0, 0]);
    expect(m[0] ** 2 + m[3] ** 2 + m[6] ** 2).toBeCloseTo(1, 12);
  });
});

describe('randomizedSvd', () => {
  it('recovers the singular values of a low-rank sparse matrix', () => {
    const rng = createRng(5);
    const rows = 80;
    const cols = 50;
    const rank = 4;
    const u = Array.from({ length: rows }, () => Array.from({ length: rank }, () => rng.normal()));
    const v = Array.from({ length: rank }, () => Array.from({ length: cols }, () => (rng.next() < 0.3 ? rng.normal() : 0)));
    const dense = new Float64Array(rows * cols);
    const builder = new CsrBuilder(cols);
    for (let r = 0; r < rows; r++) {
      const ids: number[] = [];
      const vals: number[] = [];
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let q = 0; q < rank; q++) s += u[r][q] * v[q][c];
        dense[r * cols + c] = Math.fround(s);
        if (s !== 0) {
          ids.push(c);
          vals.push(s);
        }
      }
      builder.addRow(ids, vals, ids.length);
    }
    // Exact reference: eigenvalues of XᵀX by Jacobi.
    const xtx = new Float64Array(cols * cols);
    for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) for (let r = 0; r < rows; r++) xtx[i * cols + j] += dense[r * cols + i] * dense[r * cols + j];
    const exact = symmetricEigen(xtx, cols).values.slice(0, rank).map(Math.sqrt);
    const svd = randomizedSvd(builder.finish(), createRng(1), { components: rank, powerIterations: 1 });
    expect(svd.components).toBe(rank);
    for (let c = 0; c < rank; c++) expect(svd.singularValues[c] / exact[c]).toBeCloseTo(1, 4);
  });
});

describe('LSA embedding', () => {
  const texts = [
    ...Array.from({ length: 40 }, (_, i) => `how do I kill the process holding port ${8000 + i} on ubuntu`),
    ...Array.from({ length: 40 }, (_, i) => `give me a recipe for banana bread with ${i} grams of sugar`),
    ...Array.from({ length: 40 }, (_, i) => `explain compound interest for a loan of ${i} thousand dollars`),
    'give me a recipe for banana bread with 3 grams of sugar',
    '',
  ];

  it('gives unit-length rows (zero for a text without features), identical rows for identical texts', () => {
    const { embedding } = embedLsa(texts, { dim: 16, seed: 42 });
    for (let i = 0; i < texts.length - 1; i++) expect(norm(vectorAt(embedding.data, embedding.dim, i))).toBeCloseTo(1, 5);
    expect(norm(vectorAt(embedding.data, embedding.dim, texts.length - 1))).toBe(0);
    expect(Array.from(vectorAt(embedding.data, embedding.dim, 120))).toEqual(Array.from(vectorAt(embedding.data, embedding.dim, 43)));
  });

  it('puts texts about the same thing closer together than texts about different things', () => {
    const { embedding } = embedLsa(texts, { dim: 16, seed: 42 });
    const { data, dim } = embedding;
    expect(cosine(vectorAt(data, dim, 0), vectorAt(data, dim, 1))).toBeGreaterThan(0.8);
    expect(cosine(vectorAt(data, dim, 0), vectorAt(data, dim, 50))).toBeLessThan(0.3);
  });

  it('is deterministic, and the saved model embeds new texts exactly as the run did (the CI gate path)', () => {
    const a = embedLsa(texts, { dim: 16, seed: 7 });
    const b = embedLsa(texts, { dim: 16, seed: 7 });
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    const out = new Float32Array(40 * a.model.dim);
    embedRows(a.model, texts, null, 30, 40, out);
    expect(Array.from(out.subarray(30 * a.model.dim))).toEqual(Array.from(a.embedding.data.subarray(30 * a.model.dim, 40 * a.model.dim)));
  });

  it('fits on a sample when there are more texts than the sample size', () => {
    const model = fitLsa(texts, { dim: 8, seed: 1, sampleSize: 60 });
    expect(model.dim).toBeLessThanOrEqual(8);
    expect(model.projection.length).toBe(model.weights.length * model.dim);
  });
});
