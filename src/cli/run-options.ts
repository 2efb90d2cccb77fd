/** The options of `misfire run`, each with a description that teaches; defaults shown come from the settings. */
import type { ArgumentsCamelCase, InferredOptionTypes, Options } from 'yargs';
import { DEFAULT_SETTINGS, EMBEDDER_CHOICES, JUDGE_CHOICES } from '../api/settings.js';
import { defaultLeafK } from '../clustering/cluster-points.js';
import { configError } from '../errors.js';
import { DEFAULTS, type AnthropicProviderOptions } from '../providers/anthropic/index.js';
import { parseFailureLimit } from '../providers/anthropic/failure-limit.js';
import { PROVIDER_NAMES } from '../providers/registry.js';
import { MAX_DEFAULT_VALUES } from '../slicing/fields.js';
import { commaList, lastText, oneNumber, oneSwitch, oneText, oneWholeNumber, textList } from './flag-values.js';

/** Where `misfire run` writes when --out is not given. */
export const DEFAULT_OUT = 'reports/latest';
/** Where Claude results are cached when --cache-dir is not given. */
export const DEFAULT_CACHE_DIR = '.misfire-cache';

/** The options about the Claude provider (grouped together in --help). */
const claudeOptions = {
  provider: {
    type: 'string',
    coerce: oneText('--provider'),
    choices: PROVIDER_NAMES,
    defaultDescription: DEFAULT_SETTINGS.provider,
    describe:
      'Who writes summaries and cluster names: offline (no network, deterministic) or anthropic ' +
      '(Claude, as in Clio: better summaries and names; reads the key from ANTHROPIC_API_KEY; try --dry-run first).',
  },
  model: {
    type: 'string',
    coerce: oneText('--model'),
    defaultDescription: DEFAULTS.model,
    describe: 'Claude model for the facets, one call per conversation (--provider anthropic).',
  },
  'naming-model': {
    type: 'string',
    coerce: oneText('--naming-model'),
    defaultDescription: DEFAULTS.namingModel,
    describe: "Claude model that names the clusters and rates each name's privacy (names below 3 of 5 are hidden).",
  },
  concurrency: {
    type: 'string',
    coerce: oneWholeNumber('--concurrency'),
    defaultDescription: String(DEFAULTS.concurrency),
    describe: 'Claude requests in flight at once; lower it when your rate limit is small (429s are retried anyway).',
  },
  'max-retries': {
    type: 'string',
    coerce: oneWholeNumber('--max-retries'),
    defaultDescription: String(DEFAULTS.maxRetries),
    describe: 'Retries per Claude request after a 429, 529, 5xx, timeout or malformed reply, with exponential backoff that honours retry-after.',
  },
  'max-failures': {
    type: 'string',
    defaultDescription: DEFAULTS.maxFailures,
    describe:
      'A conversation that gets no valid facets from Claude after the retries gets the offline facets instead, counted in ' +
      'run.json (facets_fallback) and the report; the run stops (exit 4, nothing written) only when MORE than this many ' +
      'conversations fail. A fraction (0.01), a percentage (1%) or a count (5: any whole number ≥ 1); 0 tolerates none. ' +
      'Failures are not cached, so a rerun asks again for those only. Refusals do not count (they get the refusal facets).',
  },
  batch: {
    type: 'boolean',
    coerce: oneSwitch('--batch'),
    describe:
      'Send the Claude requests through the Message Batches API: half price, results within 24 h (usually minutes); ' +
      'a killed run resumes the batch it already paid for.',
  },
  'dry-run': {
    type: 'boolean',
    coerce: oneSwitch('--dry-run'),
    describe:
      'Estimate Claude calls, tokens and cost (standard and --batch price) for these inputs, minus what --cache-dir ' +
      'already holds, and print them. Makes no API call, needs no key, writes nothing.',
  },
  'cache-dir': {
    type: 'string',
    coerce: oneText('--cache-dir'),
    defaultDescription: DEFAULT_CACHE_DIR,
    describe:
      'Claude results cached by model + prompt version + conversation: a crashed run resumes where it stopped and a ' +
      'rerun makes zero API calls. Holds scrubbed outputs, never the API key.',
  },
} satisfies Record<string, Options>;

/**
 * Setting flags carry no yargs default (an absent flag lets the --config file decide); their help shows
 * DEFAULT_SETTINGS' value instead. Nor does --out: a bare `--out` (an unset $OUT) must not mean the default.
 * Every flag but --verdicts takes one value; given twice it is a usage error, except --out, where the
 * last one wins (so `npm start -- --out DIR` writes to DIR).
 */
