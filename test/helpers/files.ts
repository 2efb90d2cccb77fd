/** Files on disk, for tests that look at everything a run or a cache wrote. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file under `dir`, recursively, in sorted order; none when `dir` does not exist.
 * @example
 * listFiles(join(cacheDir, 'anthropic', 'batches')); // []
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}
