/**
 * Content-addressed on-disk cache of validated results: key = sha256(model, prompt version, canonical JSON
 * of the request), one JSON file per result under `<cacheDir>/anthropic/<2 hex>/<key>.json`, written
 * atomically (temp file + rename) as soon as a call completes, so a crashed run resumes and a rerun makes
 * no API call. Entries hold the validated (scrubbed) output and token usage, never credentials.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const CACHE_SUBDIR = 'anthropic';
const ENTRY_FORMAT = 1;

export interface CacheEntry<T> {
  format: number;
  key: string;
  model: string;
  promptVersion: string;
  output: T;
  createdAt: string;
}

/** JSON with object keys sorted at every depth (undefined members dropped), so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${members.join(',')}}`;
}

/**
 * The cache key of one request (64 hex characters; also a valid batch `custom_id`).
 * @example cacheKey('claude-haiku-4-5', 'facets/v1', { messages: [] }).length // 64
 */
export function cacheKey(model: string, promptVersion: string, request: unknown): string {
  return createHash('sha256').update(`${model}\n${promptVersion}\n${canonicalJson(request)}`).digest('hex');
}

/** The result cache of one cache dir. */
export class ResultCache {
  readonly root: string;

  constructor(cacheDir: string) {
    this.root = join(cacheDir, CACHE_SUBDIR);
  }

  pathFor(key: string): string {
    return join(this.root, key.slice(0, 2), `${key}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.pathFor(key));
  }

  /** The stored output, or undefined when absent or unreadable (a torn or foreign file counts as a miss). */
  async get<T>(key: string): Promise<T | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.pathFor(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(raw) as CacheEntry<T>;
      return entry.format === ENTRY_FORMAT && entry.key === key ? entry.output : undefined;
    } catch {
      return undefined;
    }
  }

  /** Store a validated output atomically. */
  async put<T>(key: string, model: string, promptVersion: string, output: T): Promise<void> {
    const entry: CacheEntry<T> = {
      format: ENTRY_FORMAT,
      key,
      model,
      promptVersion,
      output,
      createdAt: new Date().toISOString(),
    };
    await writeJsonAtomic(this.pathFor(key), entry);
  }
}

/** Write JSON to `path` via a temp file in the same folder and a rename (never a half-written file). */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(value, null, 1));
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
