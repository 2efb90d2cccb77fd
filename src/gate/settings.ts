/** Gate settings: merge config values and flag overrides onto the defaults, and reject impossible values. */
import { MisfireError } from '../errors.js';
import { jsonPreview } from '../json-text.js';
import { DEFAULT_GATE_SETTINGS, type GateSettings } from './types.js';

const KEYS = Object.keys(DEFAULT_GATE_SETTINGS) as (keyof GateSettings)[];

/**
 * Check a parsed config object (from config/gate.json or `--config`): only known keys, numbers only.
 * @example
 * parseGateConfig({ max_increase: 0.1 }, 'gate.json'); // { max_increase: 0.1 }
 */
export function parseGateConfig(value: unknown, file: string): Partial<GateSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MisfireError('config', 'gate config must be a JSON object', { file });
  }
  const out: Partial<GateSettings> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$comment' || key === 'description') continue;
    if (!KEYS.includes(key as keyof GateSettings)) {
      throw new MisfireError('config', `unknown gate setting (known: ${KEYS.join(', ')})`, { file, field: key });
    }
    if (typeof v !== 'number') throw new MisfireError('config', `must be a number, got ${jsonPreview(v)}`, { file, field: key });
    out[key as keyof GateSettings] = v;
  }
  return out;
}

/** Defaults ← config ← flags (undefined entries ignored), validated. */
export function resolveGateSettings(...layers: Partial<GateSettings>[]): GateSettings {
  const merged: GateSettings = { ...DEFAULT_GATE_SETTINGS };
  for (const layer of layers) {
    for (const key of KEYS) if (layer[key] !== undefined) merged[key] = layer[key] as number;
  }
  return validateGateSettings(merged);
}

/** Throw a config error unless every setting is in range. Returns a copy in canonical key order. */
export function validateGateSettings(s: GateSettings): GateSettings {
  const fraction = (key: keyof GateSettings) => {
    if (!(Number.isFinite(s[key]) && s[key] >= 0 && s[key] <= 1)) throw new MisfireError('config', `gate setting ${key} must be between 0 and 1, got ${s[key]}`);
  };
  fraction('max_increase');
  fraction('max_overall_increase');
  if (!(s.alpha > 0 && s.alpha < 1)) throw new MisfireError('config', `gate setting alpha must be between 0 and 1 (exclusive), got ${s.alpha}`);
  if (!(Number.isInteger(s.min_support) && s.min_support >= 1)) {
    throw new MisfireError('config', `gate setting min_support must be a whole number ≥ 1, got ${s.min_support}`);
  }
  return { max_increase: s.max_increase, alpha: s.alpha, min_support: s.min_support, max_overall_increase: s.max_overall_increase };
}
