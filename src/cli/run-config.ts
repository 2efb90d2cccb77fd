/** `--config FILE`: a JSON object of run settings (camelCase names) plus per-classifier thresholds. */
import { DEFAULT_SETTINGS, type RunSettings } from '../api/settings.js';
import { MisfireError } from '../errors.js';
import { loadConfigFile } from '../io/read-json.js';

export async function loadRunConfig(file: string): Promise<Partial<RunSettings>> {
  const parsed = await loadConfigFile(file, 'config');
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new MisfireError('config', `unknown setting (known: ${[...known].join(', ')})`, { file, field: key });
  }
  return parsed as Partial<RunSettings>;
}
