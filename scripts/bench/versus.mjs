// End to end against an earlier version on the same data and machine: this checkout's CLI and another
// checkout's (`--before DIR`, with its dist/ built), run alternately so that both see the same machine
// (a shared or throttled machine drifts by tens of percent within minutes; a fixed earlier figure cannot).
// Each run is the whole `misfire run` process, node start-up and report included.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The middle value (mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeCli(checkout, dataDir, outDir) {
  const args = [join(checkout, 'bin', 'misfire.js'), 'run', '-q', '-o', outDir];
  args.push('-c', join(dataDir, 'conversations.jsonl'), '-v', join(dataDir, 'verdicts.csv'), '-l', join(dataDir, 'labels.csv'));
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: checkout, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`misfire run in ${checkout} failed (exit ${child.status}): ${child.stderr.trim().split('\n').pop() ?? ''}`);
  return seconds;
}

/**
 * `repeat` alternating runs (earlier version first) of both checkouts on `dataDir`.
 * @returns {{ before: number[], now: number[], medianBefore: number, medianNow: number, ratio: number, beforeDir: string }}
 */
export function timeVersus({ root, beforeDir, dataDir, repeat, log = () => {} }) {
  if (!existsSync(join(beforeDir, 'dist', 'cli', 'main.js'))) throw new Error(`--before ${beforeDir}: no dist/ there (run npm ci or npm run build in it first)`);
  const outRoot = mkdtempSync(join(tmpdir(), 'misfire-versus-'));
  const before = [];
  const now = [];
  try {
    for (let r = 0; r < repeat; r++) {
      before.push(timeCli(beforeDir, dataDir, join(outRoot, `before-${r}`)));
      now.push(timeCli(root, dataDir, join(outRoot, `now-${r}`)));
      log(`versus ${r + 1}/${repeat}: before ${before[r].toFixed(2)} s, now ${now[r].toFixed(2)} s`);
      rmSync(join(outRoot, `before-${r}`), { recursive: true, force: true });
      rmSync(join(outRoot, `now-${r}`), { recursive: true, force: true });
    }
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
  const medianBefore = median(before);
  const medianNow = median(now);
  return { beforeDir, before, now, medianBefore, medianNow, ratio: medianNow / medianBefore };
}
