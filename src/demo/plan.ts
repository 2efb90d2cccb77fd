/**
 * The per-dataset plan drawn before any conversation: the Zipf-skewed user pool and the planted
 * conversations (a rare proper noun used by exactly 2 users, a niche topic with 3 users).
 */
import { configError } from '../errors.js';
import { type Rng } from '../random.js';

/** A made-up surname that appears only in planted conversations of exactly two users. */
export const RARE_PROPER_NOUN = 'Quenbrook';

/** How many planted conversations and distinct users each plant gets (independent of n). */
export const PLANT_SIZES = {
  rareNounConversations: 4,
  rareNounUsers: 2,
  nicheConversations: 12,
  nicheUsers: 3,
} as const;

/** Below this many conversations nothing is planted (there would be too little room). */
export const MIN_CONVERSATIONS_FOR_PLANTS = 100;

/** Users in the pool per conversation; about 80 % of the pool ends up with at least one conversation. */
const USER_POOL_RATIO = 0.3;
const ZIPF_EXPONENT = 0.8;
const ZIPF_OFFSET = 2;

export type Plant =
  | { kind: 'rare-noun'; userNumber: number; variant: number }
  | { kind: 'niche'; userNumber: number };

export interface DatasetPlan {
  n: number;
  /** Number of possible users; user numbers are 0 … userPoolSize-1. */
  userPoolSize: number;
  /** Cumulative Zipf weights over activity ranks. */
  rankCumulative: Float64Array;
  /** Activity rank → user number (a random permutation, so ids do not reveal activity). */
  userOfRank: Int32Array;
  userIdWidth: number;
  conversationIdWidth: number;
  /** Conversation index → planted content. */
  plants: ReadonlyMap<number, Plant>;
}

/** Throws a config error unless `n` is a positive integer and `seed` a finite integer. */
export function validateSizeAndSeed(n: number, seed: number): void {
  if (!Number.isInteger(n) || n < 1) throw configError(`demo generator: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(seed)) throw configError(`demo generator: seed must be an integer, got ${seed}`);
}

/**
 * Draws the plan for `n` conversations. Consumes draws from `rng`, so call it once, before generating.
 * @example
 * const rng = createDemoRng(7);
 * const plan = createPlan(3000, rng);
 * plan.plants.size; // 16
 */
export function createPlan(n: number, rng: Rng): DatasetPlan {
  const userPoolSize = Math.max(PLANT_SIZES.nicheUsers + PLANT_SIZES.rareNounUsers, Math.round(n * USER_POOL_RATIO));
  const rankCumulative = new Float64Array(userPoolSize);
  let total = 0;
  for (let rank = 0; rank < userPoolSize; rank++) {
    total += 1 / Math.pow(rank + 1 + ZIPF_OFFSET, ZIPF_EXPONENT);
    rankCumulative[rank] = total;
  }
  const userOfRank = new Int32Array(userPoolSize);
  for (let i = 0; i < userPoolSize; i++) userOfRank[i] = i;
  for (let i = userPoolSize - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = userOfRank[i];
    userOfRank[i] = userOfRank[j];
    userOfRank[j] = tmp;
  }
  return {
    n,
    userPoolSize,
    rankCumulative,
    userOfRank,
    userIdWidth: Math.max(4, String(userPoolSize - 1).length),
    conversationIdWidth: Math.max(6, String(n - 1).length),
    plants: n >= MIN_CONVERSATIONS_FOR_PLANTS ? drawPlants(n, userPoolSize, rng) : new Map(),
  };
}

function drawPlants(n: number, userPoolSize: number, rng: Rng): Map<number, Plant> {
  const plants = new Map<number, Plant>();
  const freeIndex = (): number => {
    for (;;) {
      const index = rng.int(n);
      if (!plants.has(index)) return index;
    }
  };
  const rareUsers = distinctInts(PLANT_SIZES.rareNounUsers, userPoolSize, rng);
  for (let k = 0; k < PLANT_SIZES.rareNounConversations; k++) {
    plants.set(freeIndex(), { kind: 'rare-noun', userNumber: rareUsers[k % rareUsers.length], variant: k });
  }
  const nicheUsers = distinctInts(PLANT_SIZES.nicheUsers, userPoolSize, rng);
  for (let k = 0; k < PLANT_SIZES.nicheConversations; k++) {
    plants.set(freeIndex(), { kind: 'niche', userNumber: nicheUsers[k % nicheUsers.length] });
  }
  return plants;
}

function distinctInts(count: number, maxExclusive: number, rng: Rng): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(rng.int(maxExclusive));
  return [...picked];
}

/** User id such as `u0042` (zero-padded to the pool size). */
export function formatUserId(plan: DatasetPlan, userNumber: number): string {
  return 'u' + String(userNumber).padStart(plan.userIdWidth, '0');
}

/** Conversation id such as `c000123` (zero-padded to n). */
export function formatConversationId(plan: DatasetPlan, index: number): string {
  return 'c' + String(index).padStart(plan.conversationIdWidth, '0');
}
