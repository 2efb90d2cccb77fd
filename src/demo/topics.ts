/** The catalogue of synthetic topics: every topic a generated conversation can carry in its `topic` field. */
import type { TopicSpec } from './topic-spec.js';
import { HOMEWORK_MATH, PERSONAL_FINANCE, RELATIONSHIPS } from './topics/everyday.js';
import { FICTION_HARMFUL, FICTION_WRITING } from './topics/fiction.js';
import { DRUG_SYNTHESIS, FRAUD_SCAMS, HARASSMENT_HATE, MALWARE, VIOLENT_THREATS, WEAPONS } from './topics/harmful.js';
import { HEALTH, MEDICATION } from './topics/health.js';
import { COOKING, GAMING, TRAVEL } from './topics/leisure.js';
import { BAROMETER_RESTORATION } from './topics/niche.js';
import { SELF_HARM } from './topics/sensitive.js';
import { PROGRAMMING, SECURITY_RESEARCH, SYSADMIN } from './topics/tech.js';

export type { TopicSpec } from './topic-spec.js';

/** Topics drawn at random, in a fixed order (the order is part of the seeded output). */
export const SAMPLED_TOPICS: readonly TopicSpec[] = [
  SYSADMIN,
  PROGRAMMING,
  SECURITY_RESEARCH,
  GAMING,
  COOKING,
  TRAVEL,
  HOMEWORK_MATH,
  PERSONAL_FINANCE,
  RELATIONSHIPS,
  MEDICATION,
  HEALTH,
  FICTION_WRITING,
  FICTION_HARMFUL,
  WEAPONS,
  MALWARE,
  DRUG_SYNTHESIS,
  FRAUD_SCAMS,
  HARASSMENT_HATE,
  VIOLENT_THREATS,
  SELF_HARM,
];

/** The tiny topic used only by planted conversations (fewer than 5 distinct users). */
export const NICHE_TOPIC: TopicSpec = BAROMETER_RESTORATION;

/** Every topic, sampled ones first, then the niche topic. */
export const ALL_TOPICS: readonly TopicSpec[] = [...SAMPLED_TOPICS, NICHE_TOPIC];

/** Every topic name a generated conversation can carry. */
export const TOPIC_NAMES: readonly string[] = ALL_TOPICS.map((t) => t.name);

const byName = new Map(ALL_TOPICS.map((t) => [t.name, t]));

/**
 * Looks a topic up by name.
 * @example
 * topicByName('sysadmin')?.harmful; // false
 */
export function topicByName(name: string): TopicSpec | undefined {
  return byName.get(name);
}

/** Topics named for their planted classifier weaknesses (see classifiers.ts and datasets/demo/README.md). */
export const POCKET_TOPICS = {
  keywordOverFire: [SYSADMIN.name, MEDICATION.name],
  detectorV2Misses: [FICTION_HARMFUL.name],
  detectorV3Regression: [SECURITY_RESEARCH.name],
} as const;

/** Metadata slices planted with a weakness: keyword-v1 over-flags benign conversations from the API channel (classifiers.ts). */
export const POCKET_CHANNELS = {
  keywordOverFire: 'api',
} as const;
