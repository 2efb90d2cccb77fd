/**
 * `misfire gate`: compare a candidate classifier with a baseline on the same clusters and exit 0 (pass),
 * 1 (regression) or 2 (usage or data error — including too little data to judge). The exit code is
 * read off the one computed gate value; the printed verdict comes from the same value. The rule's
 * defaults shown in --help are DEFAULT_GATE_SETTINGS (what config/gate.json ships).
 */
import { writeFile } from 'node:fs/promises';
import { makeFolders } from '../artifacts/output-folder.js';
import { dirname } from 'node:path';
import { renderRunReport } from '../api/report.js';
import { buildGateView } from '../render/gate-view.js';
import type { ArgumentsCamelCase, CommandModule, InferredOptionTypes, Options } from 'yargs';
import { gateAgainstBaseline, gateRun } from '../api/gate.js';
import { configError, EXIT_CODES } from '../errors.js';
import { toJson } from '../artifacts/canonical-json.js';
import { GATE_SCHEMA } from '../gate/compute-gate.js';
import { gateJunit } from '../gate/junit.js';
import { gateMarkdown } from '../gate/markdown.js';
import { gateSummaryLines } from '../gate/summary-text.js';
import { DEFAULT_GATE_SETTINGS, type GateResult, type GateVerdict } from '../gate/types.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneNumber, oneSwitch, oneText, oneWholeNumber, textList } from './flag-values.js';

/** The only place a gate verdict becomes an exit code. */
export const GATE_EXIT_CODES: Record<GateVerdict, number> = {
  pass: EXIT_CODES.success,
  fail: EXIT_CODES.regression,
  insufficient_data: EXIT_CODES.usage,
};

export const gateOptions = {
  run: { type: 'string', coerce: oneText('--run'), describe: 'A run folder whose verdict inputs hold both the baseline and the candidate.' },
  'baseline-run': { type: 'string', coerce: oneText('--baseline-run'), describe: 'A stored baseline run folder (see `misfire bless`); the candidate comes from --verdicts.' },
  baseline: {
    type: 'string',
    coerce: oneText('--baseline'),
    defaultDescription: "with --baseline-run, the run's only other classifier",
    describe: 'Baseline classifier name (with --run: not the candidate).',
  },
  candidate: { type: 'string', coerce: oneText('--candidate'), demandOption: true, describe: 'Candidate classifier name (the new version).' },
  verdicts: { alias: 'v', type: 'string', array: true, coerce: textList('--verdicts'), describe: 'With --baseline-run: the new verdict CSV(s) (conversation_id,classifier,score,flagged), each file once.' },
  conversations: { alias: 'c', type: 'string', coerce: oneText('--conversations'), describe: 'With --baseline-run: text of conversations the baseline run has not seen; they are placed at the nearest baseline cluster.' },
  labels: { alias: 'l', type: 'string', coerce: oneText('--labels'), describe: 'With --baseline-run: labels to use instead of the baseline run\'s (e.g. covering new conversations).' },
  config: { type: 'string', coerce: oneText('--config'), defaultDescription: 'config/gate.json', describe: `Gate rule JSON (${Object.keys(DEFAULT_GATE_SETTINGS).join(', ')}).` },
  'max-increase': {
    type: 'string',
    coerce: oneNumber('--max-increase'),
    defaultDescription: String(DEFAULT_GATE_SETTINGS.max_increase),
    describe: 'A cluster or pocket fails when its FPR or FNR rises by at least this much (absolute).',
  },
  alpha: {
    type: 'string',
    coerce: oneNumber('--alpha'),
    defaultDescription: String(DEFAULT_GATE_SETTINGS.alpha),
    describe: 'Significance: BH-adjusted q (clusters, pockets) or p (overall) must be below this to fail.',
  },
  'min-support': {
    type: 'string',
    coerce: oneWholeNumber('--min-support'),
    defaultDescription: String(DEFAULT_GATE_SETTINGS.min_support),
    describe: 'Checks on fewer paired conversations end as insufficient_data, never pass.',
  },
  'max-overall-increase': {
    type: 'string',
    coerce: oneNumber('--max-overall-increase'),
    defaultDescription: String(DEFAULT_GATE_SETTINGS.max_overall_increase),
    describe: 'The overall FPR or FNR fails when it rises by at least this much.',
  },
  json: { type: 'string', coerce: oneText('--json'), describe: `Write the gate as canonical JSON (${GATE_SCHEMA}) to this file.` },
  junit: { type: 'string', coerce: oneText('--junit'), describe: 'Write JUnit XML (one test case per cluster × metric and per pocket) to this file.' },
  markdown: { type: 'string', coerce: oneText('--markdown'), describe: 'Write a Markdown summary (for PR comments or $GITHUB_STEP_SUMMARY) to this file.' },
  html: { type: 'string', coerce: oneText('--html'), describe: 'Write the run\'s HTML report with a gate section to this file (report.md beside it).' },
  quiet: { alias: 'q', type: 'boolean', coerce: oneSwitch('--quiet'), default: false, describe: 'Print only the verdict line.' },
} satisfies Record<string, Options>;

