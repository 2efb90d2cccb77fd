/**
 * The fitted model `misfire assign` and `misfire merge` take with `--model`: a run folder written by
 * `misfire run` (or `misfire merge`), or its `model/` folder (the run around it is read). Its run.json gives
 * the settings, clusters.json the hierarchy and names, model/ the embedding model and leaf centroids.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { configError } from '../errors.js';
import { modelFingerprint } from '../artifacts/model-fingerprint.js';
import { readRunCentroids, readRunFolder, type RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { LeafCentroids } from '../artifacts/model-files.js';
import { createOfflineFacetExtractor } from '../providers/offline/facets.js';
import type { FacetExtractor } from '../providers/types.js';
import { loadPlacementModel } from './gate-placement.js';
import type { LeafModel } from './placer.js';

export interface ModelRun {
  folder: RunFolder;
  fingerprint: string;
  leafModel: LeafModel;
  centroids: LeafCentroids;
  /** The facets the run's summaries came from (offline: recomputable for any conversation). */
  facets: FacetExtractor;
}

/**
 * Open and check the model behind `--model DIR`.
 * @example const model = await openModelRun('reports/fit'); model.leafModel.k; // 93
 */
export async function openModelRun(dir: string, flag = '--model'): Promise<ModelRun> {
  const runDir = existsSync(join(dir, RUN_FILES.run)) || basename(dir) !== 'model' ? dir : dirname(dir);
  if (!existsSync(join(runDir, RUN_FILES.run))) {
    throw configError(`${flag} ${dir}: not a run folder (no ${RUN_FILES.run}): name a folder written by \`misfire run\`, or its model/ folder`);
  }
  const folder = await readRunFolder(runDir);
  const cannot = (why: string) => configError(`${flag} ${dir} cannot place conversations: ${why}`);
  const placement = await loadPlacementModel(folder, cannot);
  const centroids = (await readRunCentroids(folder)) as LeafCentroids;
  const { model, table, k, width } = placement;
  return {
    folder,
    fingerprint: await modelFingerprint(folder),
    leafModel: { model, table, centroids: placement.centroids, k, width },
    centroids,
    facets: createOfflineFacetExtractor({ judge: folder.run.settings.judge }),
  };
}
