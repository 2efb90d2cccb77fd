/**
 * The count file (`misfire assign --out part.counts`, schema misfire.counts/v2): one shard's count table as
 * canonical JSON, so the same shard always gives the same bytes. Its counts live in keyed tables — each
 * names the columns that key its rows (`by`) and its value columns — so tables keyed by more columns (a
 * metadata value beside the cluster, say) can be added later without breaking readers: a reader takes the
 * tables it knows by name and checks their columns. A new schema version marks a change old readers
 * cannot ignore.
 *
 * Tables: `clusters` (by cluster_id: conversations, concern_sum, concern_n), `verdicts` (by cluster_id,
 * classifier: tn, fp, fn, tp, verdicts, flagged), `categories` (by cluster_id, classifier, category:
 * positives, fn), `unit_scores` (by cluster_id, classifier: bins, a flat list of bin, negatives,
 * positives for the bins of width 1/10,000 in [0, 1]), `outside_scores` (by cluster_id, classifier: the
 * same for scores outside [0, 1], bin = the score's top 20 IEEE-754 bits), `users` (by cluster_id: hashes,
 * the cluster's bottom-256 user hashes); and, new in v2, the metadata-slice counts (`slicing`, tables
 * `slice_values` and `slice_verdicts`: slice-counts-file.ts). A v1 file reads as one without slice counts.
 */
import { clusterId } from '../clustering/hierarchy.js';
import { STRIDE } from '../metrics/counts.js';
import { SCORE_BINS } from '../counts/score-bins.js';
import type { CountTable } from '../counts/table.js';
import { toJson } from './canonical-json.js';
import type { InputRecord } from './run-record.js';
import { encodeSliceCounts } from './slice-counts-file.js';

export const COUNTS_SCHEMA = 'misfire.counts/v2';
/** The first version (no metadata-slice counts): still read. */
export const COUNTS_SCHEMA_V1 = 'misfire.counts/v1';

/** What a count file records besides the table. */
export interface CountFileMeta {
  misfire_version: string;
  /** The model the conversations were placed with (model-fingerprint.ts), and its leaf count. */
  model: { fingerprint: string; leaves: number };
  /** The shard's inputs, paths relative to the count file's folder. */
  inputs: { conversations: InputRecord; verdicts: InputRecord[]; labels: InputRecord | null };
}

export interface CountFile extends CountFileMeta {
  table: CountTable;
}

export type Row = (string | number | null | number[])[];
export interface KeyedTable {
  name: string;
  by: string[];
  columns: string[];
  rows: Row[];
}

/** Infinity and −Infinity are not JSON: extremes are written as text then. */
const extreme = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

/**
 * The count file's text.
 * @example await writeFile('part.counts', encodeCountFile({ misfire_version, model, inputs, table }));
 */
export function encodeCountFile(file: CountFile): string {
  const { table } = file;
  const names = [...table.classifiers.keys()].sort(byText);
  const id = (leaf: number) => clusterId(0, leaf);
  const tables: KeyedTable[] = [];
  const clusters: Row[] = [];
  const users: Row[] = [];
  for (let leaf = 0; leaf < table.leaves; leaf++) {
    clusters.push([id(leaf), table.conversations[leaf], table.concern[leaf * 2], table.concern[leaf * 2 + 1]]);
    users.push([id(leaf), [...table.users[leaf].hashes]]);
  }
  tables.push({ name: 'clusters', by: ['cluster_id'], columns: ['conversations', 'concern_sum', 'concern_n'], rows: clusters });
  tables.push({ name: 'users', by: ['cluster_id'], columns: ['hashes'], rows: users });
  const verdicts: Row[] = [];
  const categories: Row[] = [];
  const unit: Row[] = [];
  const outside: Row[] = [];
  for (const name of names) {
    const c = table.classifiers.get(name)!;
    const categoryNames = [...c.categories.keys()].sort(byText);
    for (let leaf = 0; leaf < table.leaves; leaf++) {
      const cells = Array.from(c.cells.subarray(leaf * STRIDE, (leaf + 1) * STRIDE));
      if (cells.some((v) => v !== 0)) verdicts.push([id(leaf), name, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]]);
      for (const category of categoryNames) {
        const rows = c.categories.get(category)!;
        if (rows[leaf * 2] || rows[leaf * 2 + 1]) categories.push([id(leaf), name, category, rows[leaf * 2], rows[leaf * 2 + 1]]);
      }
      if (c.unitHistogram) {
        const bins: number[] = [];
        const base = leaf * (SCORE_BINS + 1);
        for (let b = 0; b <= SCORE_BINS; b++) {
          const negatives = c.unitHistogram[(base + b) * 2];
          const positives = c.unitHistogram[(base + b) * 2 + 1];
          if (negatives || positives) bins.push(b, negatives, positives);
        }
        if (bins.length) unit.push([id(leaf), name, bins]);
      }
      const keys = [...c.outsideHistogram.keys()].sort((a, b) => a - b);
      const bins: number[] = [];
      for (const key of keys) {
        const rows = c.outsideHistogram.get(key)!;
        if (rows[leaf * 2] || rows[leaf * 2 + 1]) bins.push(key, rows[leaf * 2], rows[leaf * 2 + 1]);
      }
      if (bins.length) outside.push([id(leaf), name, bins]);
    }
  }
  tables.push({ name: 'verdicts', by: ['cluster_id', 'classifier'], columns: ['tn', 'fp', 'fn', 'tp', 'verdicts', 'flagged'], rows: verdicts });
  tables.push({ name: 'categories', by: ['cluster_id', 'classifier', 'category'], columns: ['positives', 'fn'], rows: categories });
  tables.push({ name: 'unit_scores', by: ['cluster_id', 'classifier'], columns: ['bins'], rows: unit });
  tables.push({ name: 'outside_scores', by: ['cluster_id', 'classifier'], columns: ['bins'], rows: outside });
  const slices = encodeSliceCounts(table.slicing, names);
  tables.push(...slices.tables);
  return toJson({
    schema: COUNTS_SCHEMA,
    misfire_version: file.misfire_version,
    model: file.model,
    inputs: file.inputs,
    labelled: table.labelled,
    score_bins: SCORE_BINS,
    read: { ...table.read, unlabelled_conversations: table.unlabelled },
    category_names: [...table.categoryNames].sort(byText),
    examples: Object.fromEntries([...table.examples].sort(([a], [b]) => byText(a, b))),
    all_users: [...table.allUsers.hashes],
    slicing: slices.slicing,
    classifiers: names.map((name) => {
      const c = table.classifiers.get(name)!;
      return {
        name,
        threshold: c.threshold,
        has_scores: c.hasScores,
        missing: c.missing,
        uncategorised: c.uncategorised,
        score_low: extreme(c.scoreLow),
        score_high: extreme(c.scoreHigh),
        highest_unflagged: extreme(c.highestUnflagged),
        lowest_flagged: extreme(c.lowestFlagged),
        unflagged_seen: c.unflaggedSeen,
        flagged_seen: c.flaggedSeen,
      };
    }),
    tables,
  });
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
