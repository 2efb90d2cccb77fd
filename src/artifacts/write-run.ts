/**
 * The one writer of a run folder: every artifact of `misfire run`, written all-or-nothing (atomic-folder.ts)
 * from pieces already computed. The files and their formats are the contract `read-run.ts` reads back.
 */
import { writeArtifactsAtomically, type ArtifactWriter, type AtomicWriteOptions } from './atomic-folder.js';
import type { ClusterRecord } from './cluster-record.js';
import { csvLine, toJson } from './canonical-json.js';
import type { MetricsDocument } from './metrics-document.js';
import { encodeLeafCentroids, encodeEmbeddingModel, type LeafCentroids, type SavedEmbeddingModel } from './model-files.js';
import type { RunAssignments } from './read-run.js';
import { RUN_FILES, TIMINGS_SCHEMA } from './run-files.js';
import type { RunRecord } from './run-record.js';
import type { SliceDimension } from '../slicing/dimensions.js';

export interface RunFolderContent {
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: readonly ClusterRecord[];
  /** Null when the assignments are written elsewhere (a streamed run writes them as it goes; a merged run has none). */
  assignments: RunAssignments | null;
  /** Members of the error-focused pockets, as conversation indices into `assignments.conversationIds`. */
  pockets: readonly { classifier: string; pocketId: string; members: Int32Array }[];
  /** Slicing dimensions with each conversation's slice (slices.csv; same conversation order as `assignments`); null: no slices.csv (a counted run's slices are in metrics.json only). */
  slices: readonly SliceDimension[] | null;
  /** Wall time per pipeline stage (timings.json: the one artifact that differs between identical runs). */
  timings: readonly { stage: string; ms: number }[];
  /** The embedder's model, to place conversations the run has not seen; null when there is none (--embeddings). */
  embeddingModel: SavedEmbeddingModel | null;
  centroids: LeafCentroids | null;
  report: { html: string; markdown: string };
}

/**
 * Write a run folder at `out` (replacing an earlier run there, never anything else); returns its absolute path.
 * @example
 * await writeRunFolder('reports/v7', { run, metrics, clusters, assignments, pockets, slices, timings, embeddingModel, centroids, report }, { inputs });
 */
export async function writeRunFolder(out: string, content: RunFolderContent, options: AtomicWriteOptions = {}): Promise<string> {
  return writeArtifactsAtomically(out, (writer) => writeRunArtifacts(writer, content), { flag: '--out', ...options });
}

/**
 * Write every artifact of a run into a folder being filled (writeRunFolder's, or one whose assignments were
 * streamed in already).
 */
export async function writeRunArtifacts(writer: ArtifactWriter, content: RunFolderContent): Promise<void> {
  await writer.write(RUN_FILES.metrics, toJson(content.metrics));
  await writer.write(RUN_FILES.clusters, toJson(content.clusters));
  if (content.assignments) await writer.write(RUN_FILES.assignments, assignmentsCsv(content.assignments));
  await writer.write(RUN_FILES.pockets, pocketsCsv(content.pockets, content.assignments?.conversationIds ?? []));
  if (content.slices) await writer.write(RUN_FILES.slices, slicesCsv(content.slices, content.assignments?.conversationIds ?? []));
  await writer.write(RUN_FILES.run, toJson(content.run));
  await writer.write(RUN_FILES.timings, toJson({ schema: TIMINGS_SCHEMA, stages: content.timings }));
  if (content.embeddingModel) await writer.write(RUN_FILES.embeddingModel, encodeEmbeddingModel(content.embeddingModel));
  if (content.centroids) await writer.write(RUN_FILES.centroids, encodeLeafCentroids(content.centroids));
  await writer.write(RUN_FILES.reportHtml, content.report.html);
  await writer.write(RUN_FILES.reportMarkdown, content.report.markdown);
}

function pocketsCsv(pockets: RunFolderContent['pockets'], ids: readonly string[]): string {
  const parts = [csvLine(['classifier', 'pocket_id', 'conversation_id'])];
  for (const { classifier, pocketId, members } of pockets) for (const i of members) parts.push(csvLine([classifier, pocketId, ids[i]]));
  return parts.join('');
}

/** `conversation_id,S0,S1,…`: each conversation's slice of every dimension; only the header when there are no dimensions. */
function slicesCsv(dimensions: readonly SliceDimension[], ids: readonly string[]): string {
  const parts = [csvLine(['conversation_id', ...dimensions.map((d) => d.record.dimension_id)])];
  if (dimensions.length === 0) return parts[0];
  ids.forEach((id, i) => parts.push(csvLine([id, ...dimensions.map((d) => d.record.slices[d.sliceOf[i]].slice_id)])));
  return parts.join('');
}

function assignmentsCsv({ conversationIds, leafIds }: RunAssignments): string {
  const parts = [csvLine(['conversation_id', 'cluster_id'])];
  conversationIds.forEach((id, i) => parts.push(csvLine([id, leafIds[i]])));
  return parts.join('');
}
