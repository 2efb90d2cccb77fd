/** The options of `misfire run`, each with a description that teaches; defaults shown come from the settings. */
import type { ArgumentsCamelCase, InferredOptionTypes, Options } from 'yargs';
import { DEFAULT_SETTINGS } from '../api/settings.js';
import { defaultLeafK } from '../clustering/cluster-points.js';
import { configError } from '../errors.js';
import { DEFAULTS, type AnthropicProviderOptions } from '../providers/anthropic/index.js';
import { PROVIDER_NAMES } from '../providers/registry.js';

/** The options about the Claude provider (grouped together in --help). */
const claudeOptions = {
  provider: {
    type: 'string',
    choices: PROVIDER_NAMES,
    defaultDescription: DEFAULT_SETTINGS.provider,
    describe:
      'Who writes summaries and cluster names: offline (no network, deterministic) or anthropic ' +
      '(Claude, as in Clio: better summaries and names; reads the key from ANTHROPIC_API_KEY; try --dry-run first).',
  },
  model: {
    type: 'string',
    defaultDescription: DEFAULTS.model,
    describe: 'Claude model for the facets, one call per conversation (--provider anthropic).',
  },
  'naming-model': {
    type: 'string',
    defaultDescription: DEFAULTS.namingModel,
    describe: "Claude model that names the clusters and rates each name's privacy (names below 3 of 5 are hidden).",
  },
  concurrency: {
    type: 'number',
    defaultDescription: String(DEFAULTS.concurrency),
    describe: 'Claude requests in flight at once; lower it when your rate limit is small (429s are retried anyway).',
  },
  'max-retries': {
    type: 'number',
    defaultDescription: String(DEFAULTS.maxRetries),
    describe: 'Retries per Claude request after a 429, 529, 5xx, timeout or malformed reply, with exponential backoff that honours retry-after.',
  },
  batch: {
    type: 'boolean',
    describe:
      'Send the Claude requests through the Message Batches API: half price, results within 24 h (usually minutes); ' +
      'a killed run resumes the batch it already paid for.',
  },
  'dry-run': {
    type: 'boolean',
    describe:
      'Estimate Claude calls, tokens and cost (standard and --batch price) for these inputs, minus what --cache-dir ' +
      'already holds, and print them. Makes no API call, needs no key, writes nothing.',
  },
  'cache-dir': {
    type: 'string',
    default: '.misfire-cache',
    describe:
      'Claude results cached by model + prompt version + conversation: a crashed run resumes where it stopped and a ' +
      'rerun makes zero API calls. Holds scrubbed outputs, never the API key.',
  },
} satisfies Record<string, Options>;

/**
 * Setting flags carry no yargs default (an absent flag lets the --config file decide); their help shows
 * DEFAULT_SETTINGS' value instead.
 */
export const runOptions = {
  demo: { type: 'boolean', default: false, describe: 'Use the shipped demo data in datasets/demo/ (conversations, verdicts, labels).' },
  conversations: { alias: 'c', type: 'string', describe: 'Conversations: JSONL or a JSON array ({"id","user_id"?,"messages":[{role,content}]} or {"id","text"}; WildChat, LMSYS, ShareGPT shapes too), CSV/TSV (id,text[,user_id]) or Parquet; .gz accepted; - reads standard input.' },
  verdicts: { alias: 'v', type: 'string', array: true, describe: 'Verdict CSV, TSV or Parquet file(s): conversation_id|id,classifier,score,flagged (.gz accepted). Repeat for several files.' },
  labels: { alias: 'l', type: 'string', describe: 'Ground truth, CSV, TSV or Parquet: conversation_id|id,label[,category] (label 1 = should be flagged). Omit for proxy mode.' },
  out: { alias: 'o', type: 'string', default: 'reports/latest', describe: 'Folder for the artifacts (replaced atomically on success).' },
  config: { type: 'string', describe: 'JSON file of settings (same names as below, camelCase) and per-classifier "thresholds".' },
  seed: { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.seed), describe: 'Random seed; same inputs + seed give byte-identical JSON/CSV artifacts.' },
  k: { type: 'number', defaultDescription: `2·∛n, e.g. ${defaultLeafK(3000)} for 3,000 conversations`, describe: 'Leaf clusters.' },
  levels: { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.levels), describe: 'Levels of the hierarchy including leaves, 1–4.' },
  'min-users': { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.minUsers), describe: 'Privacy: clusters (and label terms) need at least this many distinct users.' },
  'min-conversations': { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.minConversations), describe: 'Privacy: clusters need at least this many conversations.' },
  alpha: { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.alpha), describe: 'False-discovery rate for pockets (Benjamini–Hochberg q below this).' },
  'min-effect': { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.minEffect), describe: "A pocket's rate must exceed the overall rate by this much (absolute)." },
  'min-support': { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.minSupport), describe: 'A pocket needs at least this many negatives (FPR) or positives (FNR).' },
  threshold: { type: 'number', describe: 'Flag when score ≥ threshold (applies to every classifier with scores; overrides "flagged").' },
  'allow-missing': {
    type: 'boolean',
    defaultDescription: String(DEFAULT_SETTINGS.allowMissing),
    describe: 'Proceed when ids do not line up (unknown ids, missing verdicts or labels); counts go into run.json and the report.',
  },
  embeddings: { type: 'string', describe: 'Bring your own vectors: JSONL {"id","vector"} or raw float32 (.f32) with --embedding-ids.' },
  'embedding-ids': { type: 'string', describe: 'Ids file (one per line) for a raw float32 --embeddings file.' },
  'embedding-dim': { type: 'number', defaultDescription: String(DEFAULT_SETTINGS.embeddingDim), describe: 'Dimensions of the built-in LSA embedding.' },
  ...claudeOptions,
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'No progress on stderr.' },
} satisfies Record<string, Options>;

