/**
 * `misfire report` as a library call: re-render index.html and report.md from a run folder's saved artifacts
 * (run.json, metrics.json, clusters.json, model/centroids.bin) without recomputing anything.
 */
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { inputError } from '../errors.js';
import { readModel } from '../artifacts/model-files.js';
import { renderReport } from '../render/render-report.js';
import type { LeafCentroids } from '../render/view-model.js';
import type { ReportView } from '../render/view-types.js';
import type { ClusterRecord } from './analyze.js';
import { METRICS_SCHEMA, type MetricsDocument } from '../artifacts/metrics-document.js';
import { RUN_SCHEMA, type RunRecord } from '../artifacts/run-record.js';

export interface ReportOptions {
  /** The run folder (`misfire run --out`). */
  run: string;
  /** Where to write index.html (default: inside the run folder). report.md is written next to it. */
  out?: string | null;
  /** Clock for the "generated" line (tests pin it). */
  now?: Date;
  /** A CI gate result to show in the report's gate section. */
  gate?: unknown;
}

export interface ReportOutcome {
  html: string;
  markdown: string;
  htmlFile: string;
  markdownFile: string;
  view: ReportView;
}

export interface RunArtifacts {
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: ClusterRecord[];
  centroids: LeafCentroids | null;
  /** When run.json was written. */
  written: Date;
}

/** Read what a report needs from a run folder; a missing or foreign artifact is an input error. */
export async function readRunArtifacts(dir: string): Promise<RunArtifacts> {
  const run = await readJson<RunRecord>(dir, 'run.json');
  if (run.schema !== RUN_SCHEMA) throw inputError(`not a misfire run record (schema ${String(run.schema)}, expected ${RUN_SCHEMA})`, { file: join(dir, 'run.json') });
  const metrics = await readJson<MetricsDocument>(dir, 'metrics.json');
  if (metrics.schema !== METRICS_SCHEMA) throw inputError(`unexpected metrics schema ${String(metrics.schema)} (expected ${METRICS_SCHEMA})`, { file: join(dir, 'metrics.json') });
  const clusters = await readJson<ClusterRecord[]>(dir, 'clusters.json');
  if (!Array.isArray(clusters)) throw inputError('expected a list of clusters', { file: join(dir, 'clusters.json') });
  const written = (await stat(join(dir, 'run.json'))).mtime;
  return { run, metrics, clusters, centroids: await readCentroids(dir), written };
}

/**
 * Re-render the report of a run folder.
 * @example
 * await renderRunReport({ run: 'reports/demo' }); // rewrites reports/demo/index.html and report.md
 */
export async function renderRunReport(options: ReportOptions): Promise<ReportOutcome> {
  const dir = resolve(options.run);
  const artifacts = await readRunArtifacts(dir);
  const { html, markdown, view } = renderReport({
    run: artifacts.run,
    metrics: artifacts.metrics,
    clusters: artifacts.clusters,
    centroids: artifacts.centroids,
    now: options.now ?? new Date(),
    runWritten: artifacts.written,
    gate: options.gate,
  });
  const htmlFile = options.out ? resolve(options.out) : join(dir, 'index.html');
  const markdownFile = join(dirname(htmlFile), htmlFile.endsWith('.html') ? `${baseName(htmlFile)}.md` : 'report.md');
  await mkdir(dirname(htmlFile), { recursive: true });
  await writeFile(htmlFile, html);
  await writeFile(markdownFile, markdown);
  return { html, markdown, htmlFile, markdownFile, view };
}

function baseName(file: string): string {
  const name = file.slice(dirname(file).length + 1).replace(/\.html$/, '');
  return name === 'index' ? 'report' : name;
}

async function readJson<T>(dir: string, name: string): Promise<T> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw inputError(`missing run artifact ${name} (is this a folder written by misfire run?)`, { file });
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw inputError(`not valid JSON: ${(err as Error).message}`, { file });
  }
}

/** Leaf centroids from model/centroids.bin, or null when the run has none (the map is then left out). */
async function readCentroids(dir: string): Promise<LeafCentroids | null> {
  const file = join(dir, 'model', 'centroids.bin');
  try {
    await stat(file);
  } catch {
    return null;
  }
  const bundle = await readModel(file);
  const data = bundle.arrays.centroids;
  const k = Number(bundle.meta.k);
  const dim = Number(bundle.meta.dim);
  if (!data || !Number.isInteger(k) || !Number.isInteger(dim) || data.length !== k * dim) {
    throw inputError('leaf centroids do not match their header (k × dim)', { file });
  }
  return { k, dim, data };
}
