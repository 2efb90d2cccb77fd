/**
 * The one reader of a run folder (written by `misfire run --out`, or a baseline kept by `misfire bless`).
 * Every JSON artifact is checked against its shape before it is used, so a truncated or hand-edited file is
 * an input error that names the file and the field, never a crash later while rendering or gating.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { readTableRows } from '../io/table-batches.js';
import { newDigest } from '../io/file-digest.js';
import { readJson } from '../io/read-json.js';
import { baselineManifest, BASELINE_SCHEMA, type BaselineManifest } from './baseline-manifest.js';
import { clusterRecords, type ClusterRecord } from './cluster-record.js';
import { METRICS_SCHEMA, type MetricsDocument } from './metrics-document.js';
import { metricsDocumentShape } from './metrics-shape.js';
import { readLeafCentroids, readEmbeddingModel, type LeafCentroids, type SavedEmbeddingModel } from './model-files.js';
import { BASELINE_FILES, RUN_FILES } from './run-files.js';
import { RUN_SCHEMA, runRecord, type RunRecord } from './run-record.js';
import { ShapeMismatch, type Shape } from './json-shape.js';
import { assertDesignAgrees } from './design-record.js';

export interface RunFolder {
  /** The folder, as given. */
  dir: string;
  run: RunRecord;
  /** Every cluster of every level (never empty). */
  clusters: ClusterRecord[];
  /** baseline.json of a blessed baseline, else null. */
  manifest: BaselineManifest | null;
  /** When run.json was written. */
  written: Date;
}

export interface RunAssignments {
  /** Conversation ids of the run, in assignments.csv order. */
  conversationIds: string[];
  /** Leaf cluster id per conversation (same order). */
  leafIds: string[];
}

/**
 * Read and check run.json, clusters.json and (in a blessed baseline) baseline.json.
 * @example
 * const folder = await readRunFolder('reports/demo');
 * folder.run.rows.classifiers; // ['detector-v2', 'detector-v3', 'keyword-v1']
 */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  const run = await readDocument(dir, RUN_FILES.run, runRecord, RUN_SCHEMA);
  const clusters = await readDocument(dir, RUN_FILES.clusters, clusterRecords);
  if (clusters.length === 0) throw inputError('unreadable run: clusters.json holds no clusters', { file: join(dir, RUN_FILES.clusters) });
  const manifestFile = join(dir, BASELINE_FILES.manifest);
  const manifest = existsSync(manifestFile) ? await readDocument(dir, BASELINE_FILES.manifest, baselineManifest, BASELINE_SCHEMA) : null;
  const written = (await stat(join(dir, RUN_FILES.run))).mtime;
  return { dir, run, clusters, manifest, written };
}

/** Read and check metrics.json. */
export async function readRunMetrics(folder: RunFolder): Promise<MetricsDocument> {
  const metrics = await readDocument(folder.dir, RUN_FILES.metrics, metricsDocumentShape, METRICS_SCHEMA);
  assertDesignAgrees(folder.run, metrics, join(folder.dir, RUN_FILES.metrics));
  return metrics;
}

/** Read assignments.csv: every conversation of the run and its leaf cluster (one of clusters.json's). */
export async function readRunAssignments(folder: RunFolder): Promise<RunAssignments> {
  const file = join(folder.dir, RUN_FILES.assignments);
  if (!existsSync(file)) {
    // A run merged from count files (`misfire merge`) has counts, not conversations.
    const merged = 'shards' in folder.run ? ': a run merged from count files has none (use a run over the conversations, e.g. `misfire run`, which streams past --fit-sample)' : '';
    throw inputError(`unreadable run: ${RUN_FILES.assignments} is missing${merged}`, { file });
  }
  const known = new Set(folder.clusters.filter((c) => c.level === 0).map((c) => c.cluster_id));
  const conversationIds: string[] = [];
  const leafIds: string[] = [];
  const spec = {
    columns: { id: { names: ['conversation_id'], required: true }, cluster: { names: ['cluster_id'], required: true } },
    nothing: 'unreadable run: no assignments',
  };
  for await (const row of readTableRows(file, spec, newDigest(file))) {
    if (!known.has(row.cells.cluster)) throw inputError(`unreadable run: unknown leaf cluster "${row.cells.cluster}"`, { file, line: row.line });
    conversationIds.push(row.cells.id);
    leafIds.push(row.cells.cluster);
  }
  if (conversationIds.length !== folder.run.rows.conversations) {
    throw inputError(`mismatched run: ${RUN_FILES.assignments} has ${conversationIds.length} conversations, run.json says ${folder.run.rows.conversations}`, { file });
  }
  return { conversationIds, leafIds };
}

/** The leaf centroids (model/centroids.bin), or null when the run saved none. */
export async function readRunCentroids(folder: RunFolder): Promise<LeafCentroids | null> {
  const file = join(folder.dir, RUN_FILES.centroids);
  return existsSync(file) ? readLeafCentroids(file) : null;
}

/** The run's embedding model (model/embedding.bin); a run without one (--embeddings) is an input error. */
export async function readRunEmbeddingModel(folder: RunFolder): Promise<SavedEmbeddingModel> {
  return readEmbeddingModel(join(folder.dir, RUN_FILES.embeddingModel));
}

/** Read `name` in `dir` and check it against `shape` (and its `schema` first, for a clear message). */
async function readDocument<T>(dir: string, name: string, shape: Shape<T>, schema?: string): Promise<T> {
  const file = join(dir, name);
  if (!existsSync(file)) throw inputError(`unreadable run: ${name} is missing (is this a folder written by \`misfire run\`?)`, { file });
  const value = await readJson(file, name);
  if (schema !== undefined) {
    const found = (value as { schema?: unknown } | null)?.schema;
    if (found !== schema) {
      throw inputError(`not a misfire ${name} of this version (schema ${JSON.stringify(found) ?? 'missing'}, expected "${schema}")`, { file, field: 'schema' });
    }
  }
  try {
    return shape(value);
  } catch (err) {
    if (err instanceof ShapeMismatch) throw inputError(err.message, { file, field: err.field || undefined });
    throw err;
  }
}
