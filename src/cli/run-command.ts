/** `misfire run`: read inputs, cluster, measure, write artifacts. */
import type { ArgumentsCamelCase, CommandModule } from 'yargs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMisfire } from '../api/run.js';
import { configError } from '../errors.js';
import { loadRunConfig } from './run-config.js';
import { runOptions } from './run-options.js';
import { createStderrProgress } from './progress.js';
import { silentProgress } from '../types.js';
import { printRunSummary } from './run-summary.js';

type RunArgs = ArgumentsCamelCase<{
  demo: boolean;
  conversations?: string;
  verdicts?: string[];
  labels?: string;
  out: string;
  config?: string;
  seed?: number;
  k?: number;
  levels?: number;
  minUsers?: number;
  minConversations?: number;
  alpha?: number;
  minEffect?: number;
  minSupport?: number;
  threshold?: number;
  allowMissing?: boolean;
  provider?: string;
  embeddings?: string;
  embeddingIds?: string;
  embeddingDim?: number;
  cacheDir: string;
  quiet: boolean;
}>;

/** Demo files, as paths relative to the working directory so run.json reads the same from any clone. */
const DEMO = (name: string) => relative(process.cwd(), fileURLToPath(new URL(`../../datasets/demo/${name}`, import.meta.url))) || '.';

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Cluster conversations, join verdicts and labels, and report where each classifier mis-fires.',
  builder: (y) =>
    y
      .options(runOptions)
      .example('$0 run --demo --out reports/demo', 'the shipped demo (3,000 synthetic conversations, 3 classifiers)')
      .example('$0 run -c convs.jsonl -v v6.csv -v v7.csv -l labels.csv -o reports/v7', 'two classifier versions at once')
      .example('$0 run -c items.jsonl -v verdicts.csv -l labels.csv --threshold 0.7 --allow-missing', 're-threshold scores; tolerate gaps')
      .example('$0 run --demo --k 40 --levels 3 --min-users 10', 'finer clusters, deeper hierarchy, stricter privacy')
      .epilog(
        'Artifacts in --out: index.html (report), report.md, metrics.json, clusters.json, assignments.csv, run.json, timings.json.\n' +
          'Exit codes: 0 success; 2 bad input or usage (message names file, line and field; nothing is written).',
      ) as never,
  handler: async (args) => {
    const fromConfig = args.config ? await loadRunConfig(args.config) : {};
    const conversations = args.demo ? DEMO('conversations.jsonl') : args.conversations;
    const verdicts = args.demo ? [DEMO('verdicts.csv')] : args.verdicts;
    const labels = args.demo ? DEMO('labels.csv') : args.labels;
    if (!conversations) throw configError('name the conversations with --conversations FILE (or use --demo)');
    if (!verdicts || verdicts.length === 0) throw configError('name at least one verdict file with --verdicts FILE (or use --demo)');
    const outcome = await runMisfire({
      conversations,
      verdicts,
      labels: labels ?? null,
      out: args.out,
      embeddings: args.embeddings ?? null,
      embeddingIds: args.embeddingIds ?? null,
      cacheDir: args.cacheDir,
      progress: args.quiet ? silentProgress : createStderrProgress(),
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
        provider: args.provider ?? fromConfig.provider,
        embeddingDim: args.embeddingDim ?? fromConfig.embeddingDim,
      },
    });
    printRunSummary(outcome);
  },
};
