/**
 * `misfire assign` as a library call: place one shard's conversations in a fitted model's leaves and count
 * them, with their verdicts and labels (and per value of the model run's slicing fields), into a count file (src/artifacts/counts-file.ts) that
 * `misfire merge` adds up with the other shards'. Memory: the join columns (a few bytes per conversation
 * with a verdict or label) and one batch of conversations at a time.
 */
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeCountFile, COUNTS_SCHEMA, type CountFile } from '../artifacts/counts-file.js';
import { assertSafeOutputFile, openOutputFile, type OutputFileWriter } from '../artifacts/output-file.js';
import { inputPathFromRun, type InputRecord } from '../artifacts/run-record.js';
import { csvLine } from '../artifacts/canonical-json.js';
import { clusterId } from '../clustering/hierarchy.js';
import { countBatch, dropSilentClassifiers } from '../counts/count-batch.js';
import { IdTable } from '../counts/id-table.js';
import { emptySliceCounts, fieldValues } from '../counts/slice-counts.js';
import { emptyCountTable } from '../counts/table.js';
import type { FileDigest } from '../io/file-digest.js';
import { newDigest } from '../io/file-digest.js';
import { assertStdinUse, STDIN } from '../io/input-bytes.js';
import { readConversationBatches } from '../io/read-conversations.js';
import { parallelChunks } from '../parallel/parallel-chunks.js';
import { emptyUsage, type ProviderContext } from '../providers/types.js';
import { silentProgress, type ProgressReporter } from '../types.js';
import { MISFIRE_VERSION } from '../version.js';
import { collectWarnings, type RunWarning, type WarningSink } from '../warnings.js';
import { assertDistinctFiles } from './distinct-files.js';
import { assertNoGaps, gapLinesOf } from './counts-run.js';
import { openModelRun } from './model-run.js';
import { batchPlacer, PLACE_BATCH } from './placer.js';
import { countUnclaimed, readJoin } from './read-join.js';

/** How a count file starts (what output safety checks before replacing one). */
export const COUNT_FILE_SIGNATURE = `{\n  "schema": "${COUNTS_SCHEMA.replace(/\d+$/, '')}`;
/** How an assignments file starts. */
export const ASSIGNMENTS_SIGNATURE = 'conversation_id,cluster_id\n';

export interface AssignOptions {
  /** A run folder written by `misfire run` (or `misfire merge`), or its model/ folder. */
  model: string;
  conversations: string;
  verdicts: string[];
  labels?: string | null;
  /** The count file to write. */
  out: string;
  /** Also write `conversation_id,cluster_id` for every conversation of the shard here. */
  assignments?: string | null;
  /** Write the count file even when ids do not line up (the gaps are counted in it). Default: the model run's setting. */
  allowMissing?: boolean;
  progress?: ProgressReporter;
  onWarning?: WarningSink;
}

export interface AssignOutcome {
  out: string;
  file: CountFile;
  warnings: RunWarning[];
}

/**
 * Count one shard.
 * @example
 * await assignShard({ model: 'reports/fit', conversations: 'part-0.jsonl', verdicts: ['part-0-verdicts.csv'], labels: 'part-0-labels.csv', out: 'part-0.counts' });
 */
