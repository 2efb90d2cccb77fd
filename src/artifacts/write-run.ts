/**
 * The one writer of a run folder: every artifact of `misfire run`, written all-or-nothing (atomic-folder.ts)
 * from pieces already computed. The files and their formats are the contract `read-run.ts` reads back.
 */
import { writeArtifactsAtomically, type AtomicWriteOptions } from './atomic-folder.js';
import type { ClusterRecord } from './cluster-record.js';
import { csvLine, toJson } from './canonical-json.js';
import type { MetricsDocument } from './metrics-document.js';
import { encodeLeafCentroids, encodeLsaModel, type LeafCentroids, type SavedLsaModel } from './model-files.js';
import type { RunAssignments } from './read-run.js';
import { RUN_FILES, TIMINGS_SCHEMA } from './run-files.js';
import type { RunRecord } from './run-record.js';

export interface RunFolderContent {
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: readonly ClusterRecord[];
  assignments: RunAssignments;
  /** Wall time per pipeline stage (timings.json: the one artifact that differs between identical runs). */
  timings: readonly { stage: string; ms: number }[];
  /** The offline embedder's model, to place conversations the run has not seen; null when there is none. */
  lsaModel: SavedLsaModel | null;
  centroids: LeafCentroids | null;
  report: { html: string; markdown: string };
}

/**
 * Write a run folder at `out` (replacing an earlier run there, never anything else); returns its absolute path.
 * @example
 * await writeRunFolder('reports/v7', { run, metrics, clusters, assignments, timings, lsaModel, centroids, report }, { inputs });
 */
export async function writeRunFolder(out: string, content: RunFolderContent, options: AtomicWriteOptions = {}): Promise<string> {
  return writeArtifactsAtomically(out, async (writer) => {
    await writer.write(RUN_FILES.metrics, toJson(content.metrics));
    await writer.write(RUN_FILES.clusters, toJson(content.clusters));
    await writer.write(RUN_FILES.assignments, assignmentsCsv(content.assignments));
    await writer.write(RUN_FILES.run, toJson(content.run));
    await writer.write(RUN_FILES.timings, toJson({ schema: TIMINGS_SCHEMA, stages: content.timings }));
    if (content.lsaModel) await writer.write(RUN_FILES.embeddingModel, encodeLsaModel(content.lsaModel));
    if (content.centroids) await writer.write(RUN_FILES.centroids, encodeLeafCentroids(content.centroids));
    await writer.write(RUN_FILES.reportHtml, content.report.html);
    await writer.write(RUN_FILES.reportMarkdown, content.report.markdown);
  }, { flag: '--out', ...options });
}

function assignmentsCsv({ conversationIds, leafIds }: RunAssignments): string {
  const parts = [csvLine(['conversation_id', 'cluster_id'])];
  conversationIds.forEach((id, i) => parts.push(csvLine([id, leafIds[i]])));
  return parts.join('');
}
