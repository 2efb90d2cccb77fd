/**
 * Test helper: a report input built by hand, without running misfire — leaf counts of one classifier,
 * a hierarchy over them, cluster records named after their ids, and optional pockets found among the errors.
 */
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { metricsDocument } from '../../src/artifacts/metrics-document.js';
import { RUN_SCHEMA, type RunRecord } from '../../src/artifacts/run-record.js';
import { DEFAULT_SETTINGS } from '../../src/api/settings.js';
import { clusterId } from '../../src/clustering/hierarchy.js';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS } from '../../src/metrics/confusion.js';
import { errorPocketRow, type ErrorKind, type ErrorPocketMetrics } from '../../src/metrics/error-pockets.js';
import { emptyUsage } from '../../src/providers/types.js';
import type { ReportInput } from '../../src/render/view-model.js';
import { conversationsFromCounts, hierarchyOf, verdictsOf } from '../metrics/fixtures.js';

export type LeafCounts = readonly (readonly [number, number, number, number])[];

export interface CraftedReport {
  /** [tn, fp, fn, tp] per leaf. */
  leaves: LeafCounts;
  /** Per level above the leaves, child → parent (as in hierarchyOf). */
  parents?: number[][];
  /** Cluster ids withheld for privacy. */
  suppressed?: string[];
  /** Pockets found among the errors, per kind; omitted = the run did not search. */
  errorPockets?: { false_positive: ErrorPocketMetrics[]; false_negative: ErrorPocketMetrics[] };
}

const NOW = new Date('2025-01-02T03:04:05Z');

/**
 * @example
 * const input = craftedReport({ leaves: [[50, 2, 30, 10], [100, 3, 5, 40]] });
 * buildViewModel(input).classifiers[0].fnPockets.total;
 */
export function craftedReport(spec: CraftedReport): ReportInput {
  const data = conversationsFromCounts(spec.leaves);
  const hierarchy = hierarchyOf(data.leafOf, spec.leaves.length, spec.parents ?? []);
  const suppressed = new Set(spec.suppressed ?? []);
  const metrics = classifierMetrics(hierarchy, verdictsOf('clf', data.flagged), data.labels, DEFAULT_METRICS_SETTINGS, (l, c) => suppressed.has(clusterId(l, c)));
  if (spec.errorPockets) {
    const search = (pockets: ErrorPocketMetrics[]) => ({ pockets, searched: data.labels.length, candidates: 12, permutations: 49 });
    metrics.error_pockets = { false_positive: search(spec.errorPockets.false_positive), false_negative: search(spec.errorPockets.false_negative) };
  }
  const clusters: ClusterRecord[] = hierarchy.levels.flatMap((level) =>
    Array.from(level.sizes, (size, c): ClusterRecord => {
      const id = clusterId(level.level, c);
      const hidden = suppressed.has(id);
      return {
        cluster_id: id,
        parent_id: level.parentOf ? clusterId(level.level + 1, level.parentOf[c]) : null,
        level: level.level,
        label: hidden ? null : `Topic ${id}`,
        description: hidden ? null : `About ${id}.`,
        size,
        unique_users: size,
        suppressed: hidden,
        suppression_reason: hidden ? 'few_users' : null,
        terms: [],
        examples: [],
      };
    }),
  );
  const settings = { ...DEFAULT_SETTINGS, provider: 'offline', permutations: spec.errorPockets ? 49 : 0 };
  return { run: runRecord(settings, data.labels.length, clusters), metrics: metricsDocument({ joined: { labels: data.labels }, metrics: [metrics] }, settings), clusters, now: NOW };
}

/**
 * One pocket found among the errors, named `label` (null = suppressed), inside leaf `L0-000`.
 * @example
 * errorPocket('FP-1', 'false_positive', 'Security questions', { n: 40, errors: 30 });
 */
export function errorPocket(id: string, kind: ErrorKind, label: string | null, counts: { n: number; errors: number }): ErrorPocketMetrics {
  const row = errorPocketRow(id, kind, { ...counts, users: counts.n, p: 0.02, statistic: 20, leaves: [{ cluster_id: 'L0-000', n: counts.n }] }, { n: 1000, errors: 100 });
  return { ...row, label, description: label === null ? null : `${label}: described.`, terms: [], suppressed: label === null };
}

function runRecord(settings: typeof DEFAULT_SETTINGS, conversations: number, clusters: readonly ClusterRecord[]): RunRecord {
  const levels = [...new Set(clusters.map((c) => c.level))].map((level) => ({
    level,
    clusters: clusters.filter((c) => c.level === level).length,
    suppressed: clusters.filter((c) => c.level === level && c.suppressed).length,
  }));
  const file = { file: 'conversations.jsonl', sha256: null, bytes: 0 };
  return {
    schema: RUN_SCHEMA,
    misfire_version: '0.0.0-test',
    seed: settings.seed,
    settings,
    provider: { name: settings.provider, usage: emptyUsage() },
    inputs: { conversations: file, verdicts: [file], labels: file, embeddings: null },
    rows: { conversations, users: conversations, classifiers: ['clf'], verdict_rows_read: conversations, verdict_rows_without_verdict: 0, label_rows_read: conversations, labels_unknown: 0, rejected: 0 },
    missing: { unknown_verdict_ids: 0, unknown_label_ids: 0, unlabelled_conversations: 0, conversations_without_verdict: {}, details: [] },
    clusters: { levels },
    facets_fallback: { conversations: 0, failed: 0, refused: 0 },
    stages: [],
    warnings: [],
  };
}
