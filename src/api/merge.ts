/**
 * `misfire merge` as a library call: add the count files of shards (from `misfire assign`, or CSV count
 * tables from a warehouse) and write a complete run folder from the sum — metrics.json, clusters.json,
 * the report, run.json listing the shards with their sha256, and the model (so the merged run can be the
 * `--model` of further shards). The same count files in any order, or one count file of all their
 * conversations, give a byte-identical metrics.json.
 */
import { dirname, resolve } from 'node:path';
import { writeArtifactsAtomically } from '../artifacts/atomic-folder.js';
import { countsRunRecord, type CountsRunRecord, type ShardRecord } from '../artifacts/counts-run-record.js';
import { COUNTS_SCHEMA_V1, type CountFile } from '../artifacts/counts-file.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import { assertSafeOutput } from '../artifacts/output-folder.js';
import { parseCountFile } from '../artifacts/read-counts.js';
import { readRunEmbeddingModel } from '../artifacts/read-run.js';
import { inputPathFromRun, type InputRecord } from '../artifacts/run-record.js';
import { writeRunArtifacts } from '../artifacts/write-run.js';
import { mergeCountTables } from '../counts/merge.js';
import { fieldsText } from '../counts/slice-counts.js';
import type { CountTable } from '../counts/table.js';
import type { FieldChoice } from '../slicing/fields.js';
import { configError, inputError } from '../errors.js';
import { newDigest } from '../io/file-digest.js';
import { inputBuffer } from '../io/input-bytes.js';
import { readCountTable } from '../io/read-count-table.js';
import { inputFormat } from '../io/table-batches.js';
import { emptyUsage } from '../providers/types.js';
import { renderReport } from '../render/render-report.js';
import { collectWarnings, type WarningSink } from '../warnings.js';
import { assertNoGaps, countedRunContent, countsRunParts } from './counts-run.js';
import { readModelRun } from './model-run.js';
import { StageClock } from './stage-clock.js';

export interface MergeOptions {
  /** The run folder the shards were assigned with (or its model/ folder). */
  model: string;
  /** Count files (`misfire assign --out`) or CSV/TSV count tables; not both kinds at once. */
  counts: string[];
  out: string;
  /** Write the run even when the shards' ids did not line up. Default: the model run's setting. */
  allowMissing?: boolean;
  /** Clock for the report's "generated" line (tests pin it). */
  now?: Date;
  onWarning?: WarningSink;
}

export interface MergeOutcome {
  outDir: string;
  run: CountsRunRecord;
  metrics: MetricsDocument;
}

/**
 * Merge shards into a run folder.
 * @example
 * const { metrics } = await mergeCounts({ model: 'reports/fit', counts: ['part-0.counts', 'part-1.counts'], out: 'reports/all' });
 */
