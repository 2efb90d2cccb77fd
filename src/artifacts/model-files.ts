/**
 * What a run saves so that conversations it has not seen can later be placed in its clusters (the CI
 * gate): the LSA embedding model and the leaf centroids, as little-endian binary with a JSON header.
 * Layout: 4-byte header length, UTF-8 JSON header {arrays:[{name,type,length}], ...meta}, then each
 * array's bytes in order (each padded to 4 bytes).
 */
import { readFile } from 'node:fs/promises';
import type { LsaModel } from '../embedding/lsa.js';
import type { EmbeddingModel } from '../embedding/semantic.js';
import { inputError } from '../errors.js';

type NumericArray = Float32Array | Int32Array;

export interface ModelBundle {
  meta: Record<string, unknown>;
  arrays: Record<string, NumericArray>;
}

export function encodeModel(bundle: ModelBundle): Uint8Array {
  const entries = Object.entries(bundle.arrays);
  const header = {
    ...bundle.meta,
    arrays: entries.map(([name, a]) => ({ name, type: a instanceof Float32Array ? 'f32' : 'i32', length: a.length })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerPadded = Math.ceil(headerBytes.length / 4) * 4;
  const total = 4 + headerPadded + entries.reduce((s, [, a]) => s + a.length * 4, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerPadded, true);
  out.set(headerBytes, 4);
  out.fill(0x20, 4 + headerBytes.length, 4 + headerPadded);
  let offset = 4 + headerPadded;
  for (const [, a] of entries) {
    for (let i = 0; i < a.length; i++, offset += 4) {
      if (a instanceof Float32Array) view.setFloat32(offset, a[i], true);
      else view.setInt32(offset, a[i], true);
    }
  }
  return out;
}

export function decodeModel(bytes: Uint8Array, file = 'model'): ModelBundle {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
      arrays: { name: string; type: 'f32' | 'i32'; length: number }[];
    } & Record<string, unknown>;
    const arrays: Record<string, NumericArray> = {};
    let offset = 4 + headerLength;
    for (const spec of header.arrays) {
      const a = spec.type === 'f32' ? new Float32Array(spec.length) : new Int32Array(spec.length);
      for (let i = 0; i < spec.length; i++, offset += 4) a[i] = spec.type === 'f32' ? view.getFloat32(offset, true) : view.getInt32(offset, true);
      arrays[spec.name] = a;
    }
    const { arrays: _ignored, ...meta } = header;
    return { meta, arrays };
  } catch (err) {
    throw inputError(`unreadable model file: ${(err as Error).message}`, { file });
  }
}

export async function readModel(file: string): Promise<ModelBundle> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw inputError('model file missing or unreadable (was the run written by this version of misfire?)', { file });
  }
  return decodeModel(bytes, file);
}

/** The leaf level's centroids, (k × dim) row-major. */
export interface LeafCentroids {
  k: number;
  dim: number;
  data: Float32Array;
}

/** An embedding model as saved by a run, with the text its LSA half was fitted on (`EMBEDDING_TEXT_VERSION`; null when not recorded). */
export interface SavedEmbeddingModel {
  model: EmbeddingModel;
  text: string | null;
}

/** model/embedding.bin: the LSA half, and for a semantic model its SIF part and weight (the word vectors are named, not copied). */
export function encodeEmbeddingModel({ model, text }: SavedEmbeddingModel): Uint8Array {
  const { lsa } = model;
  const lsaArrays = { featureIndex: lsa.featureIndex, weights: lsa.weights, projection: lsa.projection };
  if (model.kind === 'lsa') return encodeModel({ meta: { kind: 'lsa', dim: lsa.dim, text }, arrays: lsaArrays });
  return encodeModel({
    meta: { kind: 'semantic', dim: lsa.dim, text, weight: model.weight, wordVectors: model.sif.table, sifA: model.sif.a },
    arrays: { ...lsaArrays, sifComponent: model.sif.component },
  });
}

/** model/centroids.bin */
export function encodeLeafCentroids({ k, dim, data }: LeafCentroids): Uint8Array {
  return encodeModel({ meta: { kind: 'centroids', dim, k }, arrays: { centroids: data } });
}

/** Read model/embedding.bin; anything but a model this version can apply is an input error. */
export async function readEmbeddingModel(file: string): Promise<SavedEmbeddingModel> {
  const { meta, arrays } = await readModel(file);
  const { featureIndex, weights, projection, sifComponent } = arrays;
  const dim = Number(meta.dim);
  const lsaOk =
    (meta.kind === 'lsa' || meta.kind === 'semantic') &&
    featureIndex instanceof Int32Array &&
    weights instanceof Float32Array &&
    projection instanceof Float32Array &&
    Number.isInteger(dim) &&
    dim >= 1 &&
    projection.length === weights.length * dim;
  if (!lsaOk) throw inputError('not an embedding model this version of misfire can read', { file });
  const lsa = { dim, featureIndex, weights, projection } as LsaModel;
  const text = typeof meta.text === 'string' ? meta.text : null;
  if (meta.kind === 'lsa') return { model: { kind: 'lsa', lsa }, text };
  const weight = Number(meta.weight);
  const a = Number(meta.sifA);
  if (!(sifComponent instanceof Float32Array) || typeof meta.wordVectors !== 'string' || !(weight >= 0 && weight <= 1) || !(a > 0)) {
    throw inputError('the semantic half of the embedding model is incomplete', { file });
  }
  return { model: { kind: 'semantic', lsa, weight, sif: { table: meta.wordVectors, a, component: sifComponent } }, text };
}

/** Read model/centroids.bin; centroids that do not match their header (k × dim) are an input error. */
export async function readLeafCentroids(file: string): Promise<LeafCentroids> {
  const { meta, arrays } = await readModel(file);
  const data = arrays.centroids;
  const k = Number(meta.k);
  const dim = Number(meta.dim);
  if (!(data instanceof Float32Array) || !Number.isInteger(k) || !Number.isInteger(dim) || data.length !== k * dim) {
    throw inputError('leaf centroids do not match their header (k × dim)', { file });
  }
  return { k, dim, data };
}
