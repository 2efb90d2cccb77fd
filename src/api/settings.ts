/** Every setting of a run, with defaults; recorded in run.json. */
import { configError } from '../errors.js';
import { MAX_LEVELS } from '../clustering/hierarchy.js';
import type { RunSettings } from '../types.js';
import { DEFAULT_PROVIDER } from '../providers/names.js';
import { jsonPreview } from '../json-text.js';
import { SEMANTIC_WEIGHT } from '../embedding/semantic.js';

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
  judge: 'prompt',
  embedder: 'semantic',
  semanticWeight: SEMANTIC_WEIGHT,
  permutations: 49,
  sliceBy: null,
  cross: false,
};

export const JUDGE_CHOICES: readonly RunSettings['judge'][] = ['prompt', 'response', 'conversation'];
export const EMBEDDER_CHOICES: readonly RunSettings['embedder'][] = ['semantic', 'lsa'];

/**
 * Merge overrides onto the defaults and reject impossible values with a config error that quotes the value
 * as given (a config file may hold a string where a number belongs).
 */
export function resolveSettings(overrides: Partial<RunSettings> = {}): RunSettings {
  const s: RunSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(overrides) };
  const int = (name: keyof RunSettings, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const v: unknown = s[name];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) {
      throw configError(`--${kebab(name)} must be a whole number from ${min} to ${max}, got ${jsonPreview(v)}`);
    }
  };
  const number = (name: keyof RunSettings, low: number, high: number, bounds: string) => {
    const v: unknown = s[name];
    if (!(typeof v === 'number' && v >= low && v <= high && !(bounds === 'exclusive' && (v === low || v === high)))) {
      throw configError(`--${kebab(name)} must be between ${low} and ${high}${bounds === 'exclusive' ? ' (exclusive)' : ''}, got ${jsonPreview(v)}`);
    }
  };
  int('seed', 0, 2 ** 32 - 1);
  if (s.k !== null) int('k', 1);
  int('levels', 1, MAX_LEVELS);
  int('embeddingDim', 2, 1024);
  int('minUsers', 1);
  int('minConversations', 1);
  int('minSupport', 0);
  int('examplesPerCluster', 0, 50);
  int('permutations', 0, 9999);
  const choice = <T extends string>(name: keyof RunSettings, choices: readonly T[]) => {
    if (!choices.includes(s[name] as T)) throw configError(`--${kebab(name)} must be one of ${choices.join(', ')}, got ${jsonPreview(s[name])}`);
  };
  choice('judge', JUDGE_CHOICES);
  choice('embedder', EMBEDDER_CHOICES);
  number('alpha', 0, 1, 'exclusive');
  number('minEffect', 0, 1, 'inclusive');
  number('semanticWeight', 0, 1, 'inclusive');
  if (s.threshold !== null && !(typeof s.threshold === 'number' && Number.isFinite(s.threshold))) {
    throw configError(`--threshold must be a number, got ${jsonPreview(s.threshold)}`);
  }
  if (typeof s.allowMissing !== 'boolean') throw configError(`--allow-missing must be true or false, got ${jsonPreview(s.allowMissing)}`);
  if (typeof s.cross !== 'boolean') throw configError(`--cross must be true or false, got ${jsonPreview(s.cross)}`);
  checkSliceBy(s.sliceBy);
  if (typeof s.provider !== 'string') throw configError(`--provider must be a provider name, got ${jsonPreview(s.provider)}`);
  const thresholds: unknown = s.thresholds;
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    throw configError(`"thresholds" must be an object of classifier name → threshold, got ${jsonPreview(thresholds)}`);
  }
  for (const [name, t] of Object.entries(thresholds)) {
    if (!(typeof t === 'number' && Number.isFinite(t))) throw configError(`threshold for classifier ${jsonPreview(name)} must be a number, got ${jsonPreview(t)}`);
  }
  return s;
}

/**
 * The per-classifier thresholds as a lookup (classifier names are user data: never look them up on an object).
 * @example thresholdsByClassifier({ 'filter-a': 0.4 }).get('filter-a'); // 0.4
 */
export function thresholdsByClassifier(thresholds: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  return new Map(Object.entries(thresholds));
}

/** `sliceBy`: null (the default rule) or a list of distinct, non-empty field names. */
function checkSliceBy(sliceBy: unknown): void {
  if (sliceBy === null) return;
  if (!Array.isArray(sliceBy) || sliceBy.length === 0 || !sliceBy.every((f) => typeof f === 'string' && f.trim() !== '')) {
    throw configError(`--slice-by must name one or more fields (e.g. channel,language), got ${jsonPreview(sliceBy)}`);
  }
  const twice = sliceBy.find((f, i) => sliceBy.indexOf(f) !== i);
  if (twice !== undefined) throw configError(`--slice-by names the field ${JSON.stringify(twice)} twice: give each field once`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
