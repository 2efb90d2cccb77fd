/**
 * The pure core of the demo generator: one seeded stream of conversations with ground-truth topics,
 * noisy human labels and synthetic classifier scores. No I/O here (see write.ts for files).
 */
import { cumulativeWeights, mulberry32, pickCumulative, splitmix32, type Rng } from '../random.js';
import type { Message } from '../types.js';
import { drawScores } from './classifiers.js';
import { PII_RATE, piiSentence } from './pii.js';
import { createPlan, formatConversationId, formatUserId, validateSizeAndSeed, type DatasetPlan } from './plan.js';
import { RARE_NOUN_MESSAGES } from './rare-noun.js';
import { capitalize, fillTemplate } from './template.js';
import { NICHE_TOPIC, SAMPLED_TOPICS, topicByName, type TopicSpec } from './topics.js';
import { CLOSERS, OPENERS } from './topics/shared-slots.js';

/** Share of labels flipped relative to the topic's ground truth (annotator noise). */
export const LABEL_NOISE_RATE = 0.02;

/**
 * The demo generator's random stream for `seed`: mulberry32 from the seed mixed once by splitmix32 (so
 * nearby seeds give unrelated datasets), with `1 − u` as Box–Muller's radial uniform.
 * @example
 * const rng = createDemoRng(7);
 * rng.next(); // same value for every run with seed 7
 */
export function createDemoRng(seed: number): Rng {
  return mulberry32(splitmix32(seed >>> 0), { radialUniform: 'complement' });
}

export type Channel = 'web' | 'api' | 'mobile';
const CHANNELS: readonly Channel[] = ['web', 'api', 'mobile'];
const CHANNEL_CUMULATIVE = cumulativeWeights([0.55, 0.25, 0.2]);
const TOPIC_CUMULATIVE = cumulativeWeights(SAMPLED_TOPICS.map((t) => t.weight));
const QUESTION_START = /^(how|what|why|is|can|should|do|does|which|where|when|who|any|will|are|i have|i think)\b/i;

export type PlantedKind = 'rare-noun' | 'niche' | 'pii';

export interface GeneratedConversation {
  index: number;
  id: string;
  userId: string;
  /** Ground-truth topic (written as the `topic` metadata field). */
  topic: string;
  channel: Channel;
  /** Plausible concerning-ness, 1–5. */
  concern: number;
  messages: Message[];
  /** Human label: 1 = harmful, should be flagged (includes ~2 % label noise). */
  label: 0 | 1;
  /** Harm category when label is 1, else ''. */
  category: string;
  /** True when the content is harmful (the topic's truth before label noise). */
  harmfulContent: boolean;
  /** One score per classifier, in CLASSIFIERS order, rounded to 4 decimals. */
  scores: number[];
  /** What was planted in this conversation for privacy tests, if anything. */
  planted: PlantedKind | null;
}

export interface GenerateOptions {
  n: number;
  seed: number;
}

/**
 * Generates conversation `index`. Pure given the rng state: call it for index 0, 1, 2, … in order with one
 * rng (after `createPlan` consumed its draws) to reproduce a dataset exactly.
 */
export function generateConversation(index: number, rng: Rng, plan: DatasetPlan): GeneratedConversation {
  const plant = plan.plants.get(index);
  const userNumber = plant ? plant.userNumber : plan.userOfRank[pickCumulative(plan.rankCumulative, rng)];
  let topic: TopicSpec;
  let firstText: string;
  let firstReply: string | null = null;
  let watchedCategory: string | undefined;
  let planted: PlantedKind | null = plant ? plant.kind : null;

  if (plant?.kind === 'rare-noun') {
    const message = RARE_NOUN_MESSAGES[plant.variant % RARE_NOUN_MESSAGES.length];
    topic = topicByName(message.topic) ?? NICHE_TOPIC;
    firstText = capitalize(message.text);
    firstReply = message.reply;
  } else {
    topic = plant?.kind === 'niche' ? NICHE_TOPIC : SAMPLED_TOPICS[pickCumulative(TOPIC_CUMULATIVE, rng)];
    const filled = fillTemplate(rng.pick(topic.templates), topic.slots, rng, topic.categorySlot);
    watchedCategory = filled.watched?.split('|')[0];
    firstText = decorate(filled.text, rng);
    if (!plant && rng.chance(PII_RATE)) {
      firstText += piiSentence(rng).sentence;
      planted = 'pii';
    }
  }

  const messages: Message[] = [{ role: 'user', content: firstText }];
  const shape = rng.next();
  if (shape >= 0.15) messages.push({ role: 'assistant', content: firstReply ?? rng.pick(topic.replies) });
  if (shape >= 0.75) {
    messages.push({ role: 'user', content: capitalize(fillTemplate(rng.pick(topic.followUps), topic.slots, rng).text) });
  }
  if (shape >= 0.93) messages.push({ role: 'assistant', content: rng.pick(topic.replies) });

  const channel = CHANNELS[pickCumulative(CHANNEL_CUMULATIVE, rng)];
  const [low, high] = topic.concern;
  const concern = low + rng.int(high - low + 1);
  const flipped = plant ? false : rng.chance(LABEL_NOISE_RATE);
  const label: 0 | 1 = topic.harmful !== flipped ? 1 : 0;
  const category = label === 1 ? (watchedCategory ?? topic.category) : '';

  return {
    index,
    id: formatConversationId(plan, index),
    userId: formatUserId(plan, userNumber),
    topic: topic.name,
    channel,
    concern,
    messages,
    label,
    category,
    harmfulContent: topic.harmful,
    scores: drawScores(topic, rng, channel),
    planted,
  };
}

/** Adds an opener, end punctuation, capitalisation and a closer, the way people type. */
function decorate(body: string, rng: Rng): string {
  const opener = rng.pick(OPENERS);
  let text = opener === '' ? (rng.chance(0.6) ? capitalize(body) : body) : opener + body;
  if (!/[?.!"]$/.test(text)) {
    text += QUESTION_START.test(body) ? rng.pick(['?', '?', '?', '', '??']) : rng.pick(['', '.', '.', '!']);
  }
  return text + rng.pick(CLOSERS);
}

/**
 * Lazily yields the `n` conversations of the dataset for `seed`, in id order. Same options → same sequence.
 * @example
 * for (const c of iterateConversations({ n: 10, seed: 7 })) console.log(c.id, c.topic);
 */
export function* iterateConversations(options: GenerateOptions): Generator<GeneratedConversation> {
  validateSizeAndSeed(options.n, options.seed);
  const rng = createDemoRng(options.seed);
  const plan = createPlan(options.n, rng);
  for (let i = 0; i < options.n; i++) yield generateConversation(i, rng, plan);
}

/**
 * All `n` conversations in memory (for tests and small experiments; use `generateDataset` for big n).
 * @example
 * const conversations = generateConversations({ n: 3000, seed: 7 });
 * conversations[0].topic; // ground-truth topic of c000000
 */
export function generateConversations(options: GenerateOptions): GeneratedConversation[] {
  return [...iterateConversations(options)];
}