export async function assignShard(options: AssignOptions): Promise<AssignOutcome> {
  assertDistinctFiles('--verdicts', options.verdicts);
  assertStdinUse([['--conversations', options.conversations], ...options.verdicts.map((f) => ['--verdicts', f] as const), ['--labels', options.labels]]);
  const inputs = [options.conversations, ...options.verdicts, options.labels].filter((f): f is string => !!f && f !== STDIN);
  await assertSafeOutputFile(options.out, { flag: '--out', signature: COUNT_FILE_SIGNATURE, inputs });
  if (options.assignments) await assertSafeOutputFile(options.assignments, { flag: '--assignments', signature: ASSIGNMENTS_SIGNATURE, inputs: [...inputs, options.out] });
  const progress = options.progress ?? silentProgress;
  const warnings = collectWarnings(options.onWarning);
  const model = await openModelRun(options.model);
  const settings = model.folder.run.settings;
  const labelsGiven = !!options.labels;
  const table = emptyCountTable(model.leafModel.k, labelsGiven);
  table.slicing = emptySliceCounts(model.slicingFields);

  progress.start('read verdicts and labels');
  const ids = new IdTable(1 << 16);
  const join = await readJoin({
    verdicts: options.verdicts,
    labels: options.labels ?? null,
    settings,
    table,
    capacity: 1 << 16,
    slotFor: (id) => ids.insert(id).slot,
    reading: { warnings: warnings.sink },
  });
  progress.end();

  const place = batchPlacer(model.facets, model.leafModel);
  const ctx: ProviderContext = { seed: settings.seed, progress: silentProgress, minUsers: settings.minUsers, cacheDir: '.misfire-cache', usage: emptyUsage(), chunkRunner: parallelChunks, warn: warnings.sink };
  const claimed = new Uint8Array(ids.size);
  const digest = newDigest(options.conversations);
  const assignments = options.assignments ? await openOutputFile(options.assignments, '--assignments') : null;
  progress.start('assign');
  try {
    await assignments?.write(ASSIGNMENTS_SIGNATURE);
    let done = 0;
    for await (const batch of readConversationBatches(options.conversations, digest, { warnings: warnings.sink, minBatch: PLACE_BATCH })) {
      const conversations = batch.conversations;
      const slots = Int32Array.from(conversations, (c) => ids.find(c.id));
      for (const slot of slots) if (slot >= 0) claimed[slot] = 1;
      const placed = await place(conversations, ctx);
      const sliceValues = model.slicingFields.length ? fieldValues(model.slicingFields, conversations, placed.languages) : undefined;
      countBatch(table, join.columns, { ids: conversations.map((c) => c.id), userIds: conversations.map((c) => c.userId), slots, ...placed, sliceValues });
      await writeAssignments(assignments, conversations.map((c) => c.id), placed.leaves);
      done += conversations.length;
      progress.update(done);
    }
    progress.end();
    await countUnclaimed({ verdicts: options.verdicts, labels: options.labels ?? null, columns: join.columns, claimed, slots: ids.size, slotOf: (id) => ids.find(id), table });
    dropSilentClassifiers(table);
    assertNoGaps(gapLinesOf(table), options.allowMissing ?? settings.allowMissing);
    const file: CountFile = {
      misfire_version: MISFIRE_VERSION,
      model: { fingerprint: model.fingerprint, leaves: model.leafModel.k },
      inputs: shardInputs(options.out, digest, join.verdictDigests, join.labelDigest),
      table,
    };
    const writer = await openOutputFile(options.out, '--out');
    try {
      const text = encodeCountFile(file);
      // A name ending in .gz gets gzip (merge reads either).
      await writer.write(/\.gz$/i.test(options.out) ? gzipSync(text) : text);
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
    await assignments?.commit();
    return { out: options.out, file, warnings: warnings.list };
  } catch (err) {
    await assignments?.abort();
    throw err;
  }
}

async function writeAssignments(writer: OutputFileWriter | null, ids: readonly string[], leaves: Int32Array): Promise<void> {
  if (!writer) return;
  let text = '';
  for (let i = 0; i < ids.length; i++) text += csvLine([ids[i], clusterId(0, leaves[i])]);
  await writer.write(text);
}

/** The shard's inputs as the count file records them: paths relative to the count file's folder. */
function shardInputs(out: string, conversations: FileDigest, verdicts: readonly FileDigest[], labels: FileDigest | null): CountFile['inputs'] {
  const record = (d: FileDigest): InputRecord => ({ file: inputPathFromRun(dirname(out), d.file), sha256: d.sha256, bytes: d.bytes });
  return { conversations: record(conversations), verdicts: verdicts.map(record), labels: labels ? record(labels) : null };
}
