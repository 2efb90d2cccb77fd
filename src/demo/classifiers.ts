/**
 * Synthetic safety classifiers with planted weaknesses ("mis-fire pockets").
 *
 * Each classifier flags benign content with its false-positive rate and misses harmful content with its
 * false-negative rate, both overridable per topic. Scores are logit-normal (a Beta-like shape on (0, 1)):
 * `score = sigmoid(mu + spread * z)` with `mu = spread * probit(pFlag)`, so `P(score >= 0.5) = pFlag` exactly.
 * A latent draw shared by all classifiers of one conversation correlates their mistakes, as real models
 * trained on similar data do.
 */
import type { Rng } from '../random.js';
import type { TopicSpec } from './topic-spec.js';

export interface ClassifierSpec {
  name: string;
  /** P(flagged) for benign content outside the pockets. */
  falsePositiveRate: number;
  /** P(not flagged) for harmful content outside the pockets. */
  falseNegativeRate: number;
  /** Per-topic false-positive rates (the over-firing pockets). */
  topicFalsePositiveRate: Readonly<Record<string, number>>;
  /** Per-topic false-negative rates (the missing pockets). */
  topicFalseNegativeRate: Readonly<Record<string, number>>;
  /** Per-channel false-positive rates for benign content outside the topic pockets (a metadata slice pocket). */
  channelFalsePositiveRate: Readonly<Record<string, number>>;
  /** How much of the latent draw is shared with the other classifiers, in [0, 1). */
  sharedLoading: number;
  /** Spread of the logit; larger = scores closer to 0 and 1. */
  spread: number;
}

/** The classifiers written to verdicts.csv, in row order. */
export const CLASSIFIERS: readonly ClassifierSpec[] = [
  {
    name: 'keyword-v1',
    falsePositiveRate: 0.06,
    falseNegativeRate: 0.12,
    topicFalsePositiveRate: { sysadmin: 0.55, medication: 0.45 },
    topicFalseNegativeRate: {},
    channelFalsePositiveRate: { api: 0.2 },
    sharedLoading: 0.3,
    spread: 2.2,
  },
  {
    name: 'detector-v2',
    falsePositiveRate: 0.05,
    falseNegativeRate: 0.09,
    topicFalsePositiveRate: {},
    topicFalseNegativeRate: { 'fiction-harmful': 0.62 },
    channelFalsePositiveRate: {},
    sharedLoading: 0.6,
    spread: 1.8,
  },
  {
    name: 'detector-v3',
    falsePositiveRate: 0.035,
    falseNegativeRate: 0.06,
    topicFalsePositiveRate: { 'security-research': 0.5 },
    topicFalseNegativeRate: { 'fiction-harmful': 0.5 },
    channelFalsePositiveRate: {},
    sharedLoading: 0.6,
    spread: 1.8,
  },
];

/** Classifier names in verdicts.csv row order. */
export const CLASSIFIER_NAMES: readonly string[] = CLASSIFIERS.map((c) => c.name);

/**
 * The planted probability that `spec` flags content of `topic` arriving through `channel` (harmful = the
 * content truth, not the noisy label). A topic's own rate wins over the channel's.
 * @example
 * flagProbability(CLASSIFIERS[0], topicByName('sysadmin')!); // 0.55
 * flagProbability(CLASSIFIERS[0], topicByName('cooking')!, 'api'); // 0.2
 */
export function flagProbability(spec: ClassifierSpec, topic: TopicSpec, channel?: string): number {
  if (topic.harmful) return 1 - (spec.topicFalseNegativeRate[topic.name] ?? spec.falseNegativeRate);
  const byChannel = channel === undefined ? undefined : spec.channelFalsePositiveRate[channel];
  return spec.topicFalsePositiveRate[topic.name] ?? byChannel ?? spec.falsePositiveRate;
}

/** Logit means per classifier, by topic and channel. */
const logitMeans = new Map<TopicSpec, Map<string, Float64Array>>();

function meansFor(topic: TopicSpec, channel: string): Float64Array {
  let byChannel = logitMeans.get(topic);
  if (!byChannel) logitMeans.set(topic, (byChannel = new Map()));
  let means = byChannel.get(channel);
  if (!means) {
    means = Float64Array.from(CLASSIFIERS, (spec) => spec.spread * probit(flagProbability(spec, topic, channel)));
    byChannel.set(channel, means);
  }
  return means;
}

/**
 * Draws one score per classifier (CLASSIFIERS order) for a conversation on `topic` from `channel`, rounded to
 * 4 decimals. Consumes 1 + CLASSIFIERS.length normal draws from `rng` (the channel changes no draw).
 */
export function drawScores(topic: TopicSpec, rng: Rng, channel = ''): number[] {
  const means = meansFor(topic, channel);
  const shared = rng.normal();
  const scores: number[] = new Array(CLASSIFIERS.length);
  for (let k = 0; k < CLASSIFIERS.length; k++) {
    const spec = CLASSIFIERS[k];
    const own = rng.normal();
    const z = spec.sharedLoading * shared + Math.sqrt(1 - spec.sharedLoading ** 2) * own;
    const score = 1 / (1 + Math.exp(-(means[k] + spec.spread * z)));
    scores[k] = Math.round(score * 1e4) / 1e4;
  }
  return scores;
}

/** flagged = score ≥ 0.5 (on the rounded score, so the CSV is self-consistent). */
export function isFlagged(score: number): boolean {
  return score >= 0.5;
}

/**
 * Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 * @example
 * probit(0.975); // ≈ 1.95996
 */
export function probit(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p > 1 - PROBIT_TAIL) return -probit(1 - p);
  if (p < PROBIT_TAIL) {
    const q = Math.sqrt(-2 * Math.log(p));
    return horner(PROBIT_C, q) / (horner(PROBIT_D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (horner(PROBIT_A, r) * q) / (horner(PROBIT_B, r) * r + 1);
}

const PROBIT_TAIL = 0.02425;
const PROBIT_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const PROBIT_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const PROBIT_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const PROBIT_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Evaluates a polynomial with coefficients from the highest power down. */
function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}
