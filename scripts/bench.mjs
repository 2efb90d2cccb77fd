#!/usr/bin/env node
// misfire's benchmark: generate demo data (cached), time one full offline `misfire run` (report included)
// in a child process, compare clustering quality with the generator's topics and with the scikit-learn
// reference, and time the metrics stage alone at scale. Prints a table and writes it as JSON.
//   npm run bench -- --n 100000
//   npm run bench -- --n 1000000 --reference on --check-determinism
// `npm run bench` builds first; this script uses dist/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { metricsMicroBench } from './bench/metrics-micro.mjs';
import { formatTable } from './bench/table.mjs';
import { cachedDataset } from './bench/cached-dataset.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const USAGE = `usage: node scripts/bench.mjs [--n 100000] [--seed 7] [--run-seed 42] [--classifiers 5] [--metrics-n 1000000]
       [--out FILE.json] [--data-dir DIR] [--reference auto|on|off] [--check-determinism] [--keep]
       [--before DIR [--repeat 3]]   (end to end against another checkout, alternately, on the same data)
       node scripts/bench.mjs --quality [--seeds 15] [--variants default,lsa,meaning,0.5,0.75] [--realdata DIR] [--out FILE.json]
       node scripts/bench.mjs --sampling [--n 3000] [--seed 7] [--seeds 200] [--out FILE.json]
       node scripts/bench.mjs --scale [--sizes 1000000,3000000] [--shards 4] [--fit-sample 200000] [--ari on|off] [--data-dir DIR] [--keep] [--out FILE.json]`;

function fail(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      n: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '7' },
      'run-seed': { type: 'string', default: '42' },
      classifiers: { type: 'string', default: '5' },
      'metrics-n': { type: 'string', default: '1000000' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      reference: { type: 'string', default: 'auto' },
      'check-determinism': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      quality: { type: 'boolean', default: false },
      sampling: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      sizes: { type: 'string', default: '1000000,3000000' },
      shards: { type: 'string', default: '4' },
      ari: { type: 'string', default: 'on' },
      'fit-sample': { type: 'string', default: '200000' },
      seeds: { type: 'string', default: '15' },
      variants: { type: 'string', default: 'default,lsa,meaning,0.5,0.75' },
      realdata: { type: 'string' },
      before: { type: 'string' },
      repeat: { type: 'string', default: '3' },
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
const int = (name, min) => {
  const v = values[name];
  if (!/^\d+$/.test(v) || Number(v) < min) fail(`--${name} must be a whole number ≥ ${min}, got "${v}"`);
  return Number(v);
};
const n = int('n', 1);
const seed = int('seed', 0);
const runSeed = int('run-seed', 0);
const classifiers = int('classifiers', 1);
const metricsN = int('metrics-n', 1);
if (!['auto', 'on', 'off'].includes(values.reference)) fail('--reference must be auto, on or off');
if (values.quality) {
  const { runQuality, defaultRealdata } = await import('./bench/quality-main.mjs');
  await runQuality({ root: ROOT, realdata: values.realdata ? resolve(values.realdata) : defaultRealdata(ROOT), seeds: int('seeds', 1), variants: values.variants.split(','), out: values.out }).catch((err) => fail(err.message));
  process.exit(0);
}
if (values.sampling) {
  // --n and --seed default to the shipped demo here (3,000 conversations, seed 7).
  const { runSampling } = await import('./bench/sampling.mjs');
  const given = (name) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const { text, result } = await runSampling({
    root: ROOT,
    n: given('n') ? n : 3000,
    seed: given('seed') ? seed : 7,
    seeds: given('seeds') ? int('seeds', 1) : 200,
  }).catch((err) => fail(err.message));
  process.stdout.write(`${text}\n`);
  const outFile = values.out ?? join(ROOT, 'bench-results', 'bench-sampling.json');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`wrote ${outFile}\n`);
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist', 'api', 'run.js'))) fail('dist/ not found: run `npm run build` first (npm run bench does)');
if (values.scale) {
  const { runScale } = await import('./bench/scale-main.mjs');
  const sizes = values.sizes.split(',').map((x) => (/^\d+$/.test(x) && Number(x) >= 1 ? Number(x) : fail(`--sizes takes whole numbers, got "${x}"`)));
  if (!['on', 'off'].includes(values.ari)) fail('--ari must be on or off');
  await runScale({ root: ROOT, sizes, shards: int('shards', 1), ari: values.ari === 'on', fitSample: int('fit-sample', 1), seed, dataRoot: values['data-dir'] ?? join(tmpdir(), 'misfire-bench'), out: values.out, keep: values.keep }).catch((err) => fail(err.message));
  process.exit(0);
}

const log = (line) => process.stderr.write(`${line}\n`);
if (values.before && !existsSync(join(resolve(values.before), 'dist', 'cli', 'main.js'))) {
  fail(`--before ${values.before}: no dist/ there (run npm ci or npm run build in it first)`);
}

// 1. Data, cached by n, seed and the generator's compiled code.
const { dir: dataDir, generateSeconds } = await cachedDataset({ root: ROOT, dir: values['data-dir'] ?? join(tmpdir(), 'misfire-bench', `n${n}-s${seed}`), n, seed, log });

// 2. The run, in a child process (its own peak RSS), optionally twice for the determinism check.
const outRoot = mkdtempSync(join(tmpdir(), 'misfire-bench-out-'));
const loadBefore = loadavg()[0];
log('running misfire (offline provider) …');
const run = runOnce(join(outRoot, 'run'), {});
let determinism = null;
if (values['check-determinism']) {
  log('running again single-threaded (MISFIRE_THREADS=1) to compare artifacts …');
  const again = runOnce(join(outRoot, 'run-single-thread'), { MISFIRE_THREADS: '1' }, true);
  determinism = compareArtifacts(join(outRoot, 'run'), join(outRoot, 'run-single-thread'));
  determinism.singleThreadRunMs = again.runMs;
}

// 2b. Against an earlier version (--before DIR), alternately on the same data.
let versus = null;
if (values.before) {
  const { timeVersus } = await import('./bench/versus.mjs');
  log(`end to end against ${values.before}, alternately …`);
  try {
    versus = timeVersus({ root: ROOT, beforeDir: resolve(values.before), dataDir, repeat: int('repeat', 1), log });
  } catch (err) {
    fail(err.message);
  }
}

// 3. The scikit-learn reference (clustering only) on the same conversations.
let reference = { skipped: 'not run (--reference off)' };
const wantReference = values.reference === 'on' || (values.reference === 'auto' && n <= 200_000);
if (values.reference === 'auto' && !wantReference) reference = { skipped: `not run above 200,000 conversations (use --reference on)` };
if (wantReference) {
  log('running the scikit-learn reference …');
  reference = runReference(join(dataDir, 'conversations.jsonl'), run.topics ?? 0);
}

// 4. The metrics stage alone at scale.
log(`metrics micro-bench: ${metricsN.toLocaleString('en-US')} conversations × ${classifiers} classifiers …`);
const metrics = await metricsMicroBench({ n: metricsN, classifiers });

// 5. What the Claude provider would cost per 100k conversations like these (dry run, no API call).
const dryRun = await claudeDryRun(Math.min(n, 100_000));

const result = {
  schema: 'misfire.bench/v1',
  date: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: +loadBefore.toFixed(2),
    threads: process.env.MISFIRE_THREADS ?? 'default (one per core)',
  },
  data: { n, seed, dir: dataDir, generateSeconds },
  run,
  targets: targetsFor(n, run, metrics, versus),
  versus,
  reference,
  metrics,
  dryRun,
  determinism,
};
process.stdout.write(`${formatTable(result)}\n`);
const outFile = values.out ?? join(ROOT, 'bench-results', `bench-n${n}.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
log(`wrote ${outFile}`);
if (!values.keep) rmSync(outRoot, { recursive: true, force: true });
else log(`artifacts kept in ${outRoot}`);

