/** The gate rule's settings: config/gate.json (or `--config FILE`) with flag overrides on top. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MisfireError } from '../errors.js';
import { parseGateConfig, resolveGateSettings } from '../gate/settings.js';
import type { GateSettings } from '../gate/types.js';

/** The defaults shipped with misfire (kept under version control). */
export const DEFAULT_GATE_CONFIG = fileURLToPath(new URL('../../config/gate.json', import.meta.url));

/**
 * Read a gate config file (default: the shipped config/gate.json) and apply flag overrides.
 * @example
 * await loadGateSettings(null, { max_increase: 0.1 }); // { max_increase: 0.1, alpha: 0.05, min_support: 20, max_overall_increase: 0.01 }
 */
export async function loadGateSettings(file: string | null, overrides: Partial<GateSettings>): Promise<GateSettings> {
  const path = file ?? DEFAULT_GATE_CONFIG;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new MisfireError('config', `cannot read gate config: ${(err as Error).message}`, { file: path });
  }
  return resolveGateSettings(parseGateConfig(parsed, path), overrides);
}
