/**
 * Count a batch of placed conversations into a table, reading their verdicts and labels from join columns
 * by slot: the inner loop of `misfire assign` and of a streamed `misfire run`.
 */
import { STRIDE, VERDICTS } from '../metrics/counts.js';
import { hash53 } from './hash.js';
import type { JoinColumns } from './join-columns.js';
import { countSliceConversation, countSliceVerdict } from './slice-counts.js';
import { classifierCounts, countConversation, countVerdict, type CountTable, type CountedConversation } from './table.js';

export interface PlacedConversations {
  ids: readonly string[];
  userIds: readonly string[];
  /** Slot of each conversation in the join columns, −1 when it has no verdict or label row. */
  slots: Int32Array;
  leaves: Int32Array;
  /** Concern 1–5, NaN when unknown. */
  concern: Float64Array;
  /** Per conversation, its value (text or null) of each of `table.slicing`'s fields; needed when the table counts slices. */
  sliceValues?: readonly (readonly (string | null)[])[];
}

/**
 * Count each conversation and each classifier's verdict on it (every classifier of `columns`).
 * @example countBatch(table, columns, { ids, userIds, slots, leaves, concern });
 */
export function countBatch(table: CountTable, columns: JoinColumns, batch: PlacedConversations): void {
  const classifiers = [...columns.classifiers.values()].map((column) => ({ column, counts: classifierCounts(table, column.name, column.threshold) }));
  const { label, category, categories } = columns;
  const slicing = table.slicing?.length ? table.slicing : null;
  if (slicing && !batch.sliceValues) throw new RangeError('countBatch: the table counts metadata slices, the batch has no slice values');
  const sliceValues = batch.sliceValues ?? [];
  for (let i = 0; i < batch.ids.length; i++) {
    const slot = batch.slots[i];
    const labelCode = slot >= 0 && label ? label[slot] : -1;
    const categoryCode = slot >= 0 && category ? category[slot] : -1;
    const counted: CountedConversation = {
      id: batch.ids[i],
      leaf: batch.leaves[i],
      userHash: hash53(batch.userIds[i]),
      concern: batch.concern[i],
      label: labelCode < 0 ? -1 : labelCode,
      category: categoryCode < 0 ? null : categories[categoryCode],
    };
    countConversation(table, counted);
    const valueCounts = slicing ? countSliceConversation(slicing, sliceValues[i], counted.userHash) : null;
    for (const { column, counts } of classifiers) {
      const f = slot >= 0 && slot < column.flagged.length ? column.flagged[slot] : -1;
      const score = f >= 0 && column.score ? column.score[slot] : NaN;
      countVerdict(table, counts, counted, f < 0 ? -1 : f, score);
      if (valueCounts && f >= 0) countSliceVerdict(valueCounts, column.name, f, table.labelled ? counted.label : -1);
    }
  }
}

/**
 * Drop classifiers that gave no verdict on any counted conversation (as a run over conversations in memory
 * never sees them). Their gap examples stay: merged with a shard where the classifier did give verdicts,
 * they are examples of its missing verdicts there too.
 * @example dropSilentClassifiers(table); // before writing a count file
 */
export function dropSilentClassifiers(table: CountTable): void {
  for (const [name, counts] of table.classifiers) {
    let verdicts = 0;
    for (let leaf = 0; leaf < table.leaves; leaf++) verdicts += counts.cells[leaf * STRIDE + VERDICTS];
    if (verdicts > 0) continue;
    table.classifiers.delete(name);
  }
}
