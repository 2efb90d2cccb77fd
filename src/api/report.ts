/**
 * `misfire report` as a library call: re-render index.html and report.md from a run folder's saved artifacts
 * (run.json, metrics.json, clusters.json, model/centroids.bin) without recomputing anything.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { LeafCentroids } from '../artifacts/model-files.js';
import { readRunCentroids, readRunFolder, readRunMetrics } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import { makeFolders } from '../artifacts/output-folder.js';
import { MisfireError } from '../errors.js';
import type { RunRecord } from '../artifacts/run-record.js';
import { renderReport } from '../render/render-report.js';
import type { ReportView } from '../render/view-types.js';

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

/** Read (and check) what a report needs from a run folder; a missing or malformed artifact is an input error. */
export async function readRunArtifacts(dir: string): Promise<RunArtifacts> {
  const folder = await readRunFolder(dir);
  const metrics = await readRunMetrics(folder);
  return { run: folder.run, metrics, clusters: folder.clusters, centroids: await readRunCentroids(folder), written: folder.written };
}

/**
 * Re-render the report of a run folder.
 * @example
 * await renderRunReport({ run: 'reports/demo' }); // rewrites reports/demo/index.html and report.md
 */
export async function renderRunReport(options: ReportOptions): Promise<ReportOutcome> {
  const artifacts = await readRunArtifacts(options.run);
  const { html, markdown, view } = renderReport({
    run: artifacts.run,
    metrics: artifacts.metrics,
    clusters: artifacts.clusters,
    centroids: artifacts.centroids,
    now: options.now ?? new Date(),
    runWritten: artifacts.written,
    gate: options.gate,
  });
  const htmlFile = options.out ? resolve(options.out) : join(resolve(options.run), RUN_FILES.reportHtml);
  const markdownFile = join(dirname(htmlFile), htmlFile.endsWith('.html') ? `${baseName(htmlFile)}.md` : RUN_FILES.reportMarkdown);
  try {
    await makeFolders(dirname(htmlFile));
    await writeFile(htmlFile, html);
    await writeFile(markdownFile, markdown);
  } catch (err) {
    throw new MisfireError('config', `cannot write the report to ${htmlFile}: ${(err as Error).message}`);
  }
  return { html, markdown, htmlFile, markdownFile, view };
}

function baseName(file: string): string {
  const name = file.slice(dirname(file).length + 1).replace(/\.html$/, '');
  return name === 'index' ? 'report' : name;
}
