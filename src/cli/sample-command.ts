/** `misfire sample`: choose which conversations of a run to send to human review (a stratified labelling sample). */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { relative, resolve } from 'node:path';
import { DEFAULT_SAMPLE_FILE, sampleRun, type SampleOutcome } from '../api/sample.js';
import { DEFAULT_ERROR_PRIOR, DEFAULT_MIN_PER_STRATUM } from '../sampling/index.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneNumber, oneText, oneWholeNumber } from './flag-values.js';

export const sampleOptions = {
  run: { type: 'string', coerce: oneText('--run'), demandOption: true, describe: 'A run folder written by `misfire run --out` (its clusters, and the verdict and label files recorded in run.json).' },
  budget: { type: 'string', coerce: oneWholeNumber('--budget'), demandOption: true, describe: 'How many conversations to send for labelling.' },
  classifier: { type: 'string', coerce: oneText('--classifier'), demandOption: true, describe: "The classifier whose rates the sample is for: its verdicts split every leaf cluster into flagged / not flagged strata." },
  out: { alias: 'o', type: 'string', coerce: oneText('--out'), defaultDescription: DEFAULT_SAMPLE_FILE, describe: 'Where to write the sample. An existing file is replaced only when misfire sample wrote it.' },
  seed: { type: 'string', coerce: oneWholeNumber('--seed'), defaultDescription: "the run's seed", describe: 'Random seed of the draw; same run, flags and seed give a byte-identical file.' },
  'min-per-stratum': {
    type: 'string',
    coerce: oneWholeNumber('--min-per-stratum'),
    defaultDescription: String(DEFAULT_MIN_PER_STRATUM),
    describe: 'Least conversations drawn from every stratum (all of a smaller one), so every cluster gets some labels and a variance.',
  },
  'fn-cost': {
    type: 'string',
    coerce: oneNumber('--fn-cost'),
    defaultDescription: '1',
    describe: 'What a missed harmful conversation costs against a wrongly flagged benign one: above 1 moves labels towards pinning down the FNR.',
  },
} satisfies Record<string, Options>;

const EPILOG = [
  'Strata are leaf cluster × verdict. The budget is split by Neyman allocation, n_h ∝ N_h·S_h, where S_h says how much a label',
  `from stratum h narrows its cluster's FPR and FNR (from a Beta(${DEFAULT_ERROR_PRIOR.wrong}, ${DEFAULT_ERROR_PRIOR.right}) prior on wrong verdicts, updated by the run's labels when`,
  'it has them), each stratum getting at least --min-per-stratum; inside a stratum conversations are drawn at random. The report',
  "of the run that uses the sample states the rule in full (Methods). sample.csv lists conversation_id,stratum,inclusion_probability",
  'in the run\'s order: label those conversations (conversation_id,label), then run misfire with --labels and --sample; every',
  'rate is then estimated with design weights and intervals that account for the sample.',
  exitCodesHelp({
    success: 'sample written',
    usage: 'bad usage or input: an unreadable run, an unknown classifier, a budget below the floors, an --out misfire did not write (the message names the file and field)',
    unexpected: UNEXPECTED_ERROR_HELP,
  }),
].join('\n');

export const sampleCommand: CommandModule<object, InferredOptionTypes<typeof sampleOptions>> = {
  command: 'sample',
  describe: 'Choose which conversations to send for labelling: a stratified sample that measures every cluster.',
  builder: (y) =>
    y
      .options(sampleOptions)
      .example('$0 sample --run reports/prod --budget 500 --classifier v7', 'write sample.csv: 500 conversations to label for v7')
      .example('$0 run -c convs.jsonl -v verdicts.csv -l sampled-labels.csv --sample sample.csv -o reports/prod-labelled', 'then: per-cluster FPR and FNR from those labels')
      .example('$0 sample --run reports/prod --budget 300 --classifier v7 --fn-cost 3 --out review/batch-1.csv', 'misses cost three times a false flag')
      .epilog(EPILOG),
  handler: async (args) => {
    const outcome = await sampleRun({
      run: args.run,
      budget: args.budget,
      classifier: args.classifier,
      out: args.out,
      seed: args.seed,
      minPerStratum: args.minPerStratum,
      fnCost: args.fnCost,
    });
    process.stdout.write(sampleSummary(outcome, args.out ?? DEFAULT_SAMPLE_FILE));
  },
};

/**
 * What `misfire sample` prints: the sample, its largest strata, and the command that uses it.
 * @example sampleSummary(outcome, 'sample.csv'); // 'misfire sample: 500 of 120000 conversations (0.4%) in 186 strata, seed 42\n…'
 */
export function sampleSummary(outcome: SampleOutcome, out: string): string {
  const { plan, stored } = outcome;
  const drawn = plan.picks.length;
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const input = (file: string) => shown(resolve(stored.dir, file));
  const inputs = stored.run.inputs;
  const top = [...plan.strata].sort((a, b) => b.sampled - a.sampled || (a.name < b.name ? -1 : 1)).slice(0, 5);
  const lines = [
    `misfire sample: ${drawn} of ${outcome.conversations} conversations (${((100 * drawn) / outcome.conversations).toFixed(1)}%) in ${plan.strata.length} strata, seed ${outcome.seed}` +
      (outcome.usedLabels ? ", error shares updated by the run's labels" : ''),
    ...top.map((s) => `  ${s.name}: ${s.sampled} of ${s.population}`),
    `sample: ${shown(resolve(out))}`,
    'next: label these conversations (conversation_id,label), then',
    `  misfire run -c ${input(inputs.conversations.file)} ${inputs.verdicts.map((v) => `-v ${input(v.file)}`).join(' ')} --labels LABELS.csv --sample ${shown(resolve(out))} --out REPORT_DIR`,
  ];
  return `${lines.join('\n')}\n`;
}