type GateOptionValues = InferredOptionTypes<typeof gateOptions>;
type GateArgs = ArgumentsCamelCase<GateOptionValues>;

async function computeFromArgs(args: GateArgs): Promise<GateResult> {
  const common = {
    candidate: args.candidate,
    config: args.config ?? null,
    settings: { max_increase: args.maxIncrease, alpha: args.alpha, min_support: args.minSupport, max_overall_increase: args.maxOverallIncrease },
  };
  if (args.run !== undefined && args.baselineRun !== undefined) throw configError('use either --run or --baseline-run, not both');
  if (args.run !== undefined) {
    for (const flag of ['verdicts', 'conversations', 'labels'] as const) {
      if (args[flag] !== undefined) throw configError(`--${flag} goes with --baseline-run; with --run the verdicts and labels are the run's own`);
    }
    if (!args.baseline) throw configError('name the baseline classifier with --baseline');
    return gateRun({ ...common, run: args.run, baseline: args.baseline });
  }
  if (args.baselineRun !== undefined) {
    if (!args.verdicts?.length) throw configError('with --baseline-run, name the new verdicts with --verdicts FILE');
    return gateAgainstBaseline({
      ...common,
      baselineRun: args.baselineRun,
      verdicts: args.verdicts,
      baseline: args.baseline ?? null,
      conversations: args.conversations ?? null,
      labels: args.labels ?? null,
    });
  }
  throw configError('name what to compare: --run DIR (both versions in one run) or --baseline-run DIR --verdicts NEW.csv');
}

async function writeOutput(file: string | undefined, content: string): Promise<void> {
  if (!file) return;
  try {
    await makeFolders(dirname(file));
    await writeFile(file, content);
  } catch (err) {
    throw configError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

export const gateCommand: CommandModule<object, GateOptionValues> = {
  command: 'gate',
  describe: 'CI gate: fail when a candidate classifier regresses on any cluster or on a pocket of the baseline\'s errors (paired exact McNemar, BH per level and across the pockets).',
  builder: (y) =>
    y
      .options(gateOptions)
      .example('$0 gate --run reports/pr --baseline detector-v2 --candidate detector-v3 --junit gate.xml', 'both versions scored in one run')
      .example('$0 gate --baseline-run .misfire/baseline -v new.csv --candidate detector-v3 --markdown gate.md', 'new verdicts on the stored baseline\'s clusters')
      .epilog(
        'Each cluster (every level) and the overall rates are checked for FPR (over benign) and FNR (over harmful) conversations:\n' +
          '  fail = rose by ≥ max_increase with q < alpha on ≥ min_support conversations; warn = rose but not significantly\n' +
          '  (or significantly but by less); insufficient_data = fewer than min_support conversations; pass otherwise.\n' +
          'The pockets the run found among the baseline\'s errors (pockets.csv) are checked the same way, each on its own ' +
          'error (FPR over the benign members of an FP pocket, FNR over the harmful members of an FN pocket), with BH ' +
          'across the pockets; a run without pockets.csv has no pocket checks (the outputs say so). Conversations placed ' +
          'from --conversations belong to no pocket.\n' +
          exitCodesHelp({
            success: 'pass (warnings allowed)',
            regression: 'regression',
            usage:
              'usage or data error (a flag given twice, missing or mismatched verdicts, unknown classifier, the same ' +
              'classifier as baseline and candidate with --run, unreadable run, or too little data to judge the overall rates)',
            unexpected: UNEXPECTED_ERROR_HELP,
          }),
      ),
  handler: async (args) => {
    const gate = await computeFromArgs(args);
    await writeOutput(args.json, toJson(gate));
    await writeOutput(args.junit, gateJunit(gate));
    await writeOutput(args.markdown, gateMarkdown(gate));
    const reportRun = args.run ?? args.baselineRun;
    if (args.html && reportRun) await renderRunReport({ run: reportRun, out: args.html, gate: buildGateView(gate) });
    const lines = gateSummaryLines(gate);
    process.stdout.write(`${(args.quiet ? lines.slice(0, 1) : lines).join('\n')}\n`);
    process.exitCode = GATE_EXIT_CODES[gate.verdict];
  },
};
