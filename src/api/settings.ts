/** Every setting of a run, with defaults; recorded in run.json. */
import { configError } from '../errors.js';
import { MAX_LEVELS } from '../clustering/hierarchy.js';
import type { RunSettings } from '../types.js';
import { DEFAULT_PROVIDER } from '../providers/names.js';

export type { RunSettings } from '../types.js';

export const DEFAULT_SETTINGS: RunSettings = {
  seed: 42,
  provider: DEFAULT_PROVIDER,
  k: null,
  levels: 2,
  embeddingDim: 128,
  minUsers: 5,
  minConversations: 5,
  alpha: 0.05,
  minEffect: 0.05,
  minSupport: 20,
  threshold: null,
  thresholds: {},
  allowMissing: false,
  examplesPerCluster: 10,
};

/** Merge overrides onto the defaults and reject impossible values with a config error. */
export function resolveSettings(overrides: Partial<RunSettings> = {}): RunSettings {
  const s: RunSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(overrides) };
  const int = (name: keyof RunSettings, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const v = s[name] as number;
    if (!Number.isInteger(v) || v < min || v > max) throw configError(`--${kebab(name)} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  const prob = (name: keyof RunSettings, v: number | null) => {
    if (v !== null && !(v >= 0 && v <= 1)) throw configError(`--${kebab(name)} must be between 0 and 1, got ${v}`);
  };
  int('seed', 0, 2 ** 32 - 1);
  if (s.k !== null) int('k', 1);
  int('levels', 1, MAX_LEVELS);
  int('embeddingDim', 2, 1024);
  int('minUsers', 1);
  int('minConversations', 1);
  int('minSupport', 0);
  int('examplesPerCluster', 0, 50);
  if (!(s.alpha > 0 && s.alpha < 1)) throw configError(`--alpha must be between 0 and 1 (exclusive), got ${s.alpha}`);
  prob('minEffect', s.minEffect);
  if (s.threshold !== null && !Number.isFinite(s.threshold)) throw configError(`--threshold must be a number, got ${s.threshold}`);
  for (const [name, t] of Object.entries(s.thresholds)) {
    if (!Number.isFinite(t)) throw configError(`threshold for classifier "${name}" must be a number, got ${t}`);
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
