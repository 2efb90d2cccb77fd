/**
 * A run over more conversations than `--fit-sample`: everything that needs all points at once (embedding
 * model, leaf centroids, hierarchy, names, examples) is fitted on the seeded sample; then every conversation
 * is streamed through the fitted model (facets → embedding → nearest leaf) into count tables, and every
 * statistic is computed from those (src/counts). Verdicts and labels are joined through typed arrays indexed
 * by the conversation's position in the file, found from its id through a table of id hashes.
 *
 * Memory: the sample and its fit, plus about 30 bytes per conversation and 9 per (conversation, classifier);
 * one batch of conversations at a time. The run's numbers are what `misfire assign` with the written run as
 * model, then `misfire merge`, gives: the same placement and the same counting.
 */
import { writeArtifactsAtomically } from '../artifacts/atomic-folder.js';
import { csvLine } from '../artifacts/canonical-json.js';
import { countsRunRecord } from '../artifacts/counts-run-record.js';
import { openOutputFile } from '../artifacts/output-file.js';
import { inputPathFromRun, type InputRecord } from '../artifacts/run-record.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import { writeRunArtifacts } from '../artifacts/write-run.js';
import { defaultLeafK } from '../clustering/cluster-points.js';
import { clusterId } from '../clustering/hierarchy.js';
import { countBatch, dropSilentClassifiers } from '../counts/count-batch.js';
import type { IdTable } from '../counts/id-table.js';
import type { JoinColumns } from '../counts/join-columns.js';
import { emptySliceCounts, fieldValues } from '../counts/slice-counts.js';
import { emptyCountTable, type CountTable } from '../counts/table.js';
import { inputError } from '../errors.js';
import { newDigest, type FileDigest } from '../io/file-digest.js';
import { readConversationBatches } from '../io/read-conversations.js';
import { parallelChunks } from '../parallel/parallel-chunks.js';
import { emptyFacetsFallback, emptyUsage, type ProviderContext } from '../providers/types.js';
import { renderReport } from '../render/render-report.js';
import { chosenFields, sliceFields } from '../slicing/fields.js';
import { EMBEDDING_TEXT_VERSION } from '../text/embedding-text.js';
import { silentProgress, type Conversation } from '../types.js';
import { assertNoGaps, countedRunContent, countsRunParts, gapLinesOf } from './counts-run.js';
import { fitClusters } from './fit-clusters.js';
import { warnAboutConcern, warnIfKClamped } from './input-warnings.js';
import { batchPlacer, PLACE_BATCH, type BatchPlacer } from './placer.js';
import { readJoin } from './read-join.js';
import type { ScaledRunOptions, ScaledRunOutcome } from './run-at-scale.js';
import type { PreparedRun } from './run.js';
import { StageClock } from './stage-clock.js';

/** What the first pass over the conversations found. */
export interface FirstPass {
  /** The seeded sample, in file order. */
  sample: Conversation[];
  /** Conversations in the file. */
  conversations: number;
  /** Every conversation's id; slot = position in the file. */
  ids: IdTable;
  digest: FileDigest;
  /** Wall time of the first pass. */
  readMs: number;
}

/**
 * Fit on the sample, stream every conversation into count tables, write the run folder.
 * @example const outcome = await streamRun(options, prepared, firstPass);
 */
