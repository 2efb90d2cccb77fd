import { test } from 'vitest';
import { demoRun, PINNED_NOW } from './demo-run.js';
import { renderRunReport } from '../../src/api/report.js';
test('scratch', async () => {
  const run = await demoRun();
  const t = Date.now();
  const r = await renderRunReport({ run: run.dir, out: '/tmp/scratch-report/index.html', now: PINNED_NOW });
  console.log('render ms', Date.now() - t, 'html bytes', r.html.length);
});
