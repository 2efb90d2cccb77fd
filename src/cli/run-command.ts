/** `misfire run`: read inputs, cluster, measure, write artifacts. */
import type { CommandModule } from 'yargs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAtScale } from '../api/run-at-scale.js';
import { DEFAULT_SETTINGS, type RunSettings } from '../api/settings.js';
import { configError } from '../errors.js';
import { readConversations } from '../io/read-conversations.js';
import type { AnthropicProviderOptions } from '../providers/anthropic/index.js';
import { estimateRun, formatDryRun } from '../providers/anthropic/dry-run.js';
import { loadRunConfig } from './run-config.js';
import { DEFAULT_CACHE_DIR, DEFAULT_OUT, RUN_OPTION_GROUPS, claudeProviderOptions, runOptions, type RunArgs, type RunOptionValues } from './run-options.js';
import { createStderrProgress } from './progress.js';
import { silentProgress } from '../types.js';
import { printRunSummary } from './run-summary.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';

/** Demo files, as paths relative to the working directory so run.json reads the same from any clone. */
const DEMO = (name: string) => relative(process.cwd(), fileURLToPath(new URL(`../../datasets/demo/${name}`, import.meta.url))) || '.';

const RUN_EPILOG = [
  'Artifacts in --out: index.html (report), report.md, metrics.json, clusters.json, assignments.csv, pockets.csv, slices.csv, run.json, timings.json.',
  'An unknown field in --slice-by is a usage error (exit 2) that lists the fields the conversations have.',
  'run.json records each input\'s path relative to the run folder, its sha256, the row counts and the warnings.',
  'With --provider anthropic, run.json also records the models, prompt versions, call counts and token totals (never the key).',
  'Every flag but --verdicts takes one value: given twice it is a usage error, except --out (the last one wins).',
  exitCodesHelp({
    success: 'success',
    usage: 'bad input or usage, checked before any work (the message names file, line and field; nothing is written)',
    unexpected: UNEXPECTED_ERROR_HELP,
    provider:
      'the Claude provider failed (API unreachable, key rejected, still failing after retries, or more conversations ' +
      'without valid facets than --max-failures allows; nothing is written, and a rerun resumes from --cache-dir)',
  }),
].join('\n');