/** The values of `runOptions` as yargs parses them (a flag's type follows its definition). */
export type RunOptionValues = InferredOptionTypes<typeof runOptions>;
/** The parsed arguments of `misfire run`, with camelCase names as well. */
export type RunArgs = ArgumentsCamelCase<RunOptionValues>;

type RunOptionName = keyof typeof runOptions;

/** Names of the Claude provider's options, in --help order. */
export const CLAUDE_OPTION_NAMES = Object.keys(claudeOptions) as RunOptionName[];

/** Sections of `misfire run --help` (everything not listed stays under "Options:"). */
export const RUN_OPTION_GROUPS: [string, RunOptionName[]][] = [
  ['Inputs and output:', ['demo', 'conversations', 'verdicts', 'labels', 'out', 'config', 'allow-missing', 'threshold']],
  ['Clusters:', ['seed', 'k', 'levels', 'embeddings', 'embedding-ids', 'embedding-dim']],
  ['Privacy:', ['min-users', 'min-conversations']],
  ['Statistics (what counts as a mis-fire pocket):', ['alpha', 'min-effect', 'min-support']],
  ['Claude provider (--provider anthropic, the Clio path):', CLAUDE_OPTION_NAMES],
];

/** The parsed Claude flags of `misfire run`. */
export type ClaudeFlags = Partial<Pick<RunArgs, 'model' | 'namingModel' | 'concurrency' | 'maxRetries' | 'batch' | 'dryRun'>>;

/**
 * The Claude provider's options from the flags, or undefined for another provider. A Claude-only flag
 * with another provider is a config error (it would otherwise be ignored silently). The API key is never
 * a flag (it would land in shell history and `ps`): the provider reads ANTHROPIC_API_KEY itself.
 * @example claudeProviderOptions({ model: 'claude-haiku-4-5', batch: true }, 'anthropic') // { model: 'claude-haiku-4-5', batch: true }
 */
export function claudeProviderOptions(flags: ClaudeFlags, provider: string): AnthropicProviderOptions | undefined {
  const given: [string, unknown][] = [
    ['--model', flags.model],
    ['--naming-model', flags.namingModel],
    ['--concurrency', flags.concurrency],
    ['--max-retries', flags.maxRetries],
    ['--batch', flags.batch || undefined],
    ['--dry-run', flags.dryRun || undefined],
  ];
  if (provider !== 'anthropic') {
    const stray = given.filter(([, value]) => value !== undefined).map(([name]) => name);
    if (stray.length) {
      throw configError(`${stray.join(', ')} only applies to the Claude provider: add --provider anthropic`);
    }
    return undefined;
  }
  const options: AnthropicProviderOptions = {};
  if (flags.model !== undefined) options.model = nonEmpty('--model', flags.model);
  if (flags.namingModel !== undefined) options.namingModel = nonEmpty('--naming-model', flags.namingModel);
  if (flags.concurrency !== undefined) options.concurrency = wholeNumber('--concurrency', flags.concurrency, 1);
  if (flags.maxRetries !== undefined) options.maxRetries = wholeNumber('--max-retries', flags.maxRetries, 0);
  if (flags.batch) options.batch = true;
  return options;
}

function nonEmpty(flag: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw configError(`${flag} needs a model id, e.g. ${DEFAULTS.model}`);
  return trimmed;
}

function wholeNumber(flag: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw configError(`${flag} must be a whole number ≥ ${min}, got ${value}`);
  return value;
}
