/** `misfire bless`: store a run as the gate's baseline (atomically, with copies of its verdicts and labels). */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { blessRun } from '../api/gate-bless.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneText } from './flag-values.js';

const DEFAULT_BASELINE_DIR = '.misfire/baseline';

const blessOptions = {
  run: { type: 'string', coerce: oneText('--run'), demandOption: true, describe: 'The run folder to bless (written by `misfire run --out`).' },
  'baseline-dir': { type: 'string', coerce: oneText('--baseline-dir'), defaultDescription: DEFAULT_BASELINE_DIR, describe: 'Where the baseline is kept (replaced atomically).' },
} satisfies Record<string, Options>;

export const blessCommand: CommandModule<object, InferredOptionTypes<typeof blessOptions>> = {
  command: 'bless',
  describe: 'Store a run as the baseline that `misfire gate --baseline-run` compares new verdicts against.',
  builder: (y) =>
    y
      .options(blessOptions)
      .example('$0 bless --run reports/main --baseline-dir .misfire/baseline', 'after merging: the main branch\'s run becomes the baseline')
      .epilog(
        'The baseline folder holds the run\'s artifacts, its saved embedding model and leaf centroids (to place new ' +
          'conversations), and copies of its verdict and label files checked against run.json. Commit it, or keep it as a ' +
          `CI artifact.\n${exitCodesHelp({ success: 'blessed', usage: 'unreadable or mismatched run', unexpected: UNEXPECTED_ERROR_HELP })}`,
      ),
  handler: async (args) => {
    const outcome = await blessRun(args.run, args.baselineDir ?? DEFAULT_BASELINE_DIR);
    process.stdout.write(
      `misfire bless: ${args.run} is now the baseline in ${outcome.baselineDir} ` +
        `(${outcome.conversations} conversations; classifiers ${outcome.classifiers.join(', ')}; ${outcome.inputsCopied} input files copied)\n`,
    );
  },
};
