/**
 * `misfire bless`: store a run as the new gate baseline. The run folder is copied (artifacts and the saved
 * model) together with copies of its verdict and label inputs — checked against run.json first — so the
 * baseline keeps working after those files change. The copy is atomic: it is built in a temporary sibling
 * folder and renamed over the baseline folder only when complete. Conversations' text is never copied.
 */
import { copyFile, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { toJson } from '../io/canonical-json.js';
import {
  BASELINE_MANIFEST,
  BASELINE_SCHEMA,
  blessableInputs,
  loadStoredRun,
  locateRunInput,
  readRunLabels,
  readRunVerdicts,
  type BaselineManifest,
} from './gate-run-files.js';

export interface BlessOutcome {
  baselineDir: string;
  conversations: number;
  classifiers: string[];
  inputsCopied: number;
}

/**
 * Copy the run in `runDir` to `baselineDir` (replacing any previous baseline there, atomically).
 * @example
 * await blessRun('reports/main', '.misfire/baseline');
 */
export async function blessRun(runDir: string, baselineDir: string): Promise<BlessOutcome> {
  const source = resolve(runDir);
  const target = resolve(baselineDir);
  if (source === target || !relative(source, target).startsWith('..')) {
    throw new MisfireError('config', `the baseline folder must lie outside the run folder (run ${source}, baseline ${target})`);
  }
  const stored = await loadStoredRun(source);
  // Re-read the inputs: a run whose inputs changed since it was written must not become a baseline.
  await readRunVerdicts(stored);
  if (stored.run.inputs.labels) await readRunLabels(stored);
  const inputs = blessableInputs(stored.run);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(target)}.partial-${stamp}`);
  try {
    await cp(source, temp, {
      recursive: true,
      filter: (path) => {
        const rel = relative(source, path);
        return rel !== BASELINE_MANIFEST && rel !== 'inputs' && !rel.startsWith(`inputs${'/'}`) && !rel.startsWith('inputs\\');
      },
    });
    await mkdir(join(temp, 'inputs'), { recursive: true });
    const manifest: BaselineManifest = { schema: BASELINE_SCHEMA, inputs: [] };
    for (const [i, record] of inputs.entries()) {
      const role = i < stored.run.inputs.verdicts.length ? `verdicts-${i + 1}` : 'labels';
      const copy = `inputs/${role}.csv`;
      await copyFile(locateRunInput(stored, record), join(temp, copy));
      manifest.inputs.push({ file: record.file, sha256: record.sha256, copy });
    }
    await writeFile(join(temp, BASELINE_MANIFEST), toJson(manifest));
    const old = join(parent, `.${basename(target)}.old-${stamp}`);
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
    await rename(temp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    if (err instanceof MisfireError) throw err;
    throw new MisfireError('config', `cannot write the baseline folder ${target}: ${(err as Error).message}`);
  }
  return { baselineDir: target, conversations: stored.conversationIds.length, classifiers: stored.run.rows.classifiers, inputsCopied: inputs.length };
}
