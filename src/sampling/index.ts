/**
 * The labelling-budget planner behind `misfire sample`: which conversations to send to human review so that
 * every leaf cluster's false-positive and false-negative rates can be estimated, with most of the budget
 * where those rates are most uncertain. Pure: conversations in, a sample plan out.
 */
import { configError } from '../errors.js';
import { createRng, deriveSeed } from '../random.js';
import { neymanAllocation } from './allocate.js';
import { drawWithinStrata } from './draw.js';
import { DEFAULT_ERROR_PRIOR, plausibleErrorShares, type ErrorPrior } from './plausible-errors.js';
import { buildStrata, type StratumVerdict } from './strata.js';
import { stratumSpreads } from './stratum-spread.js';

export { buildStrata, stratumName, type Strata, type StratumVerdict } from './strata.js';
export { DEFAULT_ERROR_PRIOR, type ErrorPrior } from './plausible-errors.js';

/** Default least number of conversations drawn from each stratum (all of a smaller one): two give a variance. */
export const DEFAULT_MIN_PER_STRATUM = 2;

export interface SampleInput {
  /** Leaf cluster index of each conversation. */
  leafOf: Int32Array;
  leafIds: readonly string[];
  /** The classifier's verdict per conversation: 1 flagged, 0 not, −1 none. */
  flagged: Int8Array;
  /** Labels the run already has (1 harmful, 0 benign, −1 unknown), or null. */
  labels: Int8Array | null;
  budget: number;
  seed: number;
  minPerStratum?: number;
  /** How much a missed harmful conversation costs against a wrongly flagged benign one (default 1). */
  fnCost?: number;
  prior?: ErrorPrior;
}

export interface StratumPlan {
  name: string;
  /** The leaf cluster and verdict of the stratum (null for the single stratum of a uniform sample). */
  leafId: string | null;
  verdict: StratumVerdict | null;
  /** N_h. */
  population: number;
  /** n_h. */
  sampled: number;
  /** n_h / N_h. */
  inclusionProbability: number;
  /** The plausible share of wrong verdicts the allocation assumed (null without a verdict). */
  errorShare: number | null;
  /** S_h. */
  spread: number;
}

export interface SamplePlan {
  strata: StratumPlan[];
  /** The chosen conversations, ascending, with their stratum (an index into `strata`). */
  picks: { index: number; stratum: number }[];
}

/**
 * Refuse a budget, floor or cost that cannot be planned with (usage errors, before any work).
 * @example validateSampleSettings({ budget: 0 }); // throws "--budget must be a whole number ≥ 1, got 0"
 */
export function validateSampleSettings(settings: { budget: number; minPerStratum?: number; fnCost?: number; seed?: number }): void {
  const { budget, minPerStratum = DEFAULT_MIN_PER_STRATUM, fnCost = 1, seed = 0 } = settings;
  if (!(Number.isInteger(budget) && budget >= 1)) throw configError(`--budget must be a whole number ≥ 1, got ${budget}`);
  if (!(Number.isInteger(minPerStratum) && minPerStratum >= 1)) throw configError(`--min-per-stratum must be a whole number ≥ 1, got ${minPerStratum}`);
  if (!(fnCost > 0 && Number.isFinite(fnCost))) throw configError(`--fn-cost must be a number above 0, got ${fnCost}`);
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1)) throw configError(`--seed must be a whole number from 0 to 4294967295, got ${seed}`);
}

/**
 * Plan a stratified sample of `budget` conversations: strata = leaf cluster × verdict, n_h from
 * `neymanAllocation` with S_h from `stratumSpreads` and a floor of min(N_h, minPerStratum), then a simple
 * random sample inside each stratum (seeded).
 * @example
 * const plan = planSample({ leafOf, leafIds, flagged, labels: null, budget: 150, seed: 42 });
 * plan.picks.length; // 150
 */
export function planSample(input: SampleInput): SamplePlan {
  validateSampleSettings(input);
  const minPer = input.minPerStratum ?? DEFAULT_MIN_PER_STRATUM;
  const fnCost = input.fnCost ?? 1;
  const strata = buildStrata(input.leafOf, input.leafIds, input.flagged);
  const sizes = strata.members.map((m) => m.length);
  const floors = sizes.map((size) => Math.min(size, minPer));
  const floorTotal = floors.reduce((a, b) => a + b, 0);
  if (input.budget < floorTotal && input.budget < input.leafOf.length) {
    throw configError(
      `--budget ${input.budget} is below the floor: the ${strata.names.length} strata (${input.leafIds.length} leaf clusters × verdict) need ` +
        `${floorTotal} conversations with --min-per-stratum ${minPer}; raise --budget to at least ${floorTotal}` +
        (minPer > 1 ? ' or lower --min-per-stratum' : ''),
    );
  }
  const shares = plausibleErrorShares(strata, input.labels, input.prior ?? DEFAULT_ERROR_PRIOR);
  const spreads = stratumSpreads(strata, shares, input.leafOf.length, fnCost);
  const counts = neymanAllocation(sizes, spreads, floors, input.budget);
  const drawn = drawWithinStrata(strata.members, counts, createRng(deriveSeed(input.seed, 'sample')));
  const picks = drawn.flatMap((members, stratum) => Array.from(members, (index) => ({ index, stratum }))).sort((a, b) => a.index - b.index);
  return {
    strata: strata.names.map((name, h) => ({
      name,
      leafId: input.leafIds[strata.leaf[h]],
      verdict: strata.verdict[h],
      population: sizes[h],
      sampled: counts[h],
      inclusionProbability: counts[h] / sizes[h],
      errorShare: Number.isNaN(shares[h]) ? null : shares[h],
      spread: spreads[h],
    })),
    picks,
  };
}

/**
 * A simple random sample of `budget` of `n` conversations as one stratum named `all` (what uniform random
 * sampling gives; the benchmark compares it with `planSample`).
 * @example planUniformSample(3000, 150, 1).strata[0].inclusionProbability; // 0.05
 */
export function planUniformSample(n: number, budget: number, seed: number): SamplePlan {
  const take = Math.min(n, budget);
  const [members] = drawWithinStrata([Int32Array.from({ length: n }, (_, i) => i)], Int32Array.of(take), createRng(deriveSeed(seed, 'sample')));
  return {
    strata: [{ name: 'all', leafId: null, verdict: null, population: n, sampled: take, inclusionProbability: take / n, errorShare: null, spread: 0 }],
    picks: Array.from(members, (index) => ({ index, stratum: 0 })),
  };
}
