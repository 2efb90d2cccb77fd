/** `misfire merge`: add the count files of shards into a complete run folder. */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { relative } from 'node:path';
import { mergeCounts } from '../api/merge.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneSwitch, oneText, textList } from './flag-values.js';

export const mergeOptions = {
  model: { type: 'string', coerce: oneText('--model'), demandOption: true, describe: 'The run folder (or its model/ folder) every shard was assigned with.' },
  out: { alias: 'o', type: 'string', coerce: oneText('--out'), demandOption: true, describe: 'The run folder to write (replaced atomically; only a folder misfire wrote).' },
  'allow-missing': {
    type: 'boolean',
    coerce: oneSwitch('--allow-missing'),
    defaultDescription: "the model run's setting",
    describe: 'Write the run even when the shards\' ids did not line up; the gaps go into run.json and the report.',
  },
} satisfies Record<string, Options>;

export const mergeCommand: CommandModule<object, InferredOptionTypes<typeof mergeOptions> & { counts?: string[] }> = {
  command: 'merge <counts..>',
  describe: 'Add shards\' count files (from `misfire assign`, or CSV count tables) into a run folder: metrics, clusters, report.',
  builder: (y) =>
    y
      .options(mergeOptions)
      .positional('counts', { type: 'string', array: true, coerce: textList('count file'), describe: 'Count files from `misfire assign`, or CSV/TSV count tables (cluster_id, classifier, conversations, users, verdicts, flagged[, tn, fp, fn, tp]).' })
      .example('$0 merge --model reports/fit counts/part-*.counts --out reports/all', 'add up the shards')
      .example('$0 merge --model reports/fit warehouse-counts.csv --out reports/warehouse', 'a count table from a SQL GROUP BY (see the README)')
      .epilog(
        'The same count files in any order give a byte-identical metrics.json, equal to one count file of all their conversations. ' +
          'Score metrics come from score bins of 1/10,000 (exact for scores in [0, 1] with at most four decimals); distinct users ' +
          'from bottom-256 sketches; a merged run has no assignments.csv and no pockets among the errors.\n' +
          exitCodesHelp({ success: 'written', usage: 'bad input or usage, or count files of another model (nothing is written)', unexpected: UNEXPECTED_ERROR_HELP }),
      ),
  handler: async (args) => {
    const outcome = await mergeCounts({
      model: args.model,
      counts: args.counts ?? [],
      out: args.out,
      allowMissing: args.allowMissing,
      onWarning: (warning) => {
        if (warning.code !== 'merged-counts') process.stderr.write(`misfire: warning: ${warning.message}\n`);
      },
    });
    const shown = relative(process.cwd(), outcome.outDir) || outcome.outDir;
    process.stdout.write(`misfire merge: ${outcome.run.shards?.length ?? 0} count file(s), ${outcome.run.rows.conversations} conversations → ${shown}/index.html\n`);
  },
};
