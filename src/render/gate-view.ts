/**
 * The CI gate's section of the HTML report: a view-model for templates/partials/gate.hbs, built from a
 * `GateResult` (pass it as `ReportInput.gate`). Every string is plain text (the template escapes it);
 * suppressed clusters, pockets and slice values appear only as "(suppressed cluster)" / "(suppressed pocket)" /
 * "(suppressed value)".
 */
import { allChecks, describeP, METRIC_NAMES, percent, pocketsHeading, sliceChecks, type AnyCheck } from '../gate/describe-check.js';
import type { CheckStatus, GateResult, GateVerdict } from '../gate/types.js';

export interface GateRowView {
  /** `#cluster-…` anchor of the cluster's detail in the same report; null for overall rows. */
  clusterId: string | null;
  /** `FP-1`, `FN-2`, … for pocket rows, `S1-000` for slice rows; null otherwise. */
  pocketId: string | null;
  name: string;
  level: string;
  metric: string;
  support: string;
  baselineRate: string;
  baselineCi: string;
  candidateRate: string;
  candidateCi: string;
  change: string;
  p: string;
  q: string;
  status: string;
  statusClass: string;
  reason: string;
}

export interface GateView {
  verdict: GateVerdict;
  verdictText: string;
  verdictClass: string;
  baseline: string;
  candidate: string;
  paired: string;
  placed: string | null;
  rule: string;
  /** Cluster checks (every level) by status; the overall checks are not counted here. */
  counts: { fail: number; warn: number; pass: number; insufficient: number };
  overall: GateRowView[];
  failing: GateRowView[];
  warnings: GateRowView[];
  insufficient: GateRowView[];
  /** The pockets of the baseline's errors: every one of them, or the sentence saying why there are none. */
  pockets: { heading: string; note: string; rows: GateRowView[] };
  /** The slices of the run's slicing dimensions: failing and warning ones listed, every status counted. */
  slices: { note: string; counts: { fail: number; warn: number; pass: number; insufficient: number }; rows: GateRowView[] };
}

const VERDICT_TEXT: Record<GateVerdict, string> = {
  pass: 'Pass: no cluster, pocket or slice regressed',
  fail: 'Fail: the candidate regressed',
  insufficient_data: 'Insufficient data: too few labelled conversations to judge the overall rates',
};

const STATUS_TEXT: Record<CheckStatus, string> = { pass: 'pass', warn: 'warn', fail: 'fail', insufficient_data: 'insufficient data' };

function ci(range: [number, number] | null): string {
  return range ? `${percent(range[0])}–${percent(range[1])}` : '—';
}

function rowName(check: AnyCheck): string {
  if (check.scope === 'pocket') return check.pocket_name;
  if (check.scope === 'slice') return check.slice_name;
  return check.scope === 'overall' ? 'All conversations' : (check.cluster_name ?? '');
}

function row(check: AnyCheck): GateRowView {
  const change = check.increase === null ? '—' : `${check.increase > 0 ? '+' : check.increase < 0 ? '−' : '±'}${(Math.abs(check.increase) * 100).toFixed(1)} pts`;
  return {
    clusterId: check.scope === 'pocket' || check.scope === 'slice' ? null : check.cluster_id,
    pocketId: check.scope === 'pocket' ? check.pocket_id : check.scope === 'slice' ? check.slice_id : null,
    name: rowName(check),
    level: check.scope === 'pocket' || check.scope === 'slice' || check.level === null ? '' : `L${check.level}`,
    metric: METRIC_NAMES[check.metric],
    support: check.support.toLocaleString('en-US'),
    baselineRate: percent(check.baseline.rate),
    baselineCi: ci(check.baseline.ci),
    candidateRate: percent(check.candidate.rate),
    candidateCi: ci(check.candidate.ci),
    change,
    p: describeP(check.p),
    q: check.scope === 'overall' ? '—' : describeP(check.q),
    status: STATUS_TEXT[check.status],
    statusClass: `gate-${check.status.replace('_', '-')}`,
    reason: check.reason,
  };
}

function statusCounts(checks: readonly AnyCheck[]): GateView['counts'] {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  return { fail: count('fail'), warn: count('warn'), pass: count('pass'), insufficient: count('insufficient_data') };
}

/**
 * View-model of the gate section.
 * @example
 * renderReport({ run, metrics, clusters, now, gate: buildGateView(gate) });
 */
export function buildGateView(gate: GateResult): GateView {
  const s = gate.settings;
  const clusters = allChecks(gate).filter((c) => c.scope === 'cluster');
  const slices = sliceChecks(gate);
  const placed = gate.source?.placed_conversations ?? 0;
  return {
    verdict: gate.verdict,
    verdictText: VERDICT_TEXT[gate.verdict],
    verdictClass: `gate-${gate.verdict.replace('_', '-')}`,
    baseline: gate.baseline,
    candidate: gate.candidate,
    paired: `${gate.paired.conversations.toLocaleString('en-US')} paired labelled conversations (${gate.paired.negatives.toLocaleString('en-US')} benign, ${gate.paired.positives.toLocaleString('en-US')} harmful)`,
    placed: placed > 0 ? `${placed.toLocaleString('en-US')} conversations new to the baseline run were placed at their nearest baseline cluster.` : null,
    rule:
      `A cluster fails when its FPR or FNR rises by at least ${(s.max_increase * 100).toFixed(1)} points with a Benjamini–Hochberg ` +
      `adjusted one-sided exact McNemar p (q) below ${s.alpha} on at least ${s.min_support} paired conversations; the overall rate fails ` +
      `when it rises by at least ${(s.max_overall_increase * 100).toFixed(1)} points with p below ${s.alpha}. Fewer than ` +
      `${s.min_support} conversations: insufficient data, never a pass.`,
    counts: statusCounts(clusters),
    overall: gate.overall.map(row),
    failing: clusters.filter((c) => c.status === 'fail').map(row),
    warnings: clusters.filter((c) => c.status === 'warn').map(row),
    insufficient: clusters.filter((c) => c.status === 'insufficient_data').map(row),
    pockets: { heading: pocketsHeading(gate), note: `${gate.pockets.note.charAt(0).toUpperCase()}${gate.pockets.note.slice(1)}.`, rows: gate.pockets.checks.map(row) },
    slices: {
      note: `${gate.slices.note.charAt(0).toUpperCase()}${gate.slices.note.slice(1)}.`,
      counts: statusCounts(slices),
      rows: slices.filter((c) => c.status === 'fail' || c.status === 'warn').map(row),
    },
  };
}