export const runOptions = {
  demo: {
    type: 'boolean',
    coerce: oneSwitch('--demo'),
    default: false,
    describe: 'Use the shipped demo data in datasets/demo/ (conversations, verdicts, labels); not together with -c, -v or -l.',
  },
  conversations: { alias: 'c', type: 'string', coerce: oneText('--conversations'), describe: 'Conversations: JSONL or a JSON array ({"id","user_id"?,"messages":[{role,content}]} or {"id","text"}; WildChat, LMSYS, ShareGPT shapes too), CSV/TSV (id,text[,user_id]) or Parquet; .gz accepted; - reads standard input.' },
  verdicts: { alias: 'v', type: 'string', array: true, coerce: textList('--verdicts'), describe: 'Verdict CSV, TSV or Parquet file(s): conversation_id|id,classifier,score,flagged (.gz accepted). Repeat for several files (each file once).' },
  labels: { alias: 'l', type: 'string', coerce: oneText('--labels'), describe: 'Ground truth, CSV, TSV or Parquet: conversation_id|id,label[,category] (label 1 = should be flagged). Omit for proxy mode.' },
  sample: {
    type: 'string',
    coerce: oneText('--sample'),
    describe:
      'sample.csv written by `misfire sample`: --labels then holds the labels of those conversations only, and every rate is ' +
      'estimated with design weights and intervals that account for the sample.',
  },
  out: {
    alias: 'o',
    type: 'string',
    coerce: lastText('--out'),
    defaultDescription: DEFAULT_OUT,
    describe: 'Folder for the artifacts (replaced atomically on success). Given twice, the last one wins.',
  },
  config: { type: 'string', coerce: oneText('--config'), describe: 'JSON file of settings (same names as below, camelCase) and per-classifier "thresholds" (classifiers of the verdicts only).' },
  seed: { type: 'string', coerce: oneWholeNumber('--seed'), defaultDescription: String(DEFAULT_SETTINGS.seed), describe: 'Random seed; same inputs + seed give byte-identical JSON/CSV artifacts.' },
  k: {
    type: 'string',
    coerce: oneWholeNumber('--k'),
    defaultDescription: `2·∛n, at most n / (3 · min-support): ${defaultLeafK(3000, DEFAULT_SETTINGS.minSupport)} for 3,000 conversations, ${defaultLeafK(300, DEFAULT_SETTINGS.minSupport)} for 300`,
    describe: 'Leaf clusters. The default lets an average leaf hold three times the support a pocket needs, so small evaluation sets get fewer, larger leaves. More than the n conversations is clamped to n, with a warning.',
  },
  levels: { type: 'string', coerce: oneWholeNumber('--levels'), defaultDescription: String(DEFAULT_SETTINGS.levels), describe: 'Levels of the hierarchy including leaves, 1–4.' },
  'min-users': { type: 'string', coerce: oneWholeNumber('--min-users'), defaultDescription: String(DEFAULT_SETTINGS.minUsers), describe: 'Privacy: clusters (and label terms) need at least this many distinct users.' },
  'min-conversations': { type: 'string', coerce: oneWholeNumber('--min-conversations'), defaultDescription: String(DEFAULT_SETTINGS.minConversations), describe: 'Privacy: clusters need at least this many conversations.' },
  alpha: { type: 'string', coerce: oneNumber('--alpha'), defaultDescription: String(DEFAULT_SETTINGS.alpha), describe: 'False-discovery rate for pockets (Benjamini–Hochberg q below this).' },
  'min-effect': { type: 'string', coerce: oneNumber('--min-effect'), defaultDescription: String(DEFAULT_SETTINGS.minEffect), describe: "A pocket's rate must exceed the overall rate by this much (absolute)." },
  'min-support': { type: 'string', coerce: oneWholeNumber('--min-support'), defaultDescription: String(DEFAULT_SETTINGS.minSupport), describe: 'A pocket needs at least this many negatives (FPR) or positives (FNR).' },
  threshold: { type: 'string', coerce: oneNumber('--threshold'), describe: 'Flag when score ≥ threshold (applies to every classifier with scores; overrides "flagged").' },
  'allow-missing': {
    type: 'boolean',
    coerce: oneSwitch('--allow-missing'),
    defaultDescription: String(DEFAULT_SETTINGS.allowMissing),
    describe: 'Proceed when ids do not line up (unknown ids, missing verdicts or labels); counts go into run.json and the report.',
  },
  embeddings: { type: 'string', coerce: oneText('--embeddings'), describe: 'Bring your own vectors: JSONL {"id","vector"} or raw float32 (.f32) with --embedding-ids.' },
  'embedding-ids': { type: 'string', coerce: oneText('--embedding-ids'), describe: 'Ids file (one per line) for a raw float32 --embeddings file.' },
  judge: {
    type: 'string',
    coerce: oneText('--judge'),
    choices: JUDGE_CHOICES,
    defaultDescription: DEFAULT_SETTINGS.judge,
    describe:
      'What the classifiers judged, so the facets describe that: prompt (every user turn), response (the assistant turns) ' +
      'or conversation (both). System and tool turns are never read as the request. With {"id","text"} input the text is what was judged.',
  },
  embedder: {
    type: 'string',
    coerce: oneText('--embedder'),
    choices: EMBEDDER_CHOICES,
    defaultDescription: DEFAULT_SETTINGS.embedder,
    describe:
      'semantic: word-vector meaning (GloVe, offline) beside exact wording (LSA), so "cutting myself" and "slicing my arm" ' +
      'meet while `kill -9` and "kill him" stay apart; lsa: wording only (faster, the earlier default).',
  },
  'semantic-weight': {
    type: 'string',
    coerce: oneNumber('--semantic-weight'),
    defaultDescription: String(DEFAULT_SETTINGS.semanticWeight),
    describe: 'With --embedder semantic: the weight of meaning against wording in the similarity of two conversations (0 = wording only, 1 = meaning only).',
  },
  permutations: {
    type: 'string',
    coerce: oneWholeNumber('--permutations'),
    defaultDescription: String(DEFAULT_SETTINGS.permutations),
    describe:
      'Shuffles of the permutation test behind the pockets found among the errors (each shuffle reruns the search); ' +
      'p-values are multiples of 1/(N+1). 0 skips that search.',
  },
  'fit-sample': {
    type: 'string',
    coerce: oneWholeNumber('--fit-sample'),
    defaultDescription: '200000',
    describe:
      'With more conversations than this, the clusters, names and examples are fitted on a seeded sample of this many, and every ' +
      'conversation is streamed through them into count tables: memory stays bounded (the fit, plus under 100 bytes per ' +
      'conversation: 10M peak at about 2 GB). The conversations file is then read twice (not standard input). Such a run ' +
      'has metadata slices but no pockets by meaning and no --cross.',
  },
  'slice-by': {
    type: 'string',
    array: true,
    coerce: commaList('--slice-by'),
    defaultDescription: `language + every metadata field with 2–${MAX_DEFAULT_VALUES} values, each held by ≥ min-users users`,
    describe:
      'Metadata fields to slice by, comma-separated or repeated (channel,language); "language" is the detected-language facet. ' +
      'Each value gets the clusters\' statistics (Wilson interval, one-sided Fisher against the rest, Benjamini–Hochberg within the field) ' +
      'and can be a pocket. A value held by fewer than --min-users users (or --min-conversations conversations) is suppressed: no name, no rates shown.',
  },
  cross: {
    type: 'boolean',
    coerce: oneSwitch('--cross'),
    defaultDescription: String(DEFAULT_SETTINGS.cross),
    describe: 'Also slice each field by the clusters of the top level (value × cluster), to tell "API traffic about code" from "API traffic".',
  },
  'embedding-dim': { type: 'string', coerce: oneWholeNumber('--embedding-dim'), defaultDescription: String(DEFAULT_SETTINGS.embeddingDim), describe: 'Dimensions of the built-in LSA embedding.' },
  ...claudeOptions,
  quiet: { alias: 'q', type: 'boolean', coerce: oneSwitch('--quiet'), default: false, describe: 'No progress on stderr.' },
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
  ['Inputs and output:', ['demo', 'conversations', 'verdicts', 'labels', 'sample', 'out', 'config', 'allow-missing', 'threshold']],
  ['Clusters:', ['judge', 'embedder', 'semantic-weight', 'seed', 'k', 'levels', 'fit-sample', 'embeddings', 'embedding-ids', 'embedding-dim']],
  ['Privacy:', ['min-users', 'min-conversations']],
  ['Statistics (what counts as a mis-fire pocket):', ['alpha', 'min-effect', 'min-support', 'permutations']],
  ['Slices (metadata fields, the language facet):', ['slice-by', 'cross']],
  ['Claude provider (--provider anthropic, the Clio path):', CLAUDE_OPTION_NAMES],
];

/** The parsed Claude flags of `misfire run`. */
export type ClaudeFlags = Partial<Pick<RunArgs, 'model' | 'namingModel' | 'concurrency' | 'maxRetries' | 'maxFailures' | 'batch' | 'dryRun'>>;

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
    ['--max-failures', flags.maxFailures],
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
  if (flags.maxFailures !== undefined) options.maxFailures = parseFailureLimit(flags.maxFailures, '--max-failures').text;
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
