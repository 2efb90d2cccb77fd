/**
 * Whether misfire will be able to write an output folder, found out before any work: a folder is created
 * and removed at once where the output's parent is (or would be created), so a path on a virtual or
 * read-only file system (`-o /proc/x`) fails in a moment instead of after the whole run.
 */
import { existsSync } from 'node:fs';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MisfireError } from '../errors.js';

/** The nearest folder at or above `path` that exists (the root at worst). */
function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/**
 * Throw a config error unless a folder can be created next to `target` (an absolute path).
 * @example await assertCanWriteBeside('/proc/misfire-out', '--out'); // throws "cannot write next to /proc/misfire-out (--out): …"
 */
export async function assertCanWriteBeside(target: string, flag: string): Promise<void> {
  const base = nearestExisting(dirname(target));
  const probe = join(base, `.misfire-probe-${process.pid}-${Date.now()}`);
  try {
    if (!(await stat(base)).isDirectory()) throw new Error(`${base} is a file, not a folder`);
    await mkdir(probe);
    await rmdir(probe);
  } catch (err) {
    throw new MisfireError('config', `cannot write next to ${target} (${flag}): ${(err as Error).message}`);
  }
}
