/**
 * A count table as CSV or TSV — the result of a SQL `GROUP BY cluster_id, classifier` over assignments
 * joined to verdicts and labels (the query is in the README) — read into a count table for `misfire merge`.
 * Columns: cluster_id (a leaf: L0-…), classifier, conversations and users (of the cluster, the same on each
 * of its rows), verdicts, flagged, and tn, fp, fn, tp (all four, or none: proxy mode).
 *
 * What such a table cannot carry is left out, not guessed: scores (no AUC or sweep), categories, concern,
 * label gaps. Distinct users of a parent cluster are not the sum of its leaves' (a user may write in
 * several); misfire takes the largest leaf's, a lower bound, so privacy errs on the side of suppressing.
 */
import { inputError } from '../errors.js';
import { BottomK, CLUSTER_SKETCH_SIZE, TOTAL_SKETCH_SIZE } from '../counts/bottom-k.js';
import { hash53 } from '../counts/hash.js';
import { STRIDE } from '../metrics/counts.js';
import { classifierCounts, emptyCountTable, type CountTable } from '../counts/table.js';
import type { FileDigest } from './file-digest.js';
import { displayName } from './input-bytes.js';
import { parseId } from './input-values.js';
import { readTableRows } from './table-batches.js';

const COUNT_COLUMNS = ['conversations', 'users', 'verdicts', 'flagged', 'tn', 'fp', 'fn', 'tp'] as const;

const SPEC = {
  columns: {
    cluster: { names: ['cluster_id'], required: true },
    classifier: { names: ['classifier'], required: true },
    conversations: { names: ['conversations'], required: true },
    users: { names: ['users'], required: true },
    verdicts: { names: ['verdicts'], required: true },
    flagged: { names: ['flagged'], required: true },
    tn: { names: ['tn'], required: false },
    fp: { names: ['fp'], required: false },
    fn: { names: ['fn'], required: false },
    tp: { names: ['tp'], required: false },
  },
  nothing: 'no counts to merge',
};

/**
 * Read a CSV/TSV count table for a model with `leaves` leaf clusters.
 * @example const table = await readCountTable('counts.csv', 93, newDigest('counts.csv'));
 */
export async function readCountTable(file: string, leaves: number, digest: FileDigest): Promise<CountTable> {
  const name = displayName(file);
  let table: CountTable | null = null;
  const clusterFacts = new Map<number, { conversations: number; users: number; line: number }>();
  for await (const { line, cells, names } of readTableRows(file, SPEC, digest)) {
    const where = (field: string) => ({ file: name, line, field: names[field] || field });
    if (table === null) {
      const confusion = ['tn', 'fp', 'fn', 'tp'].filter((c) => names[c] !== '');
      if (confusion.length !== 0 && confusion.length !== 4) throw inputError('give all of tn, fp, fn and tp, or none of them (proxy mode)', where(confusion[0]));
      table = emptyCountTable(leaves, confusion.length === 4);
    }
    const match = /^L0-(\d{3,})$/.exec(cells.cluster.trim());
    const leaf = match ? Number(match[1]) : -1;
    if (!(leaf >= 0 && leaf < leaves)) {
      throw inputError(`expected a leaf cluster id of the model, L0-000 … L0-${String(leaves - 1).padStart(3, '0')}, got ${JSON.stringify(cells.cluster)}`, where('cluster'));
    }
    const classifier = parseId(cells.classifier, where('classifier'));
    const value: Record<string, number> = {};
    for (const column of COUNT_COLUMNS) {
      if (names[column] === '') continue;
      const text = cells[column].trim();
      if (!/^\d+$/.test(text)) throw inputError(`expected a count (a whole number ≥ 0), got ${JSON.stringify(cells[column])}`, where(column));
      value[column] = Number(text);
    }
    const facts = clusterFacts.get(leaf);
    if (facts && (facts.conversations !== value.conversations || facts.users !== value.users)) {
      throw inputError(`cluster ${cells.cluster.trim()} has ${facts.conversations} conversations and ${facts.users} users on line ${facts.line}, but ${value.conversations} and ${value.users} here`, where('conversations'));
    }
    if (!facts) clusterFacts.set(leaf, { conversations: value.conversations, users: value.users, line });
    const counts = classifierCounts(table, classifier, null);
    const base = leaf * STRIDE;
    if (counts.cells[base + 4] !== 0) throw inputError(`a second row for cluster ${cells.cluster.trim()} and classifier "${classifier}"`, where('classifier'));
    if (value.verdicts > value.conversations || value.flagged > value.verdicts) throw inputError('expected flagged ≤ verdicts ≤ conversations', where('verdicts'));
    if (table.labelled && value.tn + value.fp + value.fn + value.tp > value.verdicts) throw inputError('expected tn + fp + fn + tp ≤ verdicts', where('tn'));
    counts.cells.set(table.labelled ? [value.tn, value.fp, value.fn, value.tp] : [0, 0, 0, 0], base);
    counts.cells[base + 4] = value.verdicts;
    counts.cells[base + 5] = value.flagged;
  }
  if (table === null) throw inputError('no counts to merge', { file: name });
  for (const [leaf, facts] of clusterFacts) {
    table.conversations[leaf] = facts.conversations;
    table.users[leaf] = nestedSketch(facts.users, CLUSTER_SKETCH_SIZE);
  }
  let mostUsers = 0;
  for (const facts of clusterFacts.values()) mostUsers = Math.max(mostUsers, facts.users);
  table.allUsers = nestedSketch(mostUsers, TOTAL_SKETCH_SIZE);
  for (const counts of table.classifiers.values()) {
    for (const [leaf, facts] of clusterFacts) counts.missing += facts.conversations - counts.cells[leaf * STRIDE + 4];
  }
  return table;
}

/**
 * A sketch standing for `users` distinct users: the first `users` of one fixed sequence of hashes, so that
 * a union of such sketches counts the largest of them (a lower bound of the true union), and large counts
 * estimate as they would for real hashes.
 */
function nestedSketch(users: number, k: number): BottomK {
  const sketch = new BottomK(k);
  for (let j = 0; j < users; j++) sketch.add(hash53(`user ${j}`));
  return sketch;
}
