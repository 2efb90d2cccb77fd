/**
 * The header of a table input (CSV, TSV or Parquet): which column holds each logical field. Names match
 * without regard to case or surrounding spaces (`ID`, ` Conversation_ID `); a name given twice is refused,
 * since one of the two columns would be lost.
 */
import { inputError } from '../errors.js';

export interface TableSpec {
  /** Alternatives per logical column: the first header name found wins (e.g. key: ['conversation_id', 'id']). */
  columns: Record<string, { names: string[]; required: boolean }>;
  /** What an empty file means for the run, e.g. `no conversations to cluster`. */
  nothing: string;
}

/** A header with the position of each logical column. */
export interface TableHeader {
  /** Column names as written in the file, trimmed; an unnamed column is called `column_N` (1-based). */
  names: string[];
  /** Logical column → index in `names`, or -1 when the optional column is absent. */
  columns: Record<string, number>;
}

/**
 * Resolve the logical columns of `spec` in a header; throws when a required one is missing or a name repeats.
 * @example resolveHeader('v.csv', ['ID', 'Classifier', 'FLAGGED'], spec).columns // { key: 0, classifier: 1, score: -1, flagged: 2 }
 */
export function resolveHeader(file: string, header: readonly string[], spec: TableSpec): TableHeader {
  const names = header.map((name, i) => name.trim() || `column_${i + 1}`);
  const byName = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.toLowerCase();
    const first = byName.get(key);
    if (first !== undefined) {
      throw inputError(`column "${name}" appears twice (columns ${first + 1} and ${i + 1}); rename one`, { file, line: 1, field: name });
    }
    byName.set(key, i);
  });
  const columns: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [logical, { names: wanted, required }] of Object.entries(spec.columns)) {
    const index = wanted.map((name) => byName.get(name) ?? -1).find((i) => i >= 0) ?? -1;
    if (index < 0 && required) {
      throw inputError(`missing column ${wanted.map((n) => `"${n}"`).join(' or ')} (header is: ${names.join(',')})`, {
        file,
        line: 1,
        field: wanted[0],
      });
    }
    columns[logical] = index;
  }
  return { names, columns };
}
