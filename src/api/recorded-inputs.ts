/**
 * Re-read the inputs a run recorded in run.json (paths relative to the run folder; a blessed baseline's
 * copies of its verdicts and labels), each checked against the sha256 and size run.json recorded for it.
 * An input that is gone, was read from standard input, or changed since the run is an input error that
 * names run.json and the field of that input (`inputs.verdicts[1].sha256`).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inputError, MisfireError } from '../errors.js';
import { digestOfFile, type FileDigest } from '../io/file-digest.js';
import { STDIN } from '../io/input-bytes.js';
import { readConversations, type ConversationsRead } from '../io/read-conversations.js';
import { readLabels, type LabelsRead } from '../io/read-labels.js';
import { readVerdicts, type VerdictsRead } from '../io/read-verdicts.js';
import type { RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { InputRecord } from '../artifacts/run-record.js';

/** An input as run.json records it, with the field that records it (for messages). */
interface Recorded {
  record: InputRecord;
  /** `inputs.conversations`, `inputs.verdicts[0]`, `inputs.labels`. */
  field: string;
  /** What the file holds, in words: `conversations`, `verdicts`, `labels`. */
  role: string;
}

const runJson = (folder: RunFolder) => join(folder.dir, RUN_FILES.run);

/**
 * Where a recorded input is now: a blessed baseline's copy, else the recorded path from the run folder.
 * @example
 * locateRecordedInput(folder, { record: folder.run.inputs.labels, field: 'inputs.labels', role: 'labels' }); // '/work/datasets/demo/labels.csv'
 */
function locateRecordedInput(folder: RunFolder, { record, field, role }: Recorded): string {
  if (record.file === STDIN) {
    throw inputError(`the run read its ${role} from standard input ("-"): they cannot be read again`, { file: runJson(folder), field: `${field}.file` });
  }
  const copy = folder.manifest?.inputs.find((i) => i.file === record.file && i.sha256 === record.sha256);
  if (copy) return join(folder.dir, copy.copy);
  const path = resolve(folder.dir, record.file);
  if (!existsSync(path)) {
    throw inputError(`the ${role} file "${record.file}" (from the run folder: ${path}) is gone: it was moved or deleted since the run`, {
      file: runJson(folder),
      field: `${field}.file`,
    });
  }
  return path;
}

/** How the file now differs from what run.json recorded (sha256, or size when no sha256 was recorded), or null. */
function difference(record: InputRecord, digest: FileDigest): { what: 'sha256' | 'bytes'; now: string; then: string } | null {
  if (record.sha256 !== null) return digest.sha256 === record.sha256 ? null : { what: 'sha256', now: digest.sha256 ?? 'unknown', then: record.sha256 };
  return digest.bytes === record.bytes ? null : { what: 'bytes', now: String(digest.bytes), then: String(record.bytes) };
}

function changedError(folder: RunFolder, { field, role }: Recorded, path: string, changed: NonNullable<ReturnType<typeof difference>>, cause?: unknown) {
  return new MisfireError(
    'input',
    `the ${role} file ${path} changed since the run (its ${changed.what} is ${changed.now}, the run recorded ${changed.then}): ` +
      "it no longer matches the run's clusters and metrics; restore the file or run misfire again",
    { file: runJson(folder), field: `${field}.${changed.what}` },
    { cause },
  );
}

/**
 * Read recorded inputs (at `paths`) with `read` and check that each is the file the run read. When reading
 * fails (a file edited into something malformed), a changed file is reported as changed, not as malformed.
 */
async function readChecked<T>(folder: RunFolder, recorded: readonly Recorded[], paths: readonly string[], read: () => Promise<T>, digestsOf: (value: T) => readonly FileDigest[]): Promise<T> {
  let value: T;
  try {
    value = await read();
  } catch (err) {
    for (const [i, path] of paths.entries()) {
      const digest = await digestOfFile(path).catch(() => null);
      const changed = digest && difference(recorded[i].record, digest);
      if (changed) throw changedError(folder, recorded[i], path, changed, err);
    }
    throw err;
  }
  digestsOf(value).forEach((digest, i) => {
    const changed = difference(recorded[i].record, digest);
    if (changed) throw changedError(folder, recorded[i], paths[i], changed);
  });
  return value;
}

/**
 * Re-read the run's conversations (checked against run.json).
 * @example
 * const { conversations } = await readRecordedConversations(await readRunFolder('reports/demo'));
 */
export async function readRecordedConversations(folder: RunFolder): Promise<ConversationsRead> {
  const recorded = { record: folder.run.inputs.conversations, field: 'inputs.conversations', role: 'conversations' };
  const path = locateRecordedInput(folder, recorded);
  return readChecked(folder, [recorded], [path], () => readConversations(path), (read) => [read.digest]);
}

/**
 * Re-read the run's verdict files (each checked against run.json).
 * @example
 * const { rows } = await readRecordedVerdicts(folder);
 */
export async function readRecordedVerdicts(folder: RunFolder): Promise<VerdictsRead> {
  const recorded = folder.run.inputs.verdicts.map((record, i) => ({ record, field: `inputs.verdicts[${i}]`, role: 'verdicts' }));
  if (recorded.length === 0) throw inputError('the run records no verdict files', { file: runJson(folder), field: 'inputs.verdicts' });
  const paths = recorded.map((r) => locateRecordedInput(folder, r));
  return readChecked(folder, recorded, paths, () => readVerdicts(paths), (read) => read.digests);
}

/**
 * Re-read the run's labels (checked against run.json); null for a run without labels.
 * @example
 * const labels = await readRecordedLabels(folder); // null in proxy mode
 */
export async function readRecordedLabels(folder: RunFolder): Promise<LabelsRead | null> {
  const record = folder.run.inputs.labels;
  if (!record) return null;
  const recorded = { record, field: 'inputs.labels', role: 'labels' };
  const path = locateRecordedInput(folder, recorded);
  return readChecked(folder, [recorded], [path], () => readLabels(path), (read) => [read.digest]);
}
