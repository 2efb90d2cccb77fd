/** `--config FILE`: a JSON object of run settings (camelCase names) plus per-classifier thresholds. */
import { readFile } from 'node:fs/promises';
import { DEFAULT_SETTINGS, type RunSettings } from '../api/settings.js';
import { MisfireError } from '../errors.js';

export async function loadRunConfig(file: string): Promise<Partial<RunSettings>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new MisfireError('config', `cannot read config: ${(err as Error).message}`, { file });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MisfireError('config', 'config must be a JSON object', { file });
  }
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new MisfireError('config', `unknown setting (known: ${[...known].join(', ')})`, { file, field: key });
  }
  return parsed as Partial<RunSettings>;
}
