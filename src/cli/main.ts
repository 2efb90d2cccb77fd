/** The `misfire` command line: parse arguments, call the library, set process.exitCode. Nothing else. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { configError, EXIT_CODES, exitCodeFor, isMisfireError } from '../errors.js';
import { MISFIRE_VERSION } from '../version.js';
import { runCommand } from './run-command.js';
import { gateCommand } from './gate-command.js';
import { blessCommand } from './bless-command.js';
import { reportCommand } from './report-command.js';
import { showCommand } from './show-command.js';
import { sampleCommand } from './sample-command.js';
import { assignCommand, assignOptions } from './assign-command.js';
import { mergeCommand, mergeOptions } from './merge-command.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { misusedSwitch, switchNames } from './flag-values.js';
import { runOptions } from './run-options.js';
import { gateOptions } from './gate-command.js';

/** Every on/off flag of every command (yargs reads `--demo=abc` as off; misfire refuses it). */
const SWITCHES = switchNames({ ...runOptions, ...gateOptions, ...assignOptions, ...mergeOptions, help: { type: 'boolean', alias: 'h' }, version: { type: 'boolean' } });

export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  const misused = misusedSwitch(argv, SWITCHES);
  if (misused) {
    process.stderr.write(`misfire: ${misused}\nRun with --help for usage.\n`);
    process.exitCode = EXIT_CODES.usage;
    return;
  }
  const parser = yargs(argv)
    .scriptName('misfire')
    .usage(
      'misfire — find the pockets of conversations where a safety classifier mis-fires.\n\n' +
        'Clusters conversations the way Clio does (privacy-scrubbed summaries → embeddings → k-means\n' +
        'hierarchy → names), joins each classifier\'s verdicts and your ground-truth labels, and reports\n' +
        'false-positive and false-negative rates per cluster with intervals and corrected tests.\n\n' +
        'Usage: $0 <command> [options]',
    )
    .command(runCommand)
    .command(gateCommand)
    .command(blessCommand)
    .command(reportCommand)
    .command(showCommand)
    .command(sampleCommand)
    .command(assignCommand)
    .command(mergeCommand)
    .demandCommand(1, 'Name a command: misfire run --help shows how to start.')
    .check(noStrayArguments)
    .example('$0 run --demo --out reports/demo', 'cluster the shipped demo data and write a report (offline)')
    .example('$0 run -c convs.jsonl -v verdicts.csv -l labels.csv -o reports/v7', 'your own data')
    .example('$0 gate --run reports/v7 --baseline v6 --candidate v7 --junit gate.xml', 'CI: exit 1 if v7 regresses on any cluster')
    .example('$0 report --run reports/v7', 're-render a run\'s report from its artifacts')
    .example('$0 show --run reports/v7 --classifier v7 --pocket 1 --kind fp', 'list the conversations of v7\'s first false-positive pocket')
    .example('$0 sample --run reports/prod --budget 500 --classifier v7', 'which conversations to label, for per-cluster rates on production traffic')
    .epilog(
      exitCodesHelp({
        success: 'success (gate: pass)',
        regression: 'gate found a regression',
        usage: 'bad input, usage or data error',
        unexpected: UNEXPECTED_ERROR_HELP,
        provider: 'the Claude provider failed (network, API or still failing after retries)',
      }),
    )
    .strict()
    // --help and --version print and return: main() sets process.exitCode and never ends the process itself.
    .exitProcess(false)
    .version(MISFIRE_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, err) => {
      if (err && err.name !== 'YError') throw err;
      process.stderr.write(`misfire: ${err?.message ?? message}\nRun with --help for usage.\n`);
      process.exitCode = EXIT_CODES.usage;
      throw new UsageReported();
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof UsageReported) return;
    reportError(err);
  }
}

class UsageReported extends Error {}

/** Words after the command that are no option (e.g. after `--`) would be ignored silently: refuse them. */
function noStrayArguments(argv: { _: (string | number)[] }): true {
  const stray = argv._.slice(1);
  if (stray.length) throw configError(`unexpected argument${stray.length > 1 ? 's' : ''} ${stray.map((a) => JSON.stringify(String(a))).join(', ')}: every input is named by an option (see --help)`);
  return true;
}

function reportError(err: unknown): void {
  if (isMisfireError(err)) {
    process.stderr.write(`misfire: ${err.code} error: ${err.message}\n`);
  } else {
    process.stderr.write(`misfire: unexpected error (please report it): ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exitCode = exitCodeFor(err);
}
