/**
 * Progress on stderr: a live line on a terminal, and on a pipe a line per stage that took longer than a
 * second (so CI logs show where time went without drowning in updates). Silent with --quiet.
 */
import type { ProgressReporter } from '../types.js';

export function createStderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = Boolean(stream.isTTY);
  let stage = '';
  let total: number | undefined;
  let started = 0;
  let lastDraw = 0;
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  const draw = (done: number, extra?: Record<string, number>) => {
    const now = performance.now();
    if (!tty || now - lastDraw < 100 || now - started < 1000) return;
    lastDraw = now;
    const fraction = total ? Math.min(done / total, 1) : 0;
    const bar = total ? `[${'#'.repeat(Math.round(fraction * 24)).padEnd(24, '.')}] ${done}/${total}` : `${done}`;
    const more = extra ? ` ${Object.entries(extra).map(([k, v]) => `${k} ${v}`).join(' · ')}` : '';
    stream.write(`\r\x1b[2K${stage} ${bar}${more} ${elapsed()}s`);
  };
  return {
    start(name, size) {
      stage = name;
      total = size;
      started = performance.now();
      lastDraw = 0;
    },
    update(done, extra) {
      draw(done, extra);
    },
    end() {
      const seconds = (performance.now() - started) / 1000;
      if (tty) stream.write('\r\x1b[2K');
      if (seconds >= 1) stream.write(`misfire: ${stage} done in ${seconds.toFixed(1)}s\n`);
    },
  };
}
