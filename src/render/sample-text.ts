/** The plain-words line about a labelling sample, shared by the report, report.md and the CLI summary. */
import type { RunRecord } from '../artifacts/run-record.js';
import { count } from './format.js';

/**
 * What the rates of a run made with `--sample` are, or null for a run without a sample.
 * @example
 * sampleText(run) // 'Rates are design-weighted estimates from a labelled sample: 150 of the 150 conversations drawn …'
 */
export function sampleText(run: Pick<RunRecord, 'sample' | 'inputs'>): string | null {
  const s = run.sample;
  if (!s) return null;
  const unlabelled = s.unlabelled > 0 ? ` (${count(s.unlabelled)} drawn but unlabelled: their strata's labelled conversations stand in for them)` : '';
  return (
    `Rates are design-weighted estimates from a labelled sample: ${count(s.labelled)} of the ${count(s.drawn)} conversations drawn ` +
    `in ${count(s.strata)} strata of the ${count(s.population)} (${run.inputs.sample?.file ?? 'sample'})${unlabelled}. ` +
    'Counts (n, tp, fp, tn, fn) are the labelled sample\'s; rates, intervals, excess errors and shares estimate the whole run.'
  );
}