function runOnce(outDir, env, skipAri = false) {
  const args = [join(ROOT, 'scripts', 'bench', 'run-once.mjs'), '--data', dataDir, '--out', outDir, '--seed', String(runSeed)];
  if (skipAri) args.push('--no-ari');
  const child = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    fail(`misfire run failed (exit ${child.status})`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

function runReference(conversations, k) {
  const script = join(ROOT, 'scripts', 'bench', 'sklearn_reference.py');
  const args = [script, conversations, '--seed', String(runSeed)];
  if (k > 0) args.push('--k', String(k));
  const child = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (child.error) return { skipped: `python3 not available (${child.error.code ?? child.error.message})` };
  try {
    const parsed = JSON.parse(child.stdout.trim().split('\n').pop());
    if (parsed.skipped) return { skipped: `${parsed.skipped}` };
    return parsed;
  } catch {
    return { skipped: `reference failed (exit ${child.status}): ${child.stderr.trim().split('\n').pop() ?? ''}` };
  }
}

async function claudeDryRun(count) {
  try {
    const { iterateConversations, toConversation } = await import('../dist/demo/index.js');
    const { estimateRun } = await import('../dist/providers/anthropic/dry-run.js');
    const conversations = [];
    for (const c of iterateConversations({ n: count, seed })) conversations.push(toConversation(c));
    const emptyCache = mkdtempSync(join(tmpdir(), 'misfire-bench-cache-'));
    const e = estimateRun(conversations, { cacheDir: emptyCache });
    rmSync(emptyCache, { recursive: true, force: true });
    const scale = 100_000 / count;
    return { sampled: count, model: e.model, namingModel: e.namingModel, usdPer100k: e.usd * scale, usdBatchPer100k: (e.usdBatch ?? NaN) * scale };
  } catch (err) {
    return { skipped: `dry run unavailable: ${err.message}` };
  }
}

function targetsFor(size, r, m, versus) {
  const endToEnd = (r.processStartMs + r.runMs) / 1000;
  const targets = [];
  if (size === 100_000) {
    targets.push({ what: '100k end to end ≤ 6 s', value: endToEnd, limit: 6, met: endToEnd <= 6 });
    // Before the semantic embedding, whole-conversation facets and pockets by meaning: 12.5 s (27 Nov 2026, idle).
    targets.push({ what: '100k ≤ 1.3 × 12.5 s (before)', value: endToEnd, limit: 16.25, met: endToEnd <= 16.25 });
    // The same comparison on the same machine at the same time, when an earlier checkout is given (--before).
    if (versus) targets.push({ what: '100k ≤ 1.3 × --before (medians)', value: versus.ratio, limit: 1.3, met: versus.ratio <= 1.3 });
  }
  if (size === 1_000_000) {
    targets.push({ what: '1M end to end ≤ 180 s', value: endToEnd, limit: 180, met: endToEnd <= 180 });
    targets.push({ what: '1M peak RSS ≤ 4096 MB', value: r.peakRssMb, limit: 4096, met: r.peakRssMb <= 4096 });
  }
  if (m.n === 1_000_000 && m.classifiers === 5) targets.push({ what: 'metrics 1M × 5 ≤ 2 s', value: m.ms / 1000, limit: 2, met: m.ms <= 2000 });
  return targets;
}

function compareArtifacts(a, b) {
  const files = ['metrics.json', 'clusters.json', 'assignments.csv', 'run.json', 'model/embedding.bin', 'model/centroids.bin'];
  const differing = [];
  for (const file of files) {
    const pa = join(a, file);
    const pb = join(b, file);
    if (!existsSync(pa) && !existsSync(pb)) continue;
    if (!existsSync(pa) || !existsSync(pb) || sha256(pa) !== sha256(pb)) differing.push(file);
  }
  return { compared: files, identical: differing.length === 0, differing };
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
