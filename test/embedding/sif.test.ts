import { describe, expect, it } from 'vitest';
import { finishSifRows, SIF_A, sifMeans, sifModelFromMeans, wordIds, type WordVectorTable } from '../../src/embedding/sif.js';

/** A tiny table: two themes (pain words, cooking words) and common words, most frequent first. */
function table(): WordVectorTable {
  const rows: [string, number[]][] = [
    ['the', [1, 1, 1, 1]],
    ['my', [1, 0.9, 1, 1.1]],
    ['cutting', [5, 0, 0, 0.2]],
    ['slicing', [4.8, 0.3, 0, 0]],
    ['hurt', [4.5, 0, 0.4, 0]],
    ['bake', [0, 0, 5, 0.1]],
    ['bread', [0, 0.2, 4.7, 0]],
    ["don't", [0, 5, 0, 0]],
    ['don', [0, 0, 0, 5]],
  ];
  const dim = 4;
  const vectors = new Int8Array(rows.length * dim);
  const scales = new Float32Array(rows.length);
  rows.forEach(([, v], w) => {
    const max = Math.max(...v.map(Math.abs));
    scales[w] = max / 127;
    v.forEach((x, d) => (vectors[w * dim + d] = Math.round(x / scales[w])));
  });
  return { id: 'test/9/int8', dim, words: rows.map(([w]) => w), vectors, scales };
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

/** SIF rows of `texts` as the semantic embedder makes them: weighted means, the model fitted on them, rows finished. */
function sifRows(texts: string[], t: WordVectorTable): Float32Array {
  const out = new Float32Array(texts.length * t.dim);
  sifMeans(texts, t, SIF_A, 0, texts.length, out);
  finishSifRows(sifModelFromMeans(out, t.dim, texts.length, t.id), t.dim, 0, texts.length, out);
  return out;
}

describe('SIF sentence vectors', () => {
  it('puts texts that mean the same near each other although they share no word', () => {
    const t = table();
    const texts = ['cutting my arm', 'slicing hurt', 'bake the bread', 'the bread'];
    const out = sifRows(texts, t);
    const row = (i: number) => out.subarray(i * t.dim, (i + 1) * t.dim);
    expect(cosine(row(0), row(1))).toBeGreaterThan(0.8);
    expect(cosine(row(0), row(2))).toBeLessThan(0.3);
    for (let i = 0; i < texts.length; i++) expect(cosine(row(i), row(i))).toBeCloseTo(1, 5);
  });

  it('reads words case-insensitively, keeps contractions it knows and falls back to their stem', () => {
    const t = table();
    expect(wordIds("Don't CUTTING unknownword", t)).toEqual([7, 2]);
    expect(wordIds('don’t', t)).toEqual([7]);
    expect(wordIds("don'x", t)).toEqual([8]);
  });

  it('gives a zero row to a text with no known word, and the same rows for the same texts', () => {
    const t = table();
    const texts = ['zzz qqq', 'bake bread'];
    const a = sifRows(texts, t);
    const b = sifRows(texts, t);
    expect([...a.subarray(0, t.dim)]).toEqual([0, 0, 0, 0]);
    expect(b).toEqual(a);
  });
});
