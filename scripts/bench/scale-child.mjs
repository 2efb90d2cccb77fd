#!/usr/bin/env node
// One timed misfire step through the library (dist/), in its own process so its peak RSS is its own.
// Prints one JSON line {ms, peakRssMb, …}.
//   node scripts/bench/scale-child.mjs run --data DIR --out DIR [--fit-sample N] [--k K]
//   node scripts/bench/scale-child.mjs assign --model DIR --conversations F --verdicts F --labels F --out FILE
//   node scripts/bench/scale-child.mjs merge --model DIR --out DIR COUNTS...
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const [mode, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    model: { type: 'string' },
    conversations: { type: 'string' },
    verdicts: { type: 'string' },
    labels: { type: 'string' },
    'fit-sample': { type: 'string' },
    k: { type: 'string' },
  },
});
const quiet = { start() {}, update() {}, end() {} };
const started = performance.now();
let result = {};
if (mode === 'run') {
  const { runAtScale } = await import('../../dist/api/run-at-scale.js');
  const outcome = await runAtScale({
    conversations: join(values.data, 'conversations.jsonl'),
    verdicts: [join(values.data, 'verdicts.csv')],
    labels: join(values.data, 'labels.csv'),
    out: values.out,
    fitSample: values['fit-sample'] ? Number(values['fit-sample']) : undefined,
    settings: values.k ? { k: Number(values.k), permutations: 0 } : { permutations: 0 },
    progress: quiet,
    now: new Date(0),
  });
  result = { n: outcome.run.rows.conversations, leafK: outcome.clusters.filter((c) => c.level === 0).length, streamed: outcome.streamed };
} else if (mode === 'assign') {
  const { assignShard } = await import('../../dist/api/assign.js');
  const outcome = await assignShard({ model: values.model, conversations: values.conversations, verdicts: [values.verdicts], labels: values.labels, out: values.out });
  result = { n: outcome.file.table.conversations.reduce((s, n) => s + n, 0) };
} else if (mode === 'merge') {
  const { mergeCounts } = await import('../../dist/api/merge.js');
  const outcome = await mergeCounts({ model: values.model, counts: positionals, out: values.out, now: new Date(0) });
  result = { n: outcome.run.rows.conversations };
} else {
  process.stderr.write(`scale-child: unknown mode ${mode}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ mode, ms: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024, ...result })}\n`);
process.exit(0); // do not wait for idle worker threads
