/** Files named twice by a repeatable flag (`-v f -v f`) are the same input, not two: refused before reading. */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { configError } from '../errors.js';

/** The path a file name stands for: symbolic links and `./` resolved when the file exists. */
function identity(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/**
 * Throw a config error when two of `files` are the same file.
 * @example assertDistinctFiles('--verdicts', ['v.csv', './v.csv']); // throws '--verdicts names the same file twice: "v.csv" and "./v.csv"…'
 */
export function assertDistinctFiles(flag: string, files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = identity(file);
    const first = seen.get(key);
    if (first !== undefined) {
      const named = first === file ? `"${file}"` : `"${first}" and "${file}"`;
      throw configError(`${flag} names the same file twice: ${named}; give each file once`);
    }
    seen.set(key, file);
  }
}
