/**
 * run.json of a run computed from count tables (a streamed `misfire run`, or `misfire merge`): the same
 * record as any run (run-record.ts), with the rows and gaps the table counted, plus what only such a run
 * has — `fit` (the sample the clusters were fitted on) or `shards` (the count files merged, with their
 * sha256) — as extra top-level fields, which readers of misfire.run/v1 ignore.
 */
import type { CountTable } from '../counts/table.js';
import type { ProviderUsage } from '../providers/types.js';
import type { RunSettings } from '../types.js';
import { MISFIRE_VERSION } from '../version.js';
import type { RunWarning } from '../warnings.js';
import type { ClusterRecord } from './cluster-record.js';
import { RUN_SCHEMA, type InputRecord, type RunRecord } from './run-record.js';

/** A count file merged into a run, as run.json lists it. */
export interface ShardRecord extends InputRecord {
  conversations: number;
  /** The shard's own inputs, as its count file recorded them (paths relative to the run folder). */
  inputs: { conversations: InputRecord; verdicts: InputRecord[]; labels: InputRecord | null };
}

export interface CountsRunRecord extends RunRecord {
  /** Streamed run: the clusters, names and examples were fitted on `sample` of the `conversations`. */
  fit?: { sample: number; conversations: number };
  /** Merged run: the count files added up, in the order given. */
  shards?: ShardRecord[];
  /** The fitted model the conversations were placed with (count files carry the same fingerprint). */
  model?: { fingerprint: string };
}

/**
 * run.json for a run whose numbers come from `table`.
 * @example countsRunRecord({ settings, table, inputs, clusters, gapLines, usage, warnings, stages, extra: { fit } });
 */
export function countsRunRecord(parts: {
  settings: RunSettings;
  table: CountTable;
  inputs: RunRecord['inputs'];
  clusters: readonly ClusterRecord[];
  gapLines: string[];
  usage: ProviderUsage;
  warnings: readonly RunWarning[];
  stages: string[];
  extra: Pick<CountsRunRecord, 'fit' | 'shards' | 'model'>;
}): CountsRunRecord {
  const { settings, table, clusters } = parts;
  const read = table.read;
  const names = [...table.classifiers.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const levels = [...new Set(clusters.map((c) => c.level))].sort((a, b) => a - b);
  return {
    schema: RUN_SCHEMA,
    misfire_version: MISFIRE_VERSION,
    seed: settings.seed,
    settings,
    provider: { name: settings.provider, usage: parts.usage },
    inputs: parts.inputs,
    rows: {
      conversations: table.conversations.reduce((s, n) => s + n, 0),
      users: table.allUsers.count(),
      classifiers: names,
      verdict_rows_read: read.verdictRowsRead,
      verdict_rows_without_verdict: read.verdictRowsWithoutVerdict,
      label_rows_read: read.labelRowsRead,
      labels_unknown: read.labelsUnknown,
      rejected: read.verdictRowsWithoutVerdict + read.unknownVerdictIds + read.unknownLabelIds,
    },
    missing: {
      unknown_verdict_ids: read.unknownVerdictIds,
      unknown_label_ids: read.unknownLabelIds,
      unlabelled_conversations: table.unlabelled,
      conversations_without_verdict: Object.fromEntries(names.map((name) => [name, table.classifiers.get(name)?.missing ?? 0])),
      details: parts.gapLines,
    },
    clusters: {
      levels: levels.map((level) => ({
        level,
        clusters: clusters.filter((c) => c.level === level).length,
        suppressed: clusters.filter((c) => c.level === level && c.suppressed).length,
      })),
    },
    facets_fallback: { conversations: 0, failed: 0, refused: 0 },
    stages: parts.stages,
    warnings: parts.warnings.map((w) => ({ code: w.code, message: w.message })),
    ...parts.extra,
  };
}
