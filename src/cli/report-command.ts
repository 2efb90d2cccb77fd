/** `misfire report`: re-render index.html and report.md from a run folder's saved artifacts (no recomputing). */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { relative } from 'node:path';
import { renderRunReport } from '../api/report.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneText } from './flag-values.js';

const reportOptions = {
  run: {
    type: 'string',
    coerce: oneText('--run'),
    demandOption: true,
    describe: 'A run folder written by `misfire run --out` (needs run.json, metrics.json, clusters.json; model/centroids.bin for the map).',
  },
  out: { alias: 'o', type: 'string', coerce: oneText('--out'), defaultDescription: 'DIR/index.html', describe: 'Where to write the HTML report; report.md goes next to it.' },
} satisfies Record<string, Options>;

export const reportCommand: CommandModule<object, InferredOptionTypes<typeof reportOptions>> = {
  command: 'report',
  describe: 'Re-render the HTML and Markdown report of a run folder from its saved artifacts.',
  builder: (y) =>
    y
      .options(reportOptions)
      .example('$0 report --run reports/demo', 'rewrite reports/demo/index.html and report.md')
      .example('$0 report --run reports/demo --out /tmp/review/index.html', 'write the re-rendered report elsewhere')
      .epilog(
        exitCodesHelp({
          success: 'written',
          usage: 'the folder is not a readable misfire run (the message names the file)',
          unexpected: UNEXPECTED_ERROR_HELP,
        }),
      ),
  handler: async (args) => {
    const outcome = await renderRunReport({ run: args.run, out: args.out ?? null });
    const shown = (file: string) => relative(process.cwd(), file) || file;
    process.stdout.write(`report: ${shown(outcome.htmlFile)}\nsummary: ${shown(outcome.markdownFile)}\n`);
  },
};
