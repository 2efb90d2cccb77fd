/**
 * Load what the gate needs from a run folder (a fresh `misfire run --out DIR` or a blessed baseline):
 * run.json, clusters.json, assignments.csv, and the run's verdict and label inputs re-read and checked
 * against the sha256 recorded in run.json. Anything missing, unreadable or changed fails closed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { readCsvRows } from '../io/csv-rows.js';
import { newDigest, type FileDigest } from '../io/file-digest.js';
import { readLabels, type LabelsRead } from '../io/read-labels.js';
import { readVerdicts, type VerdictsRead } from '../io/read-verdicts.js';
import type { ClusterRecord } from './analyze.js';
import { RUN_SCHEMA, type InputRecord, type RunRecord } from '../artifacts/run-record.js';

/** Written by `misfire bless` next to run.json: where the blessed copies of the run's inputs are. */
export const BASELINE_MANIFEST = 'baseline.json';
export const BASELINE_SCHEMA = 'misfire.baseline/v1';

export interface BaselineManifest {
  schema: typeof BASELINE_SCHEMA;
  /** Recorded input path (as in run.json) → copy inside the baseline folder (relative path). */
  inputs: { file: string; sha256: string | null; copy: string }[];
}

export interface StoredRun {
  dir: string;
  run: RunRecord;
  clusters: ClusterRecord[];
  /** Conversation ids of the run, in assignments.csv order. */
  conversationIds: string[];
  /** Leaf cluster id per conversation (same order). */
  leafIds: string[];
  manifest: BaselineManifest | null;
}

const gateError = (message: string, file?: string) => new MisfireError('gate', message, file ? { file } : {});

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw gateError(`unreadable run: ${what} is missing or unreadable (is this a misfire run folder?)`, file);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw gateError(`unreadable run: ${what} is not valid JSON (${(err as Error).message})`, file);
  }
}

/** Read and sanity-check a run folder's run.json, clusters.json, assignments.csv (and baseline.json if blessed). */
export async function loadStoredRun(dir: string): Promise<StoredRun> {
  const run = (await readJson(join(dir, 'run.json'), 'run.json')) as RunRecord;
  if (run?.schema !== RUN_SCHEMA) throw gateError(`unreadable run: run.json has schema ${JSON.stringify(run?.schema)}, expected "${RUN_SCHEMA}"`, join(dir, 'run.json'));
  const clusters = (await readJson(join(dir, 'clusters.json'), 'clusters.json')) as ClusterRecord[];
  if (!Array.isArray(clusters) || clusters.length === 0) throw gateError('unreadable run: clusters.json holds no clusters', join(dir, 'clusters.json'));
  const manifestFile = join(dir, BASELINE_MANIFEST);
  const manifest = existsSync(manifestFile) ? ((await readJson(manifestFile, BASELINE_MANIFEST)) as BaselineManifest) : null;
  if (manifest && manifest.schema !== BASELINE_SCHEMA) throw gateError(`unreadable baseline: unknown schema ${JSON.stringify(manifest.schema)}`, manifestFile);
  const known = new Set(clusters.filter((c) => c.level === 0).map((c) => c.cluster_id));
  const conversationIds: string[] = [];
  const leafIds: string[] = [];
  const file = join(dir, 'assignments.csv');
  if (!existsSync(file)) throw gateError('unreadable run: assignments.csv is missing', file);
  const spec = { columns: { id: { names: ['conversation_id'], required: true }, cluster: { names: ['cluster_id'], required: true } } };
  for await (const row of readCsvRows(file, spec, newDigest(file))) {
    if (!known.has(row.cells.cluster)) throw new MisfireError('gate', `unreadable run: unknown leaf cluster "${row.cells.cluster}"`, { file, line: row.line });
    conversationIds.push(row.cells.id);
    leafIds.push(row.cells.cluster);
  }
  if (conversationIds.length !== run.rows.conversations) {
    throw gateError(`mismatched run: assignments.csv has ${conversationIds.length} conversations, run.json says ${run.rows.conversations}`, file);
  }
  return { dir, run, clusters, conversationIds, leafIds, manifest };
}

/** Where a recorded input is now: the blessed copy, else the recorded path (from the cwd, then the run folder). */
function locateInput(stored: StoredRun, record: InputRecord): string {
  const copy = stored.manifest?.inputs.find((i) => i.file === record.file && i.sha256 === record.sha256);
  if (copy) return join(stored.dir, copy.copy);
  if (isAbsolute(record.file) || existsSync(resolve(record.file))) return record.file;
  const besideRun = join(stored.dir, record.file);
  if (existsSync(besideRun)) return besideRun;
  throw gateError(`unreadable run: input file "${record.file}" recorded in run.json is gone (bless the run to keep copies of its inputs)`, join(stored.dir, 'run.json'));
}

function assertSame(stored: StoredRun, record: InputRecord, digest: FileDigest): void {
  if (digest.sha256 !== record.sha256) {
    throw gateError(
      `mismatched run: ${digest.file} has sha256 ${digest.sha256 ?? 'unknown'}, but run.json recorded ${record.sha256 ?? 'none'} ` +
        'for it: the file changed since the run, so its verdicts would not match the clusters',
      join(stored.dir, 'run.json'),
    );
  }
}

/** Re-read the run's verdict files (each checked against run.json). */
export async function readRunVerdicts(stored: StoredRun): Promise<VerdictsRead> {
  const records = stored.run.inputs.verdicts;
  if (!Array.isArray(records) || records.length === 0) throw gateError('unreadable run: run.json lists no verdict files', join(stored.dir, 'run.json'));
  const read = await readVerdicts(records.map((r) => locateInput(stored, r)));
  read.digests.forEach((digest, i) => assertSame(stored, records[i], digest));
  return read;
}

/** Re-read the run's labels (checked against run.json); a run without labels cannot be gated. */
export async function readRunLabels(stored: StoredRun): Promise<LabelsRead> {
  const record = stored.run.inputs.labels;
  if (!record) throw gateError('the run has no labels: the gate compares error rates, which need ground-truth labels (pass --labels FILE)', join(stored.dir, 'run.json'));
  const read = await readLabels(locateInput(stored, record));
  assertSame(stored, record, read.digest);
  return read;
}

/** Every input of a run that bless keeps a copy of (verdicts and labels; never the conversations' text). */
export function blessableInputs(run: RunRecord): InputRecord[] {
  return [...run.inputs.verdicts, ...(run.inputs.labels ? [run.inputs.labels] : [])];
}

export { locateInput as locateRunInput };
