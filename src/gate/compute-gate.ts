/**
 * The CI gate as a pure function: paired exact McNemar tests of a candidate classifier against a baseline,
 * overall and per cluster at every level, for the false-positive rate (over benign conversations) and the
 * false-negative rate (over harmful ones), Benjamini–Hochberg across the clusters of a level, and the rule
 * of `rule.ts`; the pockets found among the baseline's errors (pocket-checks.ts) and the slices of the run's
 * slicing dimensions (slice-checks.ts) are checked the same way.
 * No I/O, no exit codes: the result is a value.
 *
 * The BH family of a level and metric is every cluster with at least one paired conversation (as in the
 * run's metrics), so thin clusters make the correction more conservative, never less.
 */
import { MisfireError } from '../errors.js';
import { benjaminiHochberg } from '../stats/index.js';
import { pairedFields } from './paired-check.js';
import { designPairedFields, type DesignPairedFields } from './design-paired.js';
import { pairedCounts, type PairedCounts } from './paired-counts.js';
import { checkPockets } from './pocket-checks.js';
import { checkSlices } from './slice-checks.js';
import { checkStatus } from './rule.js';
import { validateGateSettings } from './settings.js';
import type { CheckStatus, GateCheck, GateCluster, GateInput, GateLevelResult, GateMetric, GateResult, GateVerdict, PairedCheck } from './types.js';

export const GATE_SCHEMA = 'misfire.gate/v3';
export const SUPPRESSED_NAME = '(suppressed cluster)';
export const UNNAMED_NAME = '(unnamed cluster)';
const METRICS: readonly GateMetric[] = ['fpr', 'fnr'];

/** What a report may show as a cluster's name: never the text of a suppressed cluster. */
export function gateClusterName(cluster: GateCluster): string {
  if (cluster.suppressed) return SUPPRESSED_NAME;
  return cluster.label && cluster.label.trim() !== '' ? cluster.label : UNNAMED_NAME;
}

/**
 * Compute the gate.
 * @example
 * const gate = computeGate({ baseline: 'v2', candidate: 'v3', labels, baselineFlags, candidateFlags, levels, settings: DEFAULT_GATE_SETTINGS });
 * gate.verdict; // 'fail' when some cluster's FPR or FNR rose by ≥ 5 points with q < 0.05 on ≥ 20 conversations
 */
export function computeGate(input: GateInput): GateResult {
  const settings = validateGateSettings(input.settings);
  const n = input.labels.length;
  const overallCounts = pairedCounts(input.labels, input.baselineFlags, input.candidateFlags, new Int32Array(n), 1)[0];
  const paired = overallCounts.fpr.support + overallCounts.fnr.support;
  if (paired === 0) {
    throw new MisfireError('gate', `no labelled conversation was scored by both "${input.baseline}" and "${input.candidate}": nothing to compare`);
  }
  const design = input.design ?? null;
  const weighted = (groupOf: Int32Array, groups: number) =>
    design ? designPairedFields(input.labels, input.baselineFlags, input.candidateFlags, groupOf, groups, design) : null;
  const overallWeighted = weighted(new Int32Array(n), 1)?.[0];
  const overall = METRICS.map((metric) => {
    const check = baseCheck(overallCounts[metric], metric, null, null, overallWeighted?.[metric]);
    const decided = checkStatus(
      { support: check.support, increase: check.increase, significance: check.p, maxIncrease: settings.max_overall_increase },
      settings,
      'p',
    );
    return { ...check, ...decided };
  });
  const levels: GateLevelResult[] = input.levels.map((level) => {
    if (level.membership.length !== n) throw new MisfireError('gate', `level ${level.level} membership covers ${level.membership.length} of ${n} conversations`);
    const counts = pairedCounts(input.labels, input.baselineFlags, input.candidateFlags, level.membership, level.clusters.length);
    const levelWeighted = weighted(level.membership, level.clusters.length);
    const checks: GateCheck[] = [];
    for (const metric of METRICS) {
      const rows = level.clusters.map((cluster, c) => baseCheck(counts[c][metric], metric, cluster, level.level, levelWeighted?.[c][metric]));
      const q = benjaminiHochberg(rows.map((r) => r.p));
      rows.forEach((row, c) => {
        const decided = checkStatus(
          { support: row.support, increase: row.increase, significance: q[c], maxIncrease: settings.max_increase },
          settings,
          'q',
        );
        checks.push({ ...row, q: q[c], ...decided });
      });
    }
    // Cluster by cluster, FPR before FNR: the order a reader (and a JUnit viewer) scans.
    const order = new Map(level.clusters.map((c, i) => [c.id, i]));
    checks.sort((a, b) => (order.get(a.cluster_id as string) as number) - (order.get(b.cluster_id as string) as number) || METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric));
    return { level: level.level, checks };
  });
  const pockets = checkPockets(input, settings);
  const slices = checkSlices(input, settings);
  const all: PairedCheck[] = [...overall, ...levels.flatMap((l) => l.checks), ...pockets.checks, ...slices.dimensions.flatMap((d) => d.checks)];
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, insufficient_data: 0 };
  for (const check of all) counts[check.status]++;
  return {
    schema: GATE_SCHEMA,
    verdict: gateVerdict(overall, all),
    baseline: input.baseline,
    candidate: input.candidate,
    settings,
    paired: { conversations: paired, negatives: overallCounts.fpr.support, positives: overallCounts.fnr.support },
    counts,
    overall,
    levels,
    pockets,
    slices,
    ...(input.design ? { design: { note: DESIGN_NOTE } } : {}),
  };
}

/** What the gate says when its rates are design-weighted (a run made with --sample). */
export const DESIGN_NOTE =
  "rates and changes are design-weighted estimates from the run's labelled sample (weights N_h/m_h per stratum); intervals and McNemar tests use effective sample sizes; counts are the labelled sample's";

function gateVerdict(overall: readonly GateCheck[], all: readonly PairedCheck[]): GateVerdict {
  if (all.some((c) => c.status === 'fail')) return 'fail';
  if (overall.some((c) => c.status === 'insufficient_data')) return 'insufficient_data';
  return 'pass';
}

/** Everything of a cluster or overall check except its q and status (`weighted`: the design-weighted fields, with a sample). */
function baseCheck(counts: PairedCounts, metric: GateMetric, cluster: GateCluster | null, level: number | null, weighted?: DesignPairedFields): Omit<GateCheck, 'status' | 'reason'> {
  return {
    scope: cluster ? 'cluster' : 'overall',
    level,
    cluster_id: cluster?.id ?? null,
    cluster_name: cluster ? gateClusterName(cluster) : null,
    suppressed: cluster?.suppressed ?? false,
    ...(weighted ?? pairedFields(counts, metric)),
  };
}
