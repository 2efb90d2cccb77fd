/**
 * misfire's seeded synthetic data generator: conversations with known topics, noisy human labels and three
 * classifiers with planted mis-fire pockets. Used by the shipped demo, the benchmark and tests.
 */
export { CLASSIFIERS, CLASSIFIER_NAMES, flagProbability, isFlagged, type ClassifierSpec } from './classifiers.js';
export {
  CONVERSATIONS_FILE,
  LABELS_FILE,
  VERDICTS_FILE,
  conversationJsonLine,
  labelLine,
  toConversation,
  verdictLines,
} from './format.js';
export {
  LABEL_NOISE_RATE,
  createDemoRng,
  generateConversation,
  generateConversations,
  iterateConversations,
  type Channel,
  type GenerateOptions,
  type GeneratedConversation,
  type PlantedKind,
} from './generate.js';
export { PII_RATE } from './pii.js';
export { PLANT_SIZES, RARE_PROPER_NOUN, createPlan, type DatasetPlan } from './plan.js';
export { ALL_TOPICS, NICHE_TOPIC, POCKET_CHANNELS, POCKET_TOPICS, SAMPLED_TOPICS, TOPIC_NAMES, topicByName, type TopicSpec } from './topics.js';
export { generateDataset, type DatasetSummary, type GenerateDatasetOptions } from './write.js';
