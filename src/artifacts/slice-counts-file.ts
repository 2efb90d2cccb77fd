/**
 * The metadata-slice part of a count file (schema misfire.counts/v2; counts-file.ts): `slicing` lists the
 * fields counted, in order (`[{ field, source }]`; null when none were counted), and two keyed tables hold
 * their counts — `slice_values` (by field, value: conversations, hashes = the value's bottom-256 user
 * hashes) and `slice_verdicts` (by field, value, classifier: tn, fp, fn, tp, verdicts, flagged). A value
 * is text, or null for the conversations without one. A count file v1 has none of them: it reads as "slices
 * not counted" (table.slicing = null).
 */
import { BottomK, CLUSTER_SKETCH_SIZE } from '../counts/bottom-k.js';
import { emptySliceCounts, sliceCells, sliceValueCounts, type SliceFieldCounts } from '../counts/slice-counts.js';
import { STRIDE } from '../metrics/counts.js';
import { compareValues } from '../slicing/dimensions.js';
import type { FieldChoice } from '../slicing/fields.js';
import type { KeyedTable, Row } from './counts-file.js';
import { aString, aWholeNumber, listOf, objectOf, oneOf, orNull, ShapeMismatch } from './json-shape.js';

const VALUES = { name: 'slice_values', by: ['field', 'value'], columns: ['conversations', 'hashes'] };
const VERDICTS = { name: 'slice_verdicts', by: ['field', 'value', 'classifier'], columns: ['tn', 'fp', 'fn', 'tp', 'verdicts', 'flagged'] };

/**
 * The `slicing` field and the slice tables of a count file (rows in field order, then value order).
 * @example const { slicing, tables } = encodeSliceCounts(table.slicing, ['v7']);
 */
export function encodeSliceCounts(counts: readonly SliceFieldCounts[] | null, classifiers: readonly string[]): { slicing: FieldChoice[] | null; tables: KeyedTable[] } {
  if (counts === null) return { slicing: null, tables: [] };
  const values: Row[] = [];
  const verdicts: Row[] = [];
  for (const field of counts) {
    for (const value of [...field.values.keys()].sort(compareValues)) {
      const c = field.values.get(value) as NonNullable<ReturnType<typeof field.values.get>>;
      values.push([field.field, value, c.conversations, [...c.users.hashes]]);
      for (const name of classifiers) {
        const cells = c.cells.get(name);
        if (cells && cells.some((v) => v !== 0)) verdicts.push([field.field, value, name, ...cells]);
      }
    }
  }
  return { slicing: counts.map(({ field, source }) => ({ field, source })), tables: [{ ...VALUES, rows: values }, { ...VERDICTS, rows: verdicts }] };
}

const fieldChoice = objectOf<FieldChoice>({ field: aString, source: oneOf(['metadata', 'facet'] as const) });

/**
 * The slice counts of a parsed count file: null when it has none (v1, or `slicing: null`). Throws a
 * ShapeMismatch naming the field when they are malformed.
 * @example const slicing = decodeSliceCounts(doc.slicing, doc.tables, new Set(['v7']));
 */
export function decodeSliceCounts(slicing: unknown, tables: readonly { name: string; by: string[]; columns: string[]; rows: unknown[] }[], classifiers: ReadonlySet<string>): SliceFieldCounts[] | null {
  const fields = at(['slicing'], () => orNull(listOf(fieldChoice))(slicing));
  if (fields === null) return null;
  const out = emptySliceCounts(fields);
  const byName = new Map(out.map((f) => [f.field, f]));
  tables.forEach((t, ti) => {
    const spec = t.name === VALUES.name ? VALUES : t.name === VERDICTS.name ? VERDICTS : null;
    if (!spec) return;
    if (t.by.join() !== spec.by.join() || t.columns.join() !== spec.columns.join()) {
      throw new ShapeMismatch(`table "${spec.name}" keyed by ${spec.by.join(', ')} with columns ${spec.columns.join(', ')}`, `${t.by.join(', ')}: ${t.columns.join(', ')}`, ['tables', ti]);
    }
    t.rows.forEach((raw, ri) => {
      const path = ['tables', ti, 'rows', ri];
      const width = spec.by.length + spec.columns.length;
      if (!Array.isArray(raw) || raw.length !== width) throw new ShapeMismatch(`a row of ${width} cells`, raw, path);
      const field = byName.get(at([...path, 0], () => aString(raw[0])));
      if (!field) throw new ShapeMismatch('a field listed in "slicing"', raw[0], [...path, 0]);
      const value = at([...path, 1], () => orNull(aString)(raw[1]));
      const counts = sliceValueCounts(field, value);
      if (spec === VALUES) {
        counts.conversations = at([...path, 2], () => aWholeNumber(raw[2]));
        const users = new BottomK(CLUSTER_SKETCH_SIZE);
        users.addAll(at([...path, 3], () => listOf(aWholeNumber)(raw[3])));
        counts.users = users;
      } else {
        const name = at([...path, 2], () => aString(raw[2]));
        if (!classifiers.has(name)) throw new ShapeMismatch('a classifier listed in "classifiers"', name, [...path, 2]);
        const cells = sliceCells(counts, name);
        for (let s = 0; s < STRIDE; s++) cells[s] = at([...path, 3 + s], () => aWholeNumber(raw[3 + s]));
      }
    });
  });
  return out;
}

/** Run `check`, prefixing the path of a mismatch with `path`. */
function at<T>(path: (string | number)[], check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof ShapeMismatch) throw new ShapeMismatch(err.expected, err.got, [...path, ...err.path]);
    throw err;
  }
}
