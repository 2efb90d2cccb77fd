#!/usr/bin/env node
// Writes misfire's seeded synthetic dataset (conversations.jsonl, verdicts.csv, labels.csv).
// Uses the compiled generator in dist/, so run `npm run build` first.
//   node scripts/generate-demo.mjs --out datasets/demo --n 3000 --seed 7
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node scripts/generate-demo.mjs [--out DIR] [--n COUNT] [--seed INT] [--quiet]';

function fail(message) {
  process.stderr.write(`generate-demo: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integerOption(value, name) {
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string', default: 'datasets/demo' },
      n: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '7' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(err.message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const generatorPath = fileURLToPath(new URL('../dist/demo/index.js', import.meta.url));
if (!existsSync(generatorPath)) fail('dist/demo/index.js not found: run `npm run build` first');
const { generateDataset } = await import('../dist/demo/index.js');

const started = Date.now();
try {
  const summary = await generateDataset({
    n: integerOption(values.n, 'n'),
    seed: integerOption(values.seed, 'seed'),
    outDir: values.out,
  });
  if (!values.quiet) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `wrote ${summary.n} conversations (${summary.users} users, ${Object.keys(summary.topicCounts).length} topics, ` +
        `${summary.positives} labelled harmful) to ${values.out} in ${seconds}s\n`,
    );
  }
} catch (err) {
  process.stderr.write(`generate-demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err?.name === 'MisfireError' ? 2 : 3);
}