export const runCommand: CommandModule<object, RunOptionValues> = {
  command: 'run',
  describe: 'Cluster conversations, join verdicts and labels, and report where each classifier mis-fires.',
  builder: (y) =>
    RUN_OPTION_GROUPS.reduce((acc, [title, names]) => acc.group(names, title), y.options(runOptions))
      .example('$0 run --demo --out reports/demo', 'the shipped demo (3,000 synthetic conversations, 3 classifiers)')
      .example('$0 run -c convs.jsonl -v v6.csv -v v7.csv -l labels.csv -o reports/v7', 'two classifier versions at once')
      .example('$0 run -c items.jsonl -v verdicts.csv -l labels.csv --threshold 0.7 --allow-missing', 're-threshold scores; tolerate gaps')
      .example('$0 run --demo --k 40 --levels 3 --min-users 10', 'finer clusters, deeper hierarchy, stricter privacy')
      .example('$0 run --demo --slice-by channel,language', 'error rates per metadata value: finds the channel where keyword-v1 over-flags')
      .example('$0 run --demo --slice-by channel --cross', 'and per channel × top-level cluster')
      .example('$0 run -c convs.jsonl -v verdicts.csv -l sampled-labels.csv --sample sample.csv', 'rates from a labelled sample (see misfire sample)')
      .example('$0 run --demo --provider anthropic --dry-run', 'Claude: estimate calls, tokens and cost first (no key needed)')
      .example('$0 run --demo --provider anthropic --batch --concurrency 4', 'Claude (key from ANTHROPIC_API_KEY) at half price; a rerun makes zero calls')
      .epilog(RUN_EPILOG),
  handler: async (args) => {
    assertDemoAlone(args);
    const fromConfig = args.config ? await loadRunConfig(args.config) : {};
    const conversations = args.demo ? DEMO('conversations.jsonl') : args.conversations;
    const verdicts = args.demo ? [DEMO('verdicts.csv')] : args.verdicts;
    const labels = args.demo ? DEMO('labels.csv') : args.labels;
    if (!conversations) throw configError('name the conversations with --conversations FILE (or use --demo)');
    const provider = args.provider ?? fromConfig.provider ?? DEFAULT_SETTINGS.provider;
    const anthropic = claudeProviderOptions(args, provider);
    if (args.dryRun) return printDryRun(conversations, anthropic ?? {}, fromConfig, args);
    if (!verdicts || verdicts.length === 0) throw configError('name at least one verdict file with --verdicts FILE (or use --demo)');
    const outcome = await runAtScale({
      fitSample: args.fitSample,
      conversations,
      verdicts,
      labels: labels ?? null,
      sample: args.sample ?? null,
      out: args.out ?? DEFAULT_OUT,
      embeddings: args.embeddings ?? null,
      embeddingIds: args.embeddingIds ?? null,
      cacheDir: args.cacheDir ?? DEFAULT_CACHE_DIR,
      anthropic,
      progress: args.quiet ? silentProgress : createStderrProgress(),
      onWarning: (warning) => process.stderr.write(`misfire: warning: ${warning.message}\n`),
      settings: {
        ...fromConfig,
        seed: args.seed ?? fromConfig.seed,
        k: args.k ?? fromConfig.k,
        levels: args.levels ?? fromConfig.levels,
        minUsers: args.minUsers ?? fromConfig.minUsers,
        minConversations: args.minConversations ?? fromConfig.minConversations,
        alpha: args.alpha ?? fromConfig.alpha,
        minEffect: args.minEffect ?? fromConfig.minEffect,
        minSupport: args.minSupport ?? fromConfig.minSupport,
        threshold: args.threshold ?? fromConfig.threshold,
        allowMissing: args.allowMissing ?? fromConfig.allowMissing,
        provider,
        embeddingDim: args.embeddingDim ?? fromConfig.embeddingDim,
        judge: (args.judge as RunSettings['judge'] | undefined) ?? fromConfig.judge,
        embedder: (args.embedder as RunSettings['embedder'] | undefined) ?? fromConfig.embedder,
        semanticWeight: args.semanticWeight ?? fromConfig.semanticWeight,
        permutations: args.permutations ?? fromConfig.permutations,
        sliceBy: args.sliceBy ?? fromConfig.sliceBy,
        cross: args.cross ?? fromConfig.cross,
      },
    });
    printRunSummary(outcome);
  },
};

/** `--demo` brings its own inputs: naming others as well would leave the user unsure which were used. */
function assertDemoAlone(args: RunArgs): void {
  if (!args.demo) return;
  const named = (['conversations', 'verdicts', 'labels', 'sample'] as const).filter((flag) => args[flag] !== undefined).map((flag) => `--${flag}`);
  if (named.length) throw configError(`--demo uses the shipped demo inputs: drop ${named.join(', ')}, or drop --demo to use your own`);
}

/** `--dry-run`: read the conversations, print the estimate table; no API call, nothing written. */
async function printDryRun(
  conversationsFile: string,
  anthropic: AnthropicProviderOptions,
  fromConfig: Partial<RunSettings>,
  args: RunArgs,
): Promise<void> {
  const { conversations } = await readConversations(conversationsFile);
  const estimate = estimateRun(conversations, {
    model: anthropic.model,
    namingModel: anthropic.namingModel,
    k: args.k ?? fromConfig.k,
    levels: args.levels ?? fromConfig.levels,
    minSupport: args.minSupport ?? fromConfig.minSupport,
    cacheDir: args.cacheDir ?? DEFAULT_CACHE_DIR,
  });
  process.stdout.write(formatDryRun(estimate));
}
