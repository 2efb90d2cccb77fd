/**
 * Reader of pockets.csv (`classifier,pocket_id,conversation_id`): the members of the pockets found among
 * each classifier's errors, checked row by row against the run folder (known classifier, well-formed pocket
 * id, a conversation of assignments.csv, no row twice) and pocket by pocket against metrics.json (the same
 * pockets, with `n` members each). A run folder without pockets.csv was written before misfire searched
 * errors for pockets: it reads as "not recorded", never as an error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { readCsvBatches, type TableShape } from '../io/csv-rows.js';
import { newDigest } from '../io/file-digest.js';
import type { ErrorPocketMetrics } from '../metrics/error-pockets.js';
import { readRunMetrics, type RunAssignments, type RunFolder } from './read-run.js';
import { RUN_FILES } from './run-files.js';

/** One pocket as the run recorded it: its metrics.json entry and its member conversations. */
export interface RecordedPocket {
  metrics: ErrorPocketMetrics;
  /** Indices into the run's conversation ids (assignments.csv order), ascending. */
  members: Int32Array;
}

export interface RunPockets {
  /** False when the folder has no pockets.csv (a run written before pockets were searched for). */
  recorded: boolean;
  /** Per classifier, its false-positive then false-negative pockets; null when the run did not search its errors. */
  byClassifier: Map<string, RecordedPocket[] | null>;
}

const POCKET_ID = /^(FP|FN)-[1-9]\d*$/;
const SPEC = {
  columns: {
    classifier: { names: ['classifier'], required: true },
    pocket: { names: ['pocket_id'], required: true },
    conversation: { names: ['conversation_id'], required: true },
  },
  nothing: 'no pocket members',
};

interface MemberRows {
  firstLine: number;
  members: Set<number>;
}

/**
 * Read and check pockets.csv of a run folder.
 * @example
 * const pockets = await readRunPockets(folder, await readRunAssignments(folder));
 * pockets.byClassifier.get('detector-v2')?.[0].metrics.pocket_id; // 'FN-1'
 */
export async function readRunPockets(folder: RunFolder, assignments: RunAssignments): Promise<RunPockets> {
  const file = join(folder.dir, RUN_FILES.pockets);
  if (!existsSync(file)) return { recorded: false, byClassifier: new Map() };
  const rows = await readMemberRows(file, folder, assignments);
  const metrics = await readRunMetrics(folder);
  const byClassifier = new Map<string, RecordedPocket[] | null>();
  const listed = new Set<string>();
  for (const classifier of metrics.classifiers) {
    const search = classifier.error_pockets;
    if (!search) {
      byClassifier.set(classifier.name, null);
      continue;
    }
    const pockets: RecordedPocket[] = [];
    for (const pocket of [...search.false_positive.pockets, ...search.false_negative.pockets]) {
      const key = memberKey(classifier.name, pocket.pocket_id);
      const found = rows.get(key);
      if (!found) {
        throw inputError(`mismatched run: pocket ${pocket.pocket_id} of "${classifier.name}" in ${RUN_FILES.metrics} has no members in ${RUN_FILES.pockets}`, { file });
      }
      if (found.members.size !== pocket.n) {
        throw inputError(
          `mismatched run: pocket ${pocket.pocket_id} of "${classifier.name}" has ${found.members.size} members here, ${RUN_FILES.metrics} says n = ${pocket.n}`,
          { file, line: found.firstLine, field: 'pocket_id' },
        );
      }
      listed.add(key);
      pockets.push({ metrics: pocket, members: Int32Array.from(found.members).sort() });
    }
    byClassifier.set(classifier.name, pockets);
  }
  for (const [key, found] of rows) {
    if (!listed.has(key)) {
      throw inputError(`mismatched run: ${RUN_FILES.metrics} has no such pocket for this classifier`, { file, line: found.firstLine, field: 'pocket_id' });
    }
  }
  return { recorded: true, byClassifier };
}

const memberKey = (classifier: string, pocketId: string) => JSON.stringify([classifier, pocketId]);

/** Every row of pockets.csv, grouped by classifier and pocket; a file holding only the header means no pockets. */
async function readMemberRows(file: string, folder: RunFolder, assignments: RunAssignments): Promise<Map<string, MemberRows>> {
  const classifiers = new Set(folder.run.rows.classifiers);
  const indexOf = new Map(assignments.conversationIds.map((id, i) => [id, i]));
  const groups = new Map<string, MemberRows>();
  const shape: TableShape = { hasHeader: false };
  for await (const { columns, records } of readCsvBatches(file, SPEC, newDigest(file), {}, shape)) {
    for (const { line, fields } of records) {
      const classifier = fields[columns.classifier];
      const pocketId = fields[columns.pocket];
      const conversation = fields[columns.conversation];
      const where = (field: string) => ({ file, line, field });
      if (!classifiers.has(classifier)) throw inputError(`unreadable run: "${classifier}" is not a classifier of the run`, where('classifier'));
      if (!POCKET_ID.test(pocketId)) throw inputError(`unreadable run: "${pocketId}" is not a pocket id (FP-1, FN-2, …)`, where('pocket_id'));
      const index = indexOf.get(conversation);
      if (index === undefined) throw inputError(`unreadable run: "${conversation}" is not a conversation of ${RUN_FILES.assignments}`, where('conversation_id'));
      const key = memberKey(classifier, pocketId);
      const group = groups.get(key) ?? { firstLine: line, members: new Set<number>() };
      if (group.members.has(index)) throw inputError(`unreadable run: "${conversation}" is listed twice in pocket ${pocketId} of "${classifier}"`, where('conversation_id'));
      group.members.add(index);
      groups.set(key, group);
    }
  }
  if (!shape.hasHeader) throw inputError('unreadable run: the file is empty (expected the header classifier,pocket_id,conversation_id)', { file });
  return groups;
}
