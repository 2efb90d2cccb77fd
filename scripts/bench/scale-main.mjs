// `npm run bench -- --scale`: misfire past one machine's memory. For each size (default 1M and 3M generated
// conversations): one streamed `misfire run` (clusters fitted on a 200k sample, every conversation counted),
// wall time and peak RSS in its own process. At the first size also: the same data as 4 shards — 4 ×
// `misfire assign` with the streamed run as model, then `misfire merge` — whose metrics.json must be
// byte-identical to the one-process run's; and the ARI against the generator's topics of the sample fit
// next to the full fit (an in-memory run over every conversation), at the default k and at k = topics.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { adjustedRandIndex } from './ari.mjs';
import { plantedFound, readTruth } from './scale-planted.mjs';
import { cachedDataset } from './cached-dataset.mjs';

const log = (line) => process.stderr.write(`${line}\n`);
const int = (x) => Math.round(x).toLocaleString('en-US');
const secs = (ms) => (ms / 1000).toFixed(1);

export async function runScale({ root, sizes, shards, ari, fitSample, seed, dataRoot, out, keep }) {
  const work = mkdtempSync(join(tmpdir(), 'misfire-bench-scale-'));
  const result = { schema: 'misfire.bench-scale/v1', date: new Date().toISOString(), machine: machine(), fitSample, sizes: [], shards: null, ari: null };
  for (const [i, n] of sizes.entries()) {
    const data = await dataset(root, dataRoot, n, seed);
    log(`n = ${int(n)}: streamed misfire run …`);
    const run = child(root, ['run', '--data', data, '--out', join(work, `run-${n}`), '--fit-sample', String(fitSample)]);
    result.sizes.push({ n, ms: run.ms, peakRssMb: run.peakRssMb, leafK: run.leafK, streamed: run.streamed, loadAverage: +loadavg()[0].toFixed(2) });
    log(`  ${secs(run.ms)} s, peak ${int(run.peakRssMb)} MB`);
    if (i > 0) continue;
    if (shards > 1) result.shards = await shardedRun(root, data, work, n, shards, join(work, `run-${n}`));
    if (ari) result.ari = await compareAri(root, data, work, n, join(work, `run-${n}`), fitSample);
  }
  const [first, ...others] = result.sizes;
  // The targets: 3M's peak within 20% of 1M's, and 10M's at most 8 GB; growth per conversation is printed for every size.
  result.peakGrowth = others.map((s) => ({
    from: first.n,
    to: s.n,
    ratio: s.peakRssMb / first.peakRssMb,
    bytesPerConversation: ((s.peakRssMb - first.peakRssMb) * 2 ** 20) / (s.n - first.n),
    target: s.n <= 3 * first.n ? 'ratio < 1.2' : 'peak ≤ 8 GB',
    met: s.n <= 3 * first.n ? s.peakRssMb / first.peakRssMb < 1.2 : s.peakRssMb <= 8 * 1024,
  }));
  process.stdout.write(`${formatScale(result)}\n`);
  const outFile = out ?? join(root, 'bench-results', 'bench-scale.json');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${outFile}`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  else log(`artifacts kept in ${work}`);
}

function machine() {
  return { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, loadAverageAtStart: +loadavg()[0].toFixed(2) };
}

/** Generated data of size n (cached by n, seed and the generator's compiled code, as the main bench does). */
async function dataset(root, dataRoot, n, seed) {
  return (await cachedDataset({ root, dir: join(dataRoot, `n${n}-s${seed}`), n, seed, log })).dir;
}

function child(root, args) {
  const done = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'scale-child.mjs'), ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (done.status !== 0) throw new Error(`${args[0]} failed (exit ${done.status}): ${done.stderr.trim().split('\n').slice(-5).join('\n')}`);
  return JSON.parse(done.stdout.trim().split('\n').pop());
}

/** Split the data into shards by a hash of the conversation id (verdicts and labels follow their conversation). */
async function splitShards(data, dir, count) {
  const shardOf = (id) => createHash('md5').update(id).digest().readUInt32LE(0) % count;
  const folders = Array.from({ length: count }, (_, s) => join(dir, `part-${s}`));
  for (const f of folders) mkdirSync(f, { recursive: true });
  const split = async (name, idOf) => {
    const outs = folders.map((f) => createWriteStream(join(f, name)));
    let header = null;
    for await (const line of createInterface({ input: createReadStream(join(data, name)), crlfDelay: Infinity })) {
      if (!line) continue;
      if (name.endsWith('.csv') && header === null) {
        header = line;
        for (const o of outs) o.write(`${line}\n`);
        continue;
      }
      const o = outs[shardOf(idOf(line))];
      if (!o.write(`${line}\n`)) await new Promise((r) => o.once('drain', r));
    }
    await Promise.all(outs.map((o) => new Promise((r) => o.end(r))));
  };
  await split('conversations.jsonl', (line) => /"id":"([^"]*)"/.exec(line)[1]);
  await split('verdicts.csv', (line) => line.slice(0, line.indexOf(',')));
  await split('labels.csv', (line) => line.slice(0, line.indexOf(',')));
  return folders;
}

async function shardedRun(root, data, work, n, count, model) {
  log(`n = ${int(n)}: ${count} shards …`);
  const folders = await splitShards(data, join(work, 'shards'), count);
  const assigns = folders.map((f, s) => {
    const r = child(root, ['assign', '--model', model, '--conversations', join(f, 'conversations.jsonl'), '--verdicts', join(f, 'verdicts.csv'), '--labels', join(f, 'labels.csv'), '--out', join(work, `part-${s}.counts`)]);
    log(`  assign part-${s}: ${int(r.n)} conversations, ${secs(r.ms)} s, peak ${int(r.peakRssMb)} MB`);
    return r;
  });
  const merged = child(root, ['merge', '--model', model, '--out', join(work, 'merged'), ...folders.map((_, s) => join(work, `part-${s}.counts`))]);
  const identical = readFileSync(join(model, 'metrics.json'), 'utf8') === readFileSync(join(work, 'merged', 'metrics.json'), 'utf8');
  log(`  merge: ${secs(merged.ms)} s; metrics.json identical to the one-process run: ${identical}`);
  const assignMs = assigns.map((a) => a.ms);
  return { count, assignMs, assignPeakRssMb: assigns.map((a) => a.peakRssMb), mergeMs: merged.ms, sumMs: assignMs.reduce((a, b) => a + b, 0) + merged.ms, parallelMs: Math.max(...assignMs) + merged.ms, identical };
}

async function compareAri(root, data, work, n, streamedRun, fitSample) {
  const topics = [];
  for await (const line of createInterface({ input: createReadStream(join(data, 'conversations.jsonl')), crlfDelay: Infinity })) if (line) topics.push(/"topic":"([^"]*)"/.exec(line)?.[1] ?? '');
  const k = new Set(topics).size;
  const ariOf = (run) => {
    const leaves = readFileSync(join(run, 'assignments.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.slice(l.lastIndexOf(',') + 1));
    return adjustedRandIndex(topics, leaves);
  };
  log(`n = ${int(n)}: full fit (every conversation in memory) for the ARI …`);
  const full = child(root, ['run', '--data', data, '--out', join(work, 'full'), '--fit-sample', String(n)]);
  const atDefault = { sample: ariOf(streamedRun), full: ariOf(join(work, 'full')), fullMs: full.ms, fullPeakRssMb: full.peakRssMb };
  const truth = await readTruth(data);
  const planted = { sample: await plantedFound(streamedRun, truth), full: await plantedFound(join(work, 'full'), truth) };
  for (const [fit, rows] of Object.entries(planted)) for (const p of rows) log(`  planted ${p.classifier} ${p.kind} ${p.topic}, ${fit} fit: ${p.found ? 'found' : p.foundInPieces ? 'found in pieces' : 'NOT found'} (${p.pockets})`);
  rmSync(join(work, 'full'), { recursive: true, force: true });
  log(`  default k: sample fit ${atDefault.sample.toFixed(4)}, full fit ${atDefault.full.toFixed(4)}; now k = ${k} …`);
  child(root, ['run', '--data', data, '--out', join(work, 'sample-k'), '--k', String(k), '--fit-sample', String(fitSample)]);
  child(root, ['run', '--data', data, '--out', join(work, 'full-k'), '--k', String(k), '--fit-sample', String(n)]);
  const atTopics = { k, sample: ariOf(join(work, 'sample-k')), full: ariOf(join(work, 'full-k')) };
  log(`  k = ${k}: sample fit ${atTopics.sample.toFixed(4)}, full fit ${atTopics.full.toFixed(4)}`);
  const within = (x) => Math.abs(x.sample - x.full) <= 0.02;
  const notWorse = (x) => x.sample >= x.full - 0.02;
  const same = planted.sample.every((p, i) => p.found === planted.full[i].found && p.foundInPieces === planted.full[i].foundInPieces);
  // The bar: the sample fit finds every planted pocket the full fit finds (whole, or in sibling pieces).
  const notWorseThanFull = planted.full.every((p, i) => (!p.found || planted.sample[i].found) && (!p.foundInPieces || planted.sample[i].foundInPieces));
  return { n, atDefault, atTopics, met: within(atDefault) && within(atTopics), notWorse: notWorse(atDefault) && notWorse(atTopics), planted, plantedSame: same, plantedNotWorse: notWorseThanFull };
}

export function formatScale(r) {
  const lines = [`misfire bench --scale — ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average at start ${r.machine.loadAverageAtStart}`, ''];
  lines.push(`| conversations | one process (streamed, fit on ${int(r.fitSample)}) | peak RSS | leaves |`);
  lines.push('|---:|---:|---:|---:|');
  for (const s of r.sizes) lines.push(`| ${int(s.n)} | ${secs(s.ms)} s | ${int(s.peakRssMb)} MB | ${s.leafK} |`);
  for (const g of r.peakGrowth) lines.push(`\npeak RSS ${int(g.to)} vs ${int(g.from)}: × ${g.ratio.toFixed(3)}, ${g.bytesPerConversation.toFixed(0)} bytes per added conversation (target ${g.target}: ${g.met ? 'met' : 'MISSED'})`);
  if (r.shards) {
    const s = r.shards;
    lines.push(`\n${s.count} shards of ${int(r.sizes[0].n)}: assign ${s.assignMs.map(secs).join(' / ')} s (peak ${s.assignPeakRssMb.map(int).join(' / ')} MB), merge ${secs(s.mergeMs)} s;`);
    lines.push(`  one after another ${secs(s.sumMs)} s, on ${s.count} machines ≈ ${secs(s.parallelMs)} s; metrics.json identical to one process: ${s.identical ? 'yes' : 'NO'}`);
  }
  if (r.ari) {
    const a = r.ari;
    lines.push(`\nARI vs topics at ${int(a.n)}: default k — sample fit ${a.atDefault.sample.toFixed(4)}, full fit ${a.atDefault.full.toFixed(4)} (full fit ${secs(a.atDefault.fullMs)} s, peak ${int(a.atDefault.fullPeakRssMb)} MB);`);
    const count = (rows, key) => rows.filter((p) => p[key]).length;
    lines.push(`  k = ${a.atTopics.k} — sample fit ${a.atTopics.sample.toFixed(4)}, full fit ${a.atTopics.full.toFixed(4)}; within ±0.02: ${a.met ? 'met' : 'MISSED'}; at most 0.02 below: ${a.notWorse ? 'met' : 'MISSED'}`);
    lines.push(`planted pockets among the first 8 hierarchy pockets (of ${a.planted.sample.length}): sample fit ${count(a.planted.sample, 'found')} whole + ${count(a.planted.sample, 'foundInPieces') - count(a.planted.sample, 'found')} in sibling pieces, full fit ${count(a.planted.full, 'found')} + ${count(a.planted.full, 'foundInPieces') - count(a.planted.full, 'found')}; the same: ${a.plantedSame ? 'yes' : 'no'}; the sample fit finds every one the full fit finds: ${a.plantedNotWorse ? 'met' : 'MISSED'}`);
  }
  return lines.join('\n');
}
