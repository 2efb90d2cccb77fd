/** The `run.json` artifact: what went in, what was counted, how it was configured. Deterministic. */
import type { FileDigest } from '../io/file-digest.js';
import type { ConversationsRead } from '../io/read-conversations.js';
import type { LabelsRead } from '../io/read-labels.js';
import type { VerdictsRead } from '../io/read-verdicts.js';
import type { ProviderUsage } from '../providers/types.js';
import { MISFIRE_VERSION } from '../version.js';
import type { AnalyzeResult } from '../api/analyze.js';
import type { RunSettings } from '../api/settings.js';

export const RUN_SCHEMA = 'misfire.run/v1';

export interface InputRecord {
  file: string;
  sha256: string | null;
  bytes: number;
}

export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  misfire_version: string;
  seed: number;
  settings: RunSettings;
  provider: { name: string; usage: ProviderUsage };
  inputs: { conversations: InputRecord; verdicts: InputRecord[]; labels: InputRecord | null; embeddings: InputRecord | null };
  rows: {
    conversations: number;
    users: number;
    classifiers: string[];
    verdict_rows_read: number;
    verdict_rows_without_verdict: number;
    label_rows_read: number;
    labels_unknown: number;
    /** Rows read but not used: verdict rows with neither score nor flagged, label rows with an empty label. */
    rejected: number;
  };
  missing: {
    unknown_verdict_ids: number;
    unknown_label_ids: number;
    unlabelled_conversations: number;
    conversations_without_verdict: Record<string, number>;
    details: string[];
  };
  clusters: { levels: { level: number; clusters: number; suppressed: number }[] };
  stages: string[];
}

const input = (d: FileDigest): InputRecord => ({ file: d.file, sha256: d.sha256, bytes: d.bytes });

export function buildRunRecord(parts: {
  settings: RunSettings;
  conversations: ConversationsRead;
  verdicts: VerdictsRead;
  labels: LabelsRead | null;
  embeddings: FileDigest | null;
  result: AnalyzeResult;
  usage: ProviderUsage;
}): RunRecord {
  const { settings, conversations, verdicts, labels, result, usage } = parts;
  const gaps = result.joined.gaps;
  return {
    schema: RUN_SCHEMA,
    misfire_version: MISFIRE_VERSION,
    seed: settings.seed,
    settings,
    provider: { name: settings.provider, usage },
    inputs: {
      conversations: input(conversations.digest),
      verdicts: verdicts.digests.map(input),
      labels: labels ? input(labels.digest) : null,
      embeddings: parts.embeddings ? input(parts.embeddings) : null,
    },
    rows: {
      conversations: conversations.rows,
      users: result.userCount,
      classifiers: result.joined.classifiers.map((c) => c.name),
      verdict_rows_read: verdicts.rowsRead,
      verdict_rows_without_verdict: verdicts.emptyRows,
      label_rows_read: labels?.rowsRead ?? 0,
      labels_unknown: labels?.unknown ?? 0,
      rejected: verdicts.emptyRows + (labels?.unknown ?? 0),
    },
    missing: {
      unknown_verdict_ids: gaps.unknownVerdictIds,
      unknown_label_ids: gaps.unknownLabelIds,
      unlabelled_conversations: gaps.unlabelled,
      conversations_without_verdict: Object.fromEntries(result.joined.classifiers.map((c) => [c.name, c.missing])),
      details: result.gapLines,
    },
    clusters: {
      levels: result.hierarchy.levels.map((level) => ({
        level: level.level,
        clusters: level.k,
        suppressed: result.clusters.filter((c) => c.level === level.level && c.suppressed).length,
      })),
    },
    stages: result.clock.timings.map((t) => t.stage),
  };
}