export async function streamRun(options: ScaledRunOptions, prepared: PreparedRun, first: FirstPass): Promise<ScaledRunOutcome> {
  const { settings, progress, warnings, provider, wordVectors } = prepared;
  const n = first.conversations;
  const clock = new StageClock();
  clock.timings.push({ stage: 'read and sample', ms: first.readMs });
  const labelled = !!options.labels;
  // Rows read (and rows naming no conversation) go to a table of one leaf until the leaves are fitted.
  const reading = emptyCountTable(1, labelled);
  const join = await clock.timeAsync('join', () =>
    readJoin({ verdicts: options.verdicts, labels: options.labels ?? null, settings, table: reading, capacity: n, slotFor: (id) => first.ids.find(id), reading: prepared.reading }),
  );
  join.columns.reserve(n);
  progress.end();
  if (!settings.allowMissing && gapsBeforeCounting(reading, join.columns, n)) {
    // Fail before the fit, as a run in memory does; the example ids need one more read of the conversations.
    await countPass(options.conversations, reading, join.columns, async (batch) => ({ leaves: new Int32Array(batch.length), concern: new Float64Array(batch.length).fill(NaN), languages: [] }), null);
    dropSilentClassifiers(reading);
    assertNoGaps(gapLinesOf(reading), false);
  }
  // The slicing fields: --slice-by's, checked against the sample, or the default rule applied to it (after the fit: it needs the facets).
  const chosen = chosenFields(settings.sliceBy, first.sample);
  warnIfKClamped(settings.k, n, warnings.sink);
  warnAboutConcern(first.sample, warnings.sink);
  const usage = emptyUsage();
  const ctx: ProviderContext = {
    seed: settings.seed,
    progress,
    minUsers: settings.minUsers,
    cacheDir: options.cacheDir ?? '.misfire-cache',
    usage,
    warn: warnings.sink,
    chunkRunner: parallelChunks,
    facetsFallback: emptyFacetsFallback(),
  };
  // Only the model, the leaves and the cluster records outlive the fit (not the sample's facets and vectors).
  const { embeddingModel: model, hierarchy, clusters: fitted, facets, userOf } = await fitClusters(first.sample, undefined, provider, settings, ctx, clock, {
    leafK: settings.k ?? defaultLeafK(n, settings.minSupport),
  });
  const fields = sliceFields({ conversations: first.sample, facets, chosen, userOf, minUsers: settings.minUsers, minConversations: settings.minConversations }).map(({ field, source }) => ({ field, source }));
  const sampleSize = first.sample.length;
  first.sample.length = 0;
  if (!model) throw new Error('a streamed run needs the embedder\'s model');
  const centroids = { k: hierarchy.levels[0].k, dim: hierarchy.dim, data: hierarchy.levels[0].centroids };
  const place = batchPlacer(provider.facets, { model, table: wordVectors, centroids: centroids.data, k: centroids.k, width: centroids.dim });
  const table = emptyCountTable(centroids.k, labelled);
  table.slicing = emptySliceCounts(fields);
  Object.assign(table.read, reading.read);
  for (const [kind, ids] of reading.examples) table.examples.set(kind, [...ids]);
  warnings.sink({
    code: 'fit-sample',
    message:
      `${n} conversations: the clusters, their names and examples were fitted on a seeded sample of ${sampleSize} (--fit-sample); ` +
      'every conversation was placed in them and counted (score metrics from score bins of 1/10,000, distinct users from bottom-256 sketches; no search for pockets among the errors; ' +
        'metadata slices by the fields chosen on the sample, no --cross)',
  });
  const batchCtx: ProviderContext = { ...ctx, progress: silentProgress };
  let outcome: Omit<ScaledRunOutcome, 'outDir'> | null = null;
  const outDir = await writeArtifactsAtomically(
    options.out,
    async (writer) => {
      progress.start('assign', n);
      const assignments = await openOutputFile(`${writer.dir}/${RUN_FILES.assignments}`, '--out');
      await assignments.write(csvLine(['conversation_id', 'cluster_id']));
      const again = await clock.timeAsync('assign', () =>
        countPass(options.conversations, table, join.columns, (batch) => place(batch, batchCtx), async (ids, placed) => {
          let text = '';
          for (let i = 0; i < ids.length; i++) text += csvLine([ids[i], clusterId(0, placed[i])]);
          await assignments.write(text);
        }, (done) => progress.update(done)),
      );
      await assignments.commit();
      progress.end();
      if (again.sha256 !== first.digest.sha256) {
        throw inputError('the file changed while misfire read it (its sha256 differs between the first and the second pass): run again on a file that stays put', { file: options.conversations });
      }
      dropSilentClassifiers(table);
      const parts = clock.time('metrics', () => countsRunParts(table, fitted, centroids, settings));
      assertNoGaps(parts.gapLines, settings.allowMissing);
      const input = (d: FileDigest): InputRecord => ({ file: inputPathFromRun(options.out, d.file), sha256: d.sha256, bytes: d.bytes });
      const run = countsRunRecord({
        settings,
        table,
        inputs: { conversations: input(first.digest), verdicts: join.verdictDigests.map(input), labels: join.labelDigest ? input(join.labelDigest) : null, embeddings: null },
        clusters: parts.clusters,
        gapLines: parts.gapLines,
        usage,
        warnings: warnings.list,
        stages: clock.timings.map((t) => t.stage),
        extra: { fit: { sample: sampleSize, conversations: n } },
      });
      progress.start('write artifacts');
      const report = renderReport({ run, metrics: parts.metrics, clusters: parts.clusters, now: options.now ?? new Date(), centroids });
      await writeRunArtifacts(writer, {
        ...countedRunContent(parts),
        run,
        timings: clock.timings,
        embeddingModel: { model, text: EMBEDDING_TEXT_VERSION },
        centroids,
        report,
      });
      progress.end();
      outcome = { run, metrics: parts.metrics, clusters: parts.clusters, usage, result: null, streamed: { sample: sampleSize, conversations: n } };
    },
    {
      flag: '--out',
      inputs: prepared.inputs,
      onStaleRemoved: (folders) =>
        options.onWarning?.({ code: 'stale-output-removed', message: `removed ${folders.length} unfinished output folder(s) left by an interrupted earlier run: ${folders.join(', ')}` }),
    },
  );
  return { outDir, ...(outcome as unknown as Omit<ScaledRunOutcome, 'outDir'>) };
}

/** Whether the verdicts and labels leave any conversation without a verdict or a label, or name unknown ones. */
function gapsBeforeCounting(table: CountTable, columns: JoinColumns, n: number): boolean {
  if (table.read.unknownVerdictIds > 0 || table.read.unknownLabelIds > 0) return true;
  if (columns.label) for (let i = 0; i < n; i++) if (columns.label[i] < 0) return true;
  for (const c of columns.classifiers.values()) for (let i = 0; i < n; i++) if (c.flagged[i] < 0) return true;
  return false;
}

/**
 * One pass over the conversations (checked already: no duplicate check, no warnings): place each batch,
 * count it, hand its leaves on. Returns the digest of what was read.
 */
async function countPass(
  file: string,
  table: CountTable,
  columns: JoinColumns,
  place: (batch: readonly Conversation[]) => ReturnType<BatchPlacer>,
  onPlaced: ((ids: readonly string[], leaves: Int32Array) => Promise<void>) | null,
  onProgress: (done: number) => void = () => {},
): Promise<FileDigest> {
  const digest = newDigest(file);
  let position = 0;
  for await (const { conversations } of readConversationBatches(file, digest, { checkDuplicates: false, minBatch: PLACE_BATCH })) {
    if (conversations.length === 0) continue;
    const slots = new Int32Array(conversations.length);
    for (let i = 0; i < slots.length; i++) slots[i] = position + i;
    const placed = await place(conversations);
    const ids = conversations.map((c) => c.id);
    const sliceValues = table.slicing?.length ? fieldValues(table.slicing, conversations, placed.languages) : undefined;
    countBatch(table, columns, { ids, userIds: conversations.map((c) => c.userId), slots, ...placed, sliceValues });
    await onPlaced?.(ids, placed.leaves);
    position += conversations.length;
    onProgress(position);
  }
  return digest;
}
