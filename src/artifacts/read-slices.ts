/**
 * Reader of slices.csv (`conversation_id,S0,S1,…`): each conversation's slice of every slicing dimension,
 * checked against the run folder — the header names metrics.json's dimensions in order, the rows are the
 * conversations of assignments.csv in the same order, every cell is a slice of its column's dimension, and
 * every slice has the `size` metrics.json records. A run folder without slices.csv was written before
 * misfire sliced by metadata: it reads as "not recorded", never as an error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { readCsvBatches, type TableShape } from '../io/csv-rows.js';
import { newDigest } from '../io/file-digest.js';
import type { SliceDimension, SliceDimensionRecord } from '../slicing/dimensions.js';
import { readRunMetrics, type RunAssignments, type RunFolder } from './read-run.js';
import { RUN_FILES } from './run-files.js';

export interface RunSlices {
  /** False when the folder has no slices.csv (a run written before slicing existed). */
  recorded: boolean;
  /** Every dimension with each conversation's slice (indices into `record.slices`, assignments.csv order). */
  dimensions: SliceDimension[];
}

/**
 * Read and check slices.csv of a run folder.
 * @example
 * const slices = await readRunSlices(folder, await readRunAssignments(folder));
 * slices.dimensions[1].record.field; // 'channel'
 */
export async function readRunSlices(folder: RunFolder, assignments: RunAssignments): Promise<RunSlices> {
  const file = join(folder.dir, RUN_FILES.slices);
  if (!existsSync(file)) return { recorded: false, dimensions: [] };
  const records = (await readRunMetrics(folder)).slicing.dimensions;
  const ids = assignments.conversationIds;
  const sliceOf = records.map(() => new Int32Array(ids.length).fill(-1));
  const indexOf = records.map((d) => new Map(d.slices.map((s, i) => [s.slice_id, i])));
  const spec = {
    columns: Object.fromEntries([['conversation', 'conversation_id'], ...records.map((d) => [d.dimension_id, d.dimension_id])].map(([key, name]) => [key, { names: [name.toLowerCase()], required: true }])),
    nothing: 'no slices',
  };
  const shape: TableShape = { hasHeader: false };
  let row = 0;
  for await (const { names, columns, records: rows } of readCsvBatches(file, spec, newDigest(file), {}, shape)) {
    if (row === 0) assertHeader(names, records, file);
    for (const { line, fields } of rows) {
      const where = (field: string) => ({ file, line, field });
      if (records.length === 0) throw inputError('unreadable run: a row, but metrics.json has no slicing dimensions', where('conversation_id'));
      if (row >= ids.length) throw inputError(`unreadable run: more rows than the ${ids.length} conversations of ${RUN_FILES.assignments}`, where('conversation_id'));
      const id = fields[columns.conversation];
      if (id !== ids[row]) throw inputError(`unreadable run: "${id}" where ${RUN_FILES.assignments} has "${ids[row]}" (row ${row + 1})`, where('conversation_id'));
      records.forEach((d, k) => {
        const slice = indexOf[k].get(fields[columns[d.dimension_id]]);
        if (slice === undefined) throw inputError(`unreadable run: "${fields[columns[d.dimension_id]]}" is not a slice of ${d.dimension_id} (${d.field}) in ${RUN_FILES.metrics}`, where(d.dimension_id));
        sliceOf[k][row] = slice;
      });
      row++;
    }
  }
  if (!shape.hasHeader) throw inputError('unreadable run: the file is empty (expected the header conversation_id,S0,…)', { file });
  if (records.length > 0 && row !== ids.length) throw inputError(`mismatched run: ${row} rows, ${RUN_FILES.assignments} has ${ids.length} conversations`, { file });
  records.forEach((d, k) => assertSizes(d, sliceOf[k], file));
  return { recorded: true, dimensions: records.map((record, k) => ({ record, sliceOf: sliceOf[k] })) };
}

function assertHeader(names: readonly string[], records: readonly SliceDimensionRecord[], file: string): void {
  const expected = ['conversation_id', ...records.map((d) => d.dimension_id)];
  if (names.length !== expected.length || names.some((n, i) => n.toLowerCase() !== expected[i].toLowerCase())) {
    throw inputError(`mismatched run: the header is ${names.join(',')}, ${RUN_FILES.metrics} has the dimensions of ${expected.join(',')}`, { file, line: 1 });
  }
}

function assertSizes(d: SliceDimensionRecord, sliceOf: Int32Array, file: string): void {
  const sizes = new Int32Array(d.slices.length);
  for (const s of sliceOf) sizes[s]++;
  d.slices.forEach((s, i) => {
    if (sizes[i] !== s.size) {
      throw inputError(`mismatched run: slice ${s.slice_id} of ${d.dimension_id} has ${sizes[i]} conversations here, ${RUN_FILES.metrics} says size = ${s.size}`, { file, field: d.dimension_id });
    }
  });
}
