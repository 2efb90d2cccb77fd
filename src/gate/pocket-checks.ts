/**
 * The pockets found among the baseline's errors, checked as slices: on each pocket's member conversations
 * the paired rate of the error it was found among (FPR over its benign members for an FP pocket, FNR over
 * its harmful members for an FN pocket), exact McNemar, Benjamini–Hochberg across the pockets (one family of
 * its own, apart from the clusters) and the clusters' rule and settings.
 *
 * One metric per pocket: a pocket's members were drawn from one denominator (benign conversations for FP
 * pockets, harmful ones for FN pockets), so the other rate would have no support and only add checks that can
 * never be judged. Members labelled otherwise at gate time (new labels) are left out of the rate.
 */
import { MisfireError } from '../errors.js';
import { benjaminiHochberg } from '../stats/index.js';
import { pairedFields } from './paired-check.js';
import { pairedCounts, type GroupCounts } from './paired-counts.js';
import { checkStatus } from './rule.js';
import type { GateInput, GateMetric, GatePocket, GatePocketCheck, GatePocketKind, GatePocketsResult, GatePocketsStatus, GateSettings } from './types.js';

export const SUPPRESSED_POCKET_NAME = '(suppressed pocket)';
export const UNNAMED_POCKET_NAME = '(unnamed pocket)';
const METRIC_OF: Record<GatePocketKind, GateMetric> = { false_positive: 'fpr', false_negative: 'fnr' };

/** What a report may show as a pocket's name: never the text of a suppressed pocket. */
export function gatePocketName(pocket: Pick<GatePocket, 'label' | 'suppressed'>): string {
  if (pocket.suppressed) return SUPPRESSED_POCKET_NAME;
  return pocket.label && pocket.label.trim() !== '' ? pocket.label : UNNAMED_POCKET_NAME;
}

/** The sentence a gate output shows about the pockets of `classifier`'s errors. */
export function pocketsNote(status: GatePocketsStatus, classifier: string, count: number): string {
  switch (status) {
    case 'checked':
      return (
        `${count} pocket${count === 1 ? '' : 's'} found among the errors of ${classifier} in the run, each checked on its own ` +
        'kind of error (FPR over the benign members of an FP pocket, FNR over the harmful members of an FN pocket)'
      );
    case 'none_found':
      return `the run searched the errors of ${classifier} and found no pockets: no pocket checks`;
    case 'not_searched':
      return `the run did not search the errors of ${classifier} for pockets (no labels, --permutations 0, or labels from a sample): no pocket checks`;
    case 'not_recorded':
      return 'the run has no pockets.csv (written before misfire searched errors for pockets): no pocket checks';
  }
}

/**
 * Check every pocket of `input.pockets`, in the order given.
 * @example
 * checkPockets({ ...input, pockets: { status: 'checked', pockets: [{ id: 'FP-1', kind: 'false_positive', label: 'Pentest', suppressed: false, members }] } }, settings)
 * // { classifier: 'v2', status: 'checked', note: '1 pocket found …', checks: [{ scope: 'pocket', pocket_id: 'FP-1', metric: 'fpr', … }] }
 */
export function checkPockets(input: GateInput, settings: GateSettings): GatePocketsResult {
  const given = input.pockets ?? { status: 'not_recorded', pockets: [] };
  const pockets = given.status === 'checked' ? given.pockets : [];
  const status: GatePocketsStatus = given.status === 'checked' && pockets.length === 0 ? 'none_found' : given.status;
  const rows = pockets.map((pocket) => {
    const metric = METRIC_OF[pocket.kind];
    const counts = countMembers(input, pocket)[metric];
    return {
      scope: 'pocket' as const,
      pocket_id: pocket.id,
      pocket_name: gatePocketName(pocket),
      kind: pocket.kind,
      suppressed: pocket.suppressed,
      members: pocket.members.length,
      ...pairedFields(counts, metric),
    };
  });
  const q = benjaminiHochberg(rows.map((r) => r.p));
  const checks: GatePocketCheck[] = rows.map((row, i) => {
    const decided = checkStatus({ support: row.support, increase: row.increase, significance: q[i], maxIncrease: settings.max_increase }, settings, 'q');
    return { ...row, q: q[i], ...decided };
  });
  return { classifier: input.baseline, status, note: pocketsNote(status, input.baseline, checks.length), checks };
}

/** Paired counts on a pocket's members only. */
function countMembers(input: GateInput, pocket: GatePocket): GroupCounts {
  const n = input.labels.length;
  const size = pocket.members.length;
  const labels = new Int8Array(size);
  const baseline = new Int8Array(size);
  const candidate = new Int8Array(size);
  pocket.members.forEach((member, j) => {
    if (!(member >= 0 && member < n)) throw new MisfireError('gate', `pocket ${pocket.id} names conversation ${member} of ${n}`);
    labels[j] = input.labels[member];
    baseline[j] = input.baselineFlags[member];
    candidate[j] = input.candidateFlags[member];
  });
  return pairedCounts(labels, baseline, candidate, new Int32Array(size), 1)[0];
}
