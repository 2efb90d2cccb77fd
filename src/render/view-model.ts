/**
 * The report's view-model: everything the templates show, already formatted, built from the run's
 * artifacts alone (so `misfire report --run DIR` re-renders without recomputing). Plain data; templates
 * escape every string ({{…}}, never {{{…}}}).
 */
import type { ClusterRecord } from '../api/analyze.js';
import type { MetricsDocument } from '../api/metrics-document.js';
import type { RunRecord } from '../api/run-record.js';
import type { ClassifierMetrics, ClusterMetrics } from '../pipeline/metrics.js';
import { count, interval, pct, pValue, signed } from './format.js';

export interface ReportInput {
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: ClusterRecord[];
  now: Date;
}

export interface PocketRow {
  clusterId: string;
  name: string;
  description: string;
  level: number;
  support: number;
  rate: string;
  ci: string;
  overall: string;
  excess: string;
  share: string;
  q: string;
}

export interface ClassifierView {
  name: string;
  n: string;
  confusion: { tp: string; fp: string; tn: string; fn: string };
  fpr: string;
  fprCi: string;
  fnr: string;
  fnrCi: string;
  precision: string;
  recall: string;
  fpPockets: PocketRow[];
  fnPockets: PocketRow[];
}

export interface ReportView {
  title: string;
  generated: string;
  version: string;
  seed: number;
  conversations: string;
  users: string;
  labelsPresent: boolean;
  inputs: { role: string; file: string; sha256: string }[];
  missing: string[];
  privacy: { minUsers: number; minConversations: number; suppressed: number };
  classifiers: ClassifierView[];
}

export function buildViewModel(input: ReportInput): ReportView {
  const { run, metrics, clusters } = input;
  const byId = new Map(clusters.map((c) => [c.cluster_id, c]));
  const inputs = [
    { role: 'conversations', ...run.inputs.conversations },
    ...run.inputs.verdicts.map((v) => ({ role: 'verdicts', ...v })),
    ...(run.inputs.labels ? [{ role: 'labels', ...run.inputs.labels }] : []),
  ].map((i) => ({ role: i.role, file: i.file, sha256: (i.sha256 ?? '').slice(0, 12) }));
  return {
    title: 'misfire report',
    generated: input.now.toISOString(),
    version: run.misfire_version,
    seed: run.seed,
    conversations: count(run.rows.conversations),
    users: count(run.rows.users),
    labelsPresent: metrics.labels_present,
    inputs,
    missing: run.missing.details,
    privacy: {
      minUsers: run.settings.minUsers,
      minConversations: run.settings.minConversations,
      suppressed: clusters.filter((c) => c.suppressed).length,
    },
    classifiers: metrics.classifiers.map((c) => classifierView(c, byId)),
  };
}

function classifierView(c: ClassifierMetrics, byId: Map<string, ClusterRecord>): ClassifierView {
  const rows = new Map(c.clusters.map((r) => [r.cluster_id, r]));
  const pocket = (id: string, kind: 'fp' | 'fn'): PocketRow => {
    const r = rows.get(id) as ClusterMetrics;
    const record = byId.get(id);
    return {
      clusterId: id,
      name: record?.label ?? '(suppressed cluster)',
      description: record?.description ?? '',
      level: r.level,
      support: kind === 'fp' ? r.fp + r.tn : r.fn + r.tp,
      rate: pct(kind === 'fp' ? r.fpr : r.fnr),
      ci: interval(kind === 'fp' ? r.fpr_ci : r.fnr_ci),
      overall: pct(kind === 'fp' ? c.overall.fpr : c.overall.fnr),
      excess: signed(kind === 'fp' ? r.excess_fp : r.excess_fn),
      share: pct(kind === 'fp' ? r.share_fp : r.share_fn),
      q: pValue(kind === 'fp' ? r.fpr_q : r.fnr_q),
    };
  };
  const o = c.overall;
  return {
    name: c.name,
    n: count(o.n),
    confusion: { tp: count(o.tp), fp: count(o.fp), tn: count(o.tn), fn: count(o.fn) },
    fpr: pct(o.fpr),
    fprCi: interval(o.fpr_ci),
    fnr: pct(o.fnr),
    fnrCi: interval(o.fnr_ci),
    precision: pct(o.precision),
    recall: pct(o.recall),
    fpPockets: c.pockets.false_positive.map((id) => pocket(id, 'fp')),
    fnPockets: c.pockets.false_negative.map((id) => pocket(id, 'fn')),
  };
}
