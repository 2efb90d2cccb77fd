/**
 * Load what the gate needs from a run folder (a fresh `misfire run --out DIR` or a blessed baseline), read
 * through artifacts/read-run.ts, and the run's verdict and label inputs re-read and checked against the
 * sha256 recorded in run.json. Anything missing, unreadable or changed fails closed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import type { FileDigest } from '../io/file-digest.js';
import { readLabels, type LabelsRead } from '../io/read-labels.js';
import { readVerdicts, type VerdictsRead } from '../io/read-verdicts.js';
import { readRunAssignments, readRunFolder, type RunAssignments, type RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { InputRecord, RunRecord } from '../artifacts/run-record.js';
import { readSampleFile, type SampleRead } from '../artifacts/sample-file.js';

/** A run folder with its assignments: everything the gate and bless read from it. */
export interface StoredRun extends RunFolder, RunAssignments {}

const gateError = (message: string, file?: string) => new MisfireError('gate', message, file ? { file } : {});

/**
 * Read and check a run folder's run.json, clusters.json, assignments.csv (and baseline.json if blessed).
 * @example
 * const stored = await loadStoredRun('.misfire/baseline');
 * stored.leafIds[0]; // 'L0-004'
 */
export async function loadStoredRun(dir: string): Promise<StoredRun> {
  const folder = await readRunFolder(dir);
  return { ...folder, ...(await readRunAssignments(folder)) };
}

/**
 * Where a recorded input is now: the blessed copy, else the recorded path, which run.json keeps relative to
 * the run folder (so the answer does not depend on the working folder).
 */
function locateInput(stored: StoredRun, record: InputRecord): string {
  const copy = stored.manifest?.inputs.find((i) => i.file === record.file && i.sha256 === record.sha256);
  if (copy) return join(stored.dir, copy.copy);
  const path = resolve(stored.dir, record.file);
  if (existsSync(path)) return path;
  throw gateError(
    `unreadable run: input file "${record.file}" recorded in run.json (relative to the run folder: ${path}) is gone ` +
      '(bless the run to keep copies of its inputs)',
    join(stored.dir, RUN_FILES.run),
  );
}

function assertSame(stored: StoredRun, record: InputRecord, digest: FileDigest): void {
  if (digest.sha256 !== record.sha256) {
    throw gateError(
      `mismatched run: ${digest.file} has sha256 ${digest.sha256 ?? 'unknown'}, but run.json recorded ${record.sha256 ?? 'none'} ` +
        'for it: the file changed since the run, so its verdicts would not match the clusters',
      join(stored.dir, RUN_FILES.run),
    );
  }
}

/** Re-read the run's verdict files (each checked against run.json). */
export async function readRunVerdicts(stored: StoredRun): Promise<VerdictsRead> {
  const records = stored.run.inputs.verdicts;
  if (records.length === 0) throw gateError('unreadable run: run.json lists no verdict files', join(stored.dir, RUN_FILES.run));
  const read = await readVerdicts(records.map((r) => locateInput(stored, r)));
  read.digests.forEach((digest, i) => assertSame(stored, records[i], digest));
  return read;
}

/** Re-read the run's labels (checked against run.json); a run without labels cannot be gated. */
export async function readRunLabels(stored: StoredRun): Promise<LabelsRead> {
  const record = stored.run.inputs.labels;
  if (!record) throw gateError('the run has no labels: the gate compares error rates, which need ground-truth labels (pass --labels FILE)', join(stored.dir, RUN_FILES.run));
  const read = await readLabels(locateInput(stored, record));
  assertSame(stored, record, read.digest);
  return read;
}

/**
 * Re-read the run's labelling sample (checked against run.json), or null when the run was made without --sample.
 * @example (await readRunSample(stored))?.read.strata.length; // the sample's strata
 */
export async function readRunSample(stored: StoredRun): Promise<{ read: SampleRead; file: string } | null> {
  const record = stored.run.inputs.sample;
  if (!record) return null;
  const file = locateInput(stored, record);
  const read = await readSampleFile(file);
  assertSame(stored, record, read.digest);
  return { read, file };
}

/** Every input of a run that bless keeps a copy of (verdicts, labels and the labelling sample; never the conversations' text). */
export function blessableInputs(run: RunRecord): InputRecord[] {
  return [...run.inputs.verdicts, ...(run.inputs.labels ? [run.inputs.labels] : []), ...(run.inputs.sample ? [run.inputs.sample] : [])];
}

export { locateInput as locateRunInput };
