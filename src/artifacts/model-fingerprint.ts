/**
 * The fingerprint of a fitted model as far as placing conversations goes: sha256 over model/embedding.bin,
 * model/centroids.bin and the settings that decide a conversation's summary and its verdicts' flags
 * (provider, judge, threshold, thresholds). Count files carry it; `misfire merge` adds only count files
 * whose fingerprint is the model's, so every shard was placed in the same leaves the same way.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import type { RunFolder } from './read-run.js';
import { RUN_FILES } from './run-files.js';

/**
 * @example const fingerprint = await modelFingerprint(await readRunFolder('reports/fit')); // 'c3ab8ff1…'
 */
export async function modelFingerprint(folder: RunFolder): Promise<string> {
  const hash = createHash('sha256');
  for (const name of [RUN_FILES.embeddingModel, RUN_FILES.centroids]) {
    const file = join(folder.dir, name);
    const bytes = await readFile(file).catch(() => {
      throw inputError(`unreadable model: ${name} is missing (was the run written by \`misfire run\`?)`, { file });
    });
    hash.update(name).update('\0').update(bytes).update('\0');
  }
  const s = folder.run.settings;
  const placing = { provider: s.provider, judge: s.judge, threshold: s.threshold, thresholds: Object.entries(s.thresholds).sort(([a], [b]) => (a < b ? -1 : 1)) };
  hash.update(JSON.stringify(placing));
  return hash.digest('hex');
}
