/**
 * `--embeddings FILE`: bring your own vectors (all-mpnet-base-v2 or any model run elsewhere).
 * Either JSONL `{"id": ..., "vector": [..]}` (any order, every conversation exactly once), or a raw
 * little-endian float32 file (`.f32`/`.bin`) with an ids file (one id per line, same order).
 * Vectors are L2-normalised here so k-means works on directions, as with the built-in embedder.
 */
import { readFile } from 'node:fs/promises';
import { inputError } from '../errors.js';
import type { Embedding } from '../types.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { readJsonRecords } from './json-records.js';
import { parseId, truncate } from './input-values.js';
import { jsonPreview } from '../json-text.js';

export interface EmbeddingsRead {
  embedding: Embedding;
  digest: FileDigest;
}

export async function readEmbeddings(file: string, conversationIds: readonly string[], idsFile: string | null): Promise<EmbeddingsRead> {
  const index = new Map<string, number>();
  conversationIds.forEach((id, i) => index.set(id, i));
  const digest = newDigest(file);
  const result = /\.(f32|bin|raw)$/i.test(file)
    ? await readRaw(file, idsFile, index, digest)
    : await readJsonl(file, index, digest);
  normalizeRows(result);
  return { embedding: result, digest };
}

async function readJsonl(file: string, index: Map<string, number>, digest: FileDigest): Promise<Embedding> {
  let dim = -1;
  let data = new Float32Array(0);
  const seen = new Uint8Array(index.size);
  for await (const { line, value } of readJsonRecords(file, digest)) {
    const row = value as { id?: unknown; vector?: unknown };
    if (typeof row !== 'object' || row === null) throw inputError('each line must be an object {"id", "vector"}', { file, line, field: '(json)' });
    const id = parseId(row.id, { file, line, field: 'id' });
    const i = index.get(id);
    if (i === undefined) throw inputError(`id "${truncate(id)}" is not among the conversations`, { file, line, field: 'id' });
    if (seen[i]) throw inputError(`duplicate vector for "${truncate(id)}"`, { file, line, field: 'id' });
    if (!Array.isArray(row.vector) || row.vector.length === 0) throw inputError('vector must be a non-empty array of numbers', { file, line, field: 'vector' });
    if (dim < 0) {
      dim = row.vector.length;
      data = new Float32Array(index.size * dim);
    } else if (row.vector.length !== dim) {
      throw inputError(`vector has ${row.vector.length} dimensions, earlier ones have ${dim}`, { file, line, field: 'vector' });
    }
    row.vector.forEach((x, d) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw inputError(`vector[${d}] is not a finite number: ${jsonPreview(x)}`, { file, line, field: `vector[${d}]` });
      }
      data[i * dim + d] = x;
    });
    seen[i] = 1;
  }
  assertComplete(file, seen, index);
  return { n: index.size, dim: Math.max(dim, 1), data: dim < 0 ? new Float32Array(index.size) : data };
}

async function readRaw(file: string, idsFile: string | null, index: Map<string, number>, digest: FileDigest): Promise<Embedding> {
  if (!idsFile) throw inputError('a raw float32 embeddings file needs --embedding-ids FILE (one id per line, same order)', { file });
  const [bytes, idsText] = await Promise.all([readFile(file), readFile(idsFile, 'utf8')]).catch((err) => {
    throw inputError(`cannot read: ${(err as Error).message}`, { file });
  });
  const { createHash } = await import('node:crypto');
  digest.bytes = bytes.length;
  digest.sha256 = createHash('sha256').update(bytes).digest('hex');
  // Keep each id's line number in the ids file (blank lines are skipped, not counted as rows).
  const ids = idsText
    .split(/\r?\n/)
    .map((text, l) => ({ id: text.trim(), line: l + 1 }))
    .filter((entry) => entry.id !== '');
  if (ids.length === 0) throw inputError('ids file is empty', { file: idsFile });
  const floats = bytes.length / 4;
  if (!Number.isInteger(floats) || floats % ids.length !== 0) {
    throw inputError(`${bytes.length} bytes is not ${ids.length} ids × a whole number of float32 values`, { file });
  }
  const dim = floats / ids.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(index.size * dim);
  const seen = new Uint8Array(index.size);
  ids.forEach(({ id, line }, row) => {
    const i = index.get(id);
    if (i === undefined) throw inputError(`id "${truncate(id)}" is not among the conversations`, { file: idsFile, line, field: 'id' });
    if (seen[i]) throw inputError(`duplicate id "${truncate(id)}"`, { file: idsFile, line, field: 'id' });
    seen[i] = 1;
    for (let d = 0; d < dim; d++) {
      const x = view.getFloat32((row * dim + d) * 4, true);
      if (!Number.isFinite(x)) throw inputError(`vector ${row + 1} (id "${truncate(id)}") has a non-finite value`, { file, field: `[${row}][${d}]` });
      data[i * dim + d] = x;
    }
  });
  assertComplete(idsFile, seen, index);
  return { n: index.size, dim, data };
}

function assertComplete(file: string, seen: Uint8Array, index: Map<string, number>): void {
  const missing: string[] = [];
  let count = 0;
  for (const [id, i] of index) {
    if (!seen[i]) {
      count++;
      if (missing.length < 5) missing.push(id);
    }
  }
  if (count) throw inputError(`${count === 1 ? '1 conversation has' : `${count} conversations have`} no vector (e.g. ${missing.join(', ')})`, { file });
}

function normalizeRows(e: Embedding): void {
  for (let i = 0; i < e.n; i++) {
    let s = 0;
    for (let d = 0; d < e.dim; d++) s += e.data[i * e.dim + d] ** 2;
    if (s > 0) {
      const scale = 1 / Math.sqrt(s);
      for (let d = 0; d < e.dim; d++) e.data[i * e.dim + d] *= scale;
    }
  }
}
