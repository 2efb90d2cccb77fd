/** The gate rule's settings: config/gate.json (or `--config FILE`) with flag overrides on top. */
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../io/read-json.js';
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
  return resolveGateSettings(parseGateConfig(await loadConfigFile(path, 'gate config'), path), overrides);
}
