/** Reading JSON files: run artifacts and config files. */
import { readFile } from 'node:fs/promises';
import { MisfireError, type MisfireErrorCode } from '../errors.js';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/**
 * Parse a JSON file. An unreadable file or invalid JSON throws a MisfireError with `code` that names the file.
 * @example
 * await readJson('reports/demo/run.json', 'run.json'); // { schema: 'misfire.run/v1', … }
 * await readJson('gate.json', 'gate config', 'config'); // throws "gate.json: cannot read gate config: no such file"
 */
export async function readJson(file: string, what: string, code: MisfireErrorCode = 'input'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const errno = (err as { code?: string }).code ?? '';
    throw new MisfireError(code, `cannot read ${what}: ${FS_REASONS[errno] ?? (err as Error).message}`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MisfireError(code, `not valid JSON (truncated or hand-edited?): ${(err as Error).message}`, { file });
  }
}

/**
 * Read a config file (`misfire run --config`, the gate's config/gate.json): a JSON object, else a config error.
 * @example
 * await loadConfigFile('misfire.config.json', 'config'); // { seed: 7, thresholds: { 'filter-a': 0.4 } }
 */
export async function loadConfigFile(file: string, what: string): Promise<Record<string, unknown>> {
  const parsed = await readJson(file, what, 'config');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MisfireError('config', `${what} must be a JSON object`, { file });
  }
  return parsed as Record<string, unknown>;
}
