/** `misfire assign`: count one shard of conversations with a fitted model into a count file for `misfire merge`. */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { assignShard } from '../api/assign.js';
import { configError } from '../errors.js';
import { silentProgress } from '../types.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneSwitch, oneText, textList } from './flag-values.js';
import { createStderrProgress } from './progress.js';

export const assignOptions = {
  model: {
    type: 'string',
    coerce: oneText('--model'),
    demandOption: true,
    describe: 'The fitted model: a run folder written by `misfire run` (or `misfire merge`), or its model/ folder. Every shard must use the same one.',
  },
  conversations: { alias: 'c', type: 'string', coerce: oneText('--conversations'), demandOption: true, describe: 'The shard\'s conversations, in any format `misfire run` reads (- reads standard input).' },
  verdicts: { alias: 'v', type: 'string', array: true, coerce: textList('--verdicts'), demandOption: true, describe: 'The shard\'s verdict file(s), each file once.' },
  labels: { alias: 'l', type: 'string', coerce: oneText('--labels'), describe: 'The shard\'s labels; give labels to every shard or to none.' },
  out: { alias: 'o', type: 'string', coerce: oneText('--out'), demandOption: true, describe: 'The count file to write (replaced only if misfire wrote it).' },
  assignments: { type: 'string', coerce: oneText('--assignments'), describe: 'Also write conversation_id,cluster_id for every conversation of the shard to this CSV.' },
  'allow-missing': {
    type: 'boolean',
    coerce: oneSwitch('--allow-missing'),
    defaultDescription: "the model run's setting",
    describe: 'Write the count file even when ids do not line up; the gaps are counted in it and reported by merge.',
  },
  quiet: { alias: 'q', type: 'boolean', coerce: oneSwitch('--quiet'), default: false, describe: 'No progress on stderr.' },
} satisfies Record<string, Options>;

export const assignCommand: CommandModule<object, InferredOptionTypes<typeof assignOptions>> = {
  command: 'assign',
  describe: 'Place one shard of conversations in a fitted model\'s clusters and count its verdicts and labels into a count file.',
  builder: (y) =>
    y
      .options(assignOptions)
      .example('$0 assign --model reports/fit -c part-0.jsonl -v part-0-verdicts.csv -l part-0-labels.csv --out counts/part-0.counts', 'one shard')
      .example('$0 merge --model reports/fit counts/part-*.counts --out reports/all', 'then add the shards up into a run')
      .epilog(
        'Memory stays bounded: conversations are read a batch at a time and the verdicts and labels are kept in typed columns (under 100 ' +
          'bytes per conversation). The count file records the model\'s fingerprint and the sha256 of each input.\n' +
          exitCodesHelp({ success: 'written', usage: 'bad input, usage or a model that cannot place conversations (nothing is written)', unexpected: UNEXPECTED_ERROR_HELP }),
      ),
  handler: async (args) => {
    if (!args.verdicts || args.verdicts.length === 0) throw configError('name the shard\'s verdict file(s) with --verdicts FILE');
    const outcome = await assignShard({
      model: args.model,
      conversations: args.conversations,
      verdicts: args.verdicts,
      labels: args.labels ?? null,
      out: args.out,
      assignments: args.assignments ?? null,
      allowMissing: args.allowMissing,
      progress: args.quiet ? silentProgress : createStderrProgress(),
      onWarning: (warning) => process.stderr.write(`misfire: warning: ${warning.message}\n`),
    });
    const conversations = outcome.file.table.conversations.reduce((s, n) => s + n, 0);
    process.stdout.write(`misfire assign: ${conversations} conversations counted into ${outcome.out}\n`);
  },
};
