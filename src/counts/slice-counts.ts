/**
 * Per-field counts for metadata slices of a count-based run: for each slicing field (chosen once, on the
 * fit sample, by the rule of a run in memory: src/slicing/fields.ts), per value (text, or null for "no
 * value"): conversations, a bottom-k sketch of their users and, per classifier, the confusion cells of
 * src/metrics/counts.ts (TN, FP, FN, TP, VERDICTS, FLAGGED). Values first seen after the sample are counted
 * like any other. Everything adds, so shards merge exactly. Only field dimensions: `--cross` (value ×
 * cluster) is not counted. Pure.
 */
import { FLAGGED, STRIDE, VERDICTS } from '../metrics/counts.js';
import { valueText, type FieldChoice } from '../slicing/fields.js';
import type { Conversation } from '../types.js';
import { BottomK, CLUSTER_SKETCH_SIZE } from './bottom-k.js';

/** One value of one field. */
export interface SliceValueCounts {
  conversations: number;
  users: BottomK;
  /** Classifier name → STRIDE cells. */
  cells: Map<string, Int32Array>;
}

/** One slicing field and its values (in the order first seen; metrics sort them). */
export interface SliceFieldCounts extends FieldChoice {
  values: Map<string | null, SliceValueCounts>;
}

/**
 * Empty counts for the chosen fields.
 * @example const slicing = emptySliceCounts([{ field: 'channel', source: 'metadata' }]);
 */
export function emptySliceCounts(fields: readonly FieldChoice[]): SliceFieldCounts[] {
  return fields.map(({ field, source }) => ({ field, source, values: new Map() }));
}

/**
 * The counts of `value` of a field, created empty on first use.
 * @example sliceValueCounts(slicing[0], 'api').conversations++;
 */
export function sliceValueCounts(field: SliceFieldCounts, value: string | null): SliceValueCounts {
  let counts = field.values.get(value);
  if (!counts) field.values.set(value, (counts = { conversations: 0, users: new BottomK(CLUSTER_SKETCH_SIZE), cells: new Map() }));
  return counts;
}

/**
 * The STRIDE cells of `classifier` in one value's counts, created empty on first use.
 * @example sliceCells(sliceValueCounts(slicing[0], 'api'), 'v7')[TP]++;
 */
export function sliceCells(counts: SliceValueCounts, classifier: string): Int32Array {
  let cells = counts.cells.get(classifier);
  if (!cells) counts.cells.set(classifier, (cells = new Int32Array(STRIDE)));
  return cells;
}

/**
 * Count one conversation in the value it has of each field (`values[f]` for field f).
 * @example countSliceConversation(slicing, ['api', null], hash53('u1'));
 */
export function countSliceConversation(slicing: readonly SliceFieldCounts[], values: readonly (string | null)[], userHash: number): SliceValueCounts[] {
  return slicing.map((field, f) => {
    const counts = sliceValueCounts(field, values[f]);
    counts.conversations++;
    counts.users.add(userHash);
    return counts;
  });
}

/**
 * Count one verdict (flagged 1/0; label 1/0, or −1 when unknown or unlabelled) in the value counts of a
 * conversation (what countSliceConversation returned), as leafCounts does per conversation.
 * @example countSliceVerdict(valueCounts, 'v7', 1, 0); // a false positive
 */
export function countSliceVerdict(valueCounts: readonly SliceValueCounts[], classifier: string, flagged: number, label: number): void {
  for (const counts of valueCounts) {
    const cells = sliceCells(counts, classifier);
    cells[VERDICTS]++;
    cells[FLAGGED] += flagged;
    if (label >= 0) cells[label * 2 + flagged]++;
  }
}

/**
 * Add the slice counts of disjoint sets of conversations. Both must count the same fields, in the same
 * order; otherwise `fail` makes the error from the difference.
 * @example const all = mergeSliceCounts(a.slicing, b.slicing, (why) => new Error(why));
 */
export function mergeSliceCounts(a: readonly SliceFieldCounts[], b: readonly SliceFieldCounts[], fail: (why: string) => Error): SliceFieldCounts[] {
  if (fieldsText(a) !== fieldsText(b)) throw fail(`they count metadata slices of different fields (${fieldsText(a) || 'none'} and ${fieldsText(b) || 'none'})`);
  const out = emptySliceCounts(a);
  for (const part of [a, b]) {
    part.forEach((field, f) => {
      for (const [value, from] of field.values) {
        const into = sliceValueCounts(out[f], value);
        into.conversations += from.conversations;
        into.users.addAll(from.users);
        for (const [name, cells] of from.cells) {
          const target = sliceCells(into, name);
          for (let s = 0; s < STRIDE; s++) target[s] += cells[s];
        }
      }
    });
  }
  return out;
}

/**
 * Each conversation's value of each field, as a run in memory reads them (slicing/fields.ts `valueText`):
 * metadata fields from the conversation, the language facet from `languages` (the placer's facets).
 * @example fieldValues([{ field: 'channel', source: 'metadata' }], conversations, languages)[0]; // ['api']
 */
export function fieldValues(fields: readonly FieldChoice[], conversations: readonly Conversation[], languages: readonly (string | null)[]): (string | null)[][] {
  return conversations.map((c, i) => fields.map((f) => (f.source === 'facet' ? languages[i] ?? null : valueText(c.metadata.get(f.field)))));
}

/**
 * The fields as text, e.g. `channel (metadata), language (facet)`: to compare and to name them in messages.
 * @example fieldsText([{ field: 'channel', source: 'metadata' }]); // 'channel (metadata)'
 */
export function fieldsText(fields: readonly FieldChoice[]): string {
  return fields.map((f) => `${f.field} (${f.source})`).join(', ');
}