export async function mergeCounts(options: MergeOptions): Promise<MergeOutcome> {
  if (options.counts.length === 0) throw configError('name the count files to merge (misfire merge --model DIR part-*.counts --out DIR)');
  const seen = new Map<string, string>();
  for (const file of options.counts) {
    const first = seen.get(resolve(file));
    if (first !== undefined) throw configError(`the count file ${JSON.stringify(file)} is given twice (also as ${JSON.stringify(first)}): its conversations would count twice`);
    seen.set(resolve(file), file);
  }
  await assertSafeOutput(options.out, { flag: '--out', inputs: [options.model, ...options.counts] });
  const warnings = collectWarnings(options.onWarning);
  const clock = new StageClock();
  const model = await readModelRun(options.model);
  const settings = model.folder.run.settings;
  const csv = options.counts.filter((f) => inputFormat(f, 'json') === 'csv' || inputFormat(f, 'json') === 'tsv');
  if (csv.length > 0 && csv.length < options.counts.length) {
    throw configError(`give count files from \`misfire assign\` or CSV count tables, not both (${csv[0]} is a table): a table has no score bins, so the sum would mix what is counted`);
  }
  // One count file at a time, added to the running sum: memory holds two tables whatever the number of shards.
  const shards: { record: InputRecord; conversations: number; inputs: CountFile['inputs'] }[] = [];
  let table: CountTable | null = null;
  await clock.timeAsync('read and add counts', async () => {
    for (const file of options.counts) {
      const shard = await readShard(file, model.centroids.k, model.fingerprint);
      shards.push({ record: shard.record, conversations: shard.file.table.conversations.reduce((s, n) => s + n, 0), inputs: shard.file.inputs });
      table = table === null ? shard.file.table : mergeCountTables([table, shard.file.table]);
    }
  });
  if (csv.length > 0) {
    warnings.sink({
      code: 'counts-from-tables',
      message: `${csv.length} CSV count table(s) carry no model fingerprint: their cluster_ids must come from this model's assignments; they have no scores (no AUC or sweep), categories or concern, and parents' distinct users are their largest leaf's`,
    });
  }
  const sum = table as unknown as CountTable;
  checkSlicing(sum, model.slicingFields, settings.cross, warnings.sink);
  const parts = clock.time('metrics', () => countsRunParts(sum, model.folder.clusters, model.centroids, settings));
  assertNoGaps(parts.gapLines, options.allowMissing ?? settings.allowMissing);
  warnings.sink({
    code: 'merged-counts',
    message:
      `metrics from ${shards.length} count file(s): score metrics from score bins of 1/10,000, distinct users from bottom-256 sketches; no search for pockets among the errors; ` +
      'metadata slices by the model run\'s fields (per value, no --cross)',
  });
  const shardRecords: ShardRecord[] = shards.map(({ record, conversations, inputs }) => ({
    ...record,
    file: inputPathFromRun(options.out, record.file),
    conversations,
    inputs: rebase(inputs, record.file, options.out),
  }));
  const run = countsRunRecord({
    settings,
    table: sum,
    inputs: {
      conversations: { file: `${shards.length} count file(s): see "shards"`, sha256: null, bytes: shardRecords.reduce((s, r) => s + r.inputs.conversations.bytes, 0) },
      verdicts: [],
      labels: null,
      embeddings: null,
    },
    clusters: parts.clusters,
    gapLines: parts.gapLines,
    usage: emptyUsage(),
    warnings: warnings.list,
    stages: clock.timings.map((t) => t.stage),
    extra: { shards: shardRecords, model: { fingerprint: model.fingerprint } },
  });
  const report = renderReport({ run, metrics: parts.metrics, clusters: parts.clusters, now: options.now ?? new Date(), centroids: model.centroids });
  const embeddingModel = await readRunEmbeddingModel(model.folder);
  const outDir = await writeArtifactsAtomically(
    options.out,
    (writer) =>
      writeRunArtifacts(writer, {
        ...countedRunContent(parts),
        run,
        timings: clock.timings,
        embeddingModel,
        centroids: model.centroids,
        report,
      }),
    { flag: '--out', inputs: [options.model, ...options.counts] },
  );
  return { outDir, run, metrics: parts.metrics };
}

/** The shards must have counted the model run's slicing fields (or none at all: count files v1, CSV tables). */
function checkSlicing(sum: CountTable, fields: readonly FieldChoice[], cross: boolean, warn: WarningSink): void {
  if (sum.slicing === null) {
    if (fields.length) {
      warn({ code: 'slices-not-counted', message: `some count files have no metadata-slice counts (count files ${COUNTS_SCHEMA_V1}, or CSV count tables): no metadata slices (the model run sliced by ${fieldsText(fields)})` });
    }
    return;
  }
  if (fieldsText(sum.slicing) !== fieldsText(fields)) {
    throw inputError(`the count files counted metadata slices of ${fieldsText(sum.slicing) || 'no field'}, the model run sliced by ${fieldsText(fields) || 'no field'}: assign every shard with the model you merge with`);
  }
  if (cross && fields.length) warn({ code: 'no-cross-slices', message: 'the model run sliced with --cross: a run from count files has the field slices only (value × cluster is not counted)' });
}

async function readShard(file: string, leaves: number, fingerprint: string): Promise<{ file: CountFile; record: InputRecord }> {
  const digest = newDigest(file);
  const format = inputFormat(file, 'json');
  if (format === 'csv' || format === 'tsv') {
    const table = await readCountTable(file, leaves, digest);
    const none: InputRecord = { file: '', sha256: null, bytes: 0 };
    return { file: { misfire_version: '', model: { fingerprint: '', leaves }, inputs: { conversations: none, verdicts: [], labels: null }, table }, record: { file, sha256: digest.sha256, bytes: digest.bytes } };
  }
  const parsed = parseCountFile((await inputBuffer(file, digest)).toString('utf8'), file);
  if (parsed.model.fingerprint !== fingerprint) {
    throw inputError('this count file was counted with another model (its fingerprint differs from --model\'s): assign every shard with the model you merge with', { file, field: 'model.fingerprint' });
  }
  return { file: parsed, record: { file, sha256: digest.sha256, bytes: digest.bytes } };
}

/** A shard's inputs, recorded relative to its count file's folder, re-expressed relative to the run folder. */
function rebase(inputs: CountFile['inputs'], countFile: string, runDir: string): ShardRecord['inputs'] {
  const move = (r: InputRecord): InputRecord => (r.file === '' || r.file === '-' ? r : { ...r, file: inputPathFromRun(runDir, resolve(dirname(countFile), r.file)) });
  return { conversations: move(inputs.conversations), verdicts: inputs.verdicts.map(move), labels: inputs.labels ? move(inputs.labels) : null };
}
