/**
 * The fitted model `misfire assign` and `misfire merge` take with `--model`: a run folder written by
 * `misfire run` (or `misfire merge`), or its `model/` folder (the run around it is read). Its run.json gives
 * the settings, clusters.json the hierarchy and names, model/ the embedding model and leaf centroids,
 * metrics.json the fields it sliced by (shards count the same fields).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { configError } from '../errors.js';
import { modelFingerprint } from '../artifacts/model-fingerprint.js';
import { readRunCentroids, readRunFolder, readRunMetrics, type RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { LeafCentroids } from '../artifacts/model-files.js';
import { createOfflineFacetExtractor } from '../providers/offline/facets.js';
import type { FacetExtractor } from '../providers/types.js';
import type { FieldChoice } from '../slicing/fields.js';
import { loadPlacementModel } from './gate-placement.js';
import type { LeafModel } from './placer.js';

/** A fitted model as `misfire merge` needs it: its run, fingerprint and leaf centroids. */
export interface ModelRunFacts {
  folder: RunFolder;
  fingerprint: string;
  centroids: LeafCentroids;
  /** The fields its run sliced by (metrics.json's field dimensions): shards count slices of these. */
  slicingFields: FieldChoice[];
}

export interface ModelRun extends ModelRunFacts {
  leafModel: LeafModel;
  /** The facets the run's summaries came from (offline: recomputable for any conversation). */
  facets: FacetExtractor;
}

/**
 * The run, fingerprint and centroids behind `--model DIR` (no word vectors are loaded: nothing is placed).
 * @example const { centroids } = await readModelRun('reports/fit'); centroids.k; // 93
 */
export async function readModelRun(dir: string, flag = '--model'): Promise<ModelRunFacts> {
  const runDir = existsSync(join(dir, RUN_FILES.run)) || basename(dir) !== 'model' ? dir : dirname(dir);
  if (!existsSync(join(runDir, RUN_FILES.run))) {
    throw configError(`${flag} ${dir}: not a run folder (no ${RUN_FILES.run}): name a folder written by \`misfire run\`, or its model/ folder`);
  }
  const folder = await readRunFolder(runDir);
  const centroids = await readRunCentroids(folder);
  if (!centroids) throw configError(`${flag} ${dir}: the run saved no leaf centroids (${RUN_FILES.centroids}), so nothing was placed with it`);
  const dimensions = (await readRunMetrics(folder)).slicing.dimensions;
  const slicingFields = dimensions.filter((d) => d.cross_level === null).map(({ field, source }) => ({ field, source }));
  return { folder, fingerprint: await modelFingerprint(folder), centroids, slicingFields };
}

/**
 * Open and check the model behind `--model DIR` for placing conversations.
 * @example const model = await openModelRun('reports/fit'); model.leafModel.k; // 93
 */
export async function openModelRun(dir: string, flag = '--model'): Promise<ModelRun> {
  const facts = await readModelRun(dir, flag);
  const placement = await loadPlacementModel(facts.folder, (why) => configError(`${flag} ${dir} cannot place conversations: ${why}`));
  const { model, table, k, width } = placement;
  return {
    ...facts,
    leafModel: { model, table, centroids: placement.centroids, k, width },
    facets: createOfflineFacetExtractor({ judge: facts.folder.run.settings.judge }),
  };
}
