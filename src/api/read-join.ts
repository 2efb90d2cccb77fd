/**
 * Read verdict and label files into join columns (src/counts/join-columns.ts) row by row, for the streaming
 * commands: nothing is held per row but a few bytes per (conversation, classifier). Where a row goes is the
 * caller's `slotFor`: a streamed run knows every conversation first (a row naming none is counted as
 * unknown at once); `misfire assign` reads the verdicts first and gives each new id a slot.
 */
import type { FileDigest } from '../io/file-digest.js';
import type { ReadOptions } from '../io/input-bytes.js';
import { displayName } from '../io/input-bytes.js';
import { readLabelRows } from '../io/read-labels.js';
import { readVerdictRows } from '../io/read-verdicts.js';
import { duplicateRow, JoinColumns } from '../counts/join-columns.js';
import { noteExample, type CountTable } from '../counts/table.js';
import { thresholdsByClassifier, type RunSettings } from './settings.js';

export interface JoinRead {
  columns: JoinColumns;
  verdictDigests: FileDigest[];
  labelDigest: FileDigest | null;
}

/**
 * Fill join columns from the files, counting rows read (and rows naming no conversation, when `slotFor`
 * says −1) into `table.read`.
 * @example const { columns } = await readJoin({ verdicts, labels, settings, table, capacity: n, slotFor: (id) => ids.find(id) });
 */
export async function readJoin(options: {
  verdicts: readonly string[];
  labels: string | null;
  settings: Pick<RunSettings, 'threshold' | 'thresholds'>;
  table: CountTable;
  capacity: number;
  slotFor: (id: string) => number;
  reading?: ReadOptions;
}): Promise<JoinRead> {
  const { table, slotFor } = options;
  const columns = new JoinColumns(options.capacity, { threshold: options.settings.threshold, byClassifier: thresholdsByClassifier(options.settings.thresholds) });
  const verdictsRead = await readVerdictRows(options.verdicts, options.reading ?? {}, (row, f, keyField) => {
    const slot = slotFor(row.conversationId);
    if (slot < 0) {
      if (row.score === null && row.flagged === null) return;
      table.read.unknownVerdictIds++;
      noteExample(table, 'unknownVerdictIds', row.conversationId);
      return;
    }
    if (!columns.setVerdict(slot, row.classifier, row.score, row.flagged, row.line)) {
      throw duplicateRow('verdict', row.conversationId, row.classifier, { file: displayName(options.verdicts[f]), line: row.line, field: keyField });
    }
  });
  table.read.verdictRowsRead += verdictsRead.rowsRead;
  table.read.verdictRowsWithoutVerdict += verdictsRead.emptyRows;
  let labelDigest: FileDigest | null = null;
  if (options.labels) {
    const file = options.labels;
    const labelsRead = await readLabelRows(file, options.reading ?? {}, (row, keyField) => {
      const slot = slotFor(row.conversationId);
      if (slot < 0) {
        table.read.unknownLabelIds++;
        noteExample(table, 'unknownLabelIds', row.conversationId);
        return;
      }
      if (!columns.setLabel(slot, row.label, row.category)) throw duplicateRow('label', row.conversationId, null, { file: displayName(file), line: row.line, field: keyField });
    });
    table.read.labelRowsRead += labelsRead.rowsRead;
    table.read.labelsUnknown += labelsRead.unknown;
    labelDigest = labelsRead.digest;
  }
  return { columns, verdictDigests: verdictsRead.digests, labelDigest };
}

/**
 * After `misfire assign` has read its conversations: the verdict and label rows whose slot no conversation
 * claimed name no conversation of the shard. Counts them, and (only when there are some) reads the files
 * again for the smallest example ids.
 * @example await countUnclaimed({ verdicts, labels, columns, claimed, slots: ids.size, slotOf: (id) => ids.find(id), table });
 */
export async function countUnclaimed(options: {
  verdicts: readonly string[];
  labels: string | null;
  columns: JoinColumns;
  claimed: Uint8Array;
  slots: number;
  slotOf: (id: string) => number;
  table: CountTable;
}): Promise<void> {
  const { columns, claimed, table } = options;
  let verdictRows = 0;
  let labelRows = 0;
  for (let slot = 0; slot < options.slots; slot++) {
    if (claimed[slot]) continue;
    for (const c of columns.classifiers.values()) if (c.flagged[slot] >= 0) verdictRows++;
    if (columns.label && columns.label[slot] !== -2) labelRows++;
  }
  table.read.unknownVerdictIds += verdictRows;
  table.read.unknownLabelIds += labelRows;
  const unclaimed = (id: string) => {
    const slot = options.slotOf(id);
    return slot >= 0 && !claimed[slot];
  };
  if (verdictRows > 0) {
    await readVerdictRows(options.verdicts, {}, (row) => {
      if ((row.score !== null || row.flagged !== null) && unclaimed(row.conversationId)) noteExample(table, 'unknownVerdictIds', row.conversationId);
    });
  }
  if (labelRows > 0 && options.labels) {
    await readLabelRows(options.labels, {}, (row) => {
      if (unclaimed(row.conversationId)) noteExample(table, 'unknownLabelIds', row.conversationId);
    });
  }
}
