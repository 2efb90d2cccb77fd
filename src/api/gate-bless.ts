/**
 * `misfire bless`: store a run as the new gate baseline. The run folder is copied (artifacts and the saved
 * model) together with copies of its verdict and label inputs (and labelling sample) — checked against run.json first — so the
 * baseline keeps working after those files change. The copy is atomic: it is built in a temporary sibling
 * folder and renamed over the baseline folder only when complete. Conversations' text is never copied.
 */
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { writeArtifactsAtomically } from '../artifacts/atomic-folder.js';
import { assertSafeOutput } from '../artifacts/output-folder.js';
import { toJson } from '../artifacts/canonical-json.js';
import { BASELINE_SCHEMA, type BaselineManifest } from '../artifacts/baseline-manifest.js';
import { BASELINE_FILES } from '../artifacts/run-files.js';
import { tableSuffix } from '../io/table-batches.js';
import { blessableInputs, loadStoredRun, locateRunInput, readRunLabels, readRunSample, readRunVerdicts } from './gate-run-files.js';

const INPUTS = BASELINE_FILES.inputs;

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
  const inputs = blessableInputs(stored.run);
  const protect = [source, ...inputs.map((record) => locateRunInput(stored, record))];
  await assertSafeOutput(baselineDir, { flag: '--baseline-dir', inputs: protect });
  // Re-read the inputs: a run whose inputs changed since it was written must not become a baseline.
  await readRunVerdicts(stored);
  if (stored.run.inputs.labels) await readRunLabels(stored);
  await readRunSample(stored);
  try {
    await writeArtifactsAtomically(target, async (writer) => {
      await cp(source, writer.dir, {
        recursive: true,
        filter: (path) => {
          const rel = relative(source, path);
          return rel !== BASELINE_FILES.manifest && rel !== INPUTS && !rel.startsWith(`${INPUTS}/`) && !rel.startsWith(`${INPUTS}\\`);
        },
      });
      await mkdir(join(writer.dir, INPUTS), { recursive: true });
      const manifest: BaselineManifest = { schema: BASELINE_SCHEMA, inputs: [] };
      for (const [i, record] of inputs.entries()) {
        const role = i < stored.run.inputs.verdicts.length ? `verdicts-${i + 1}` : record === stored.run.inputs.sample ? 'sample' : 'labels';
        const copy = `${INPUTS}/${role}${tableSuffix(record.file)}`;
        await copyFile(locateRunInput(stored, record), join(writer.dir, copy));
        manifest.inputs.push({ file: record.file, sha256: record.sha256, copy });
      }
      await writer.write(BASELINE_FILES.manifest, toJson(manifest));
    }, { flag: '--baseline-dir', inputs: protect });
  } catch (err) {
    if (err instanceof MisfireError) throw err;
    throw new MisfireError('config', `cannot write the baseline folder ${target}: ${(err as Error).message}`);
  }
  return { baselineDir: target, conversations: stored.conversationIds.length, classifiers: stored.run.rows.classifiers, inputsCopied: inputs.length };
}
