#!/usr/bin/env node
// One timed offline `misfire run` through the library (dist/), in its own process so peak RSS is the run's.
// Prints one JSON line: stage timings, peak RSS, and ARI against the generator's topics.
//   node scripts/bench/run-once.mjs --data DIR --out DIR [--seed 42] [--no-ari]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adjustedRandIndex } from './ari.mjs';

const { values } = parseArgs({
  options: { data: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '42' }, 'no-ari': { type: 'boolean', default: false } },
});
const bootMs = performance.now(); // node start-up until here (timeOrigin is process start)
const { runMisfire } = await import('../../dist/api/run.js');
const { clusterPoints } = await import('../../dist/clustering/cluster-points.js');
const importMs = performance.now() - bootMs;

/** Records wall time of the outer progress stages ('read inputs', 'write artifacts'); nested ones are ignored. */
function stageRecorder() {
  const stages = {};
  const open = [];
  return {
    stages,
    reporter: {
      start(stage) {
        open.push({ stage, at: performance.now() });
      },
      update() {},
      end() {
        const top = open.pop();
        if (top && open.length === 0) stages[top.stage] = (stages[top.stage] ?? 0) + performance.now() - top.at;
      },
    },
  };
}

const recorder = stageRecorder();
const seed = Number(values.seed);
const started = performance.now();
const outcome = await runMisfire({
  conversations: join(values.data, 'conversations.jsonl'),
  verdicts: [join(values.data, 'verdicts.csv')],
  labels: join(values.data, 'labels.csv'),
  out: values.out,
  settings: { seed },
  progress: recorder.reporter,
  now: new Date(0),
});
const runMs = performance.now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const analyzeStages = Object.fromEntries(outcome.result.clock.timings.map((t) => [t.stage, t.ms]));
const result = {
  n: outcome.result.conversationIds.length,
  leafK: outcome.result.hierarchy.levels[0]?.k ?? 0,
  processStartMs: bootMs + importMs,
  runMs,
  peakRssMb,
  stages: { 'read inputs': recorder.stages['read inputs'] ?? 0, ...analyzeStages, 'write/render': recorder.stages['write artifacts'] ?? 0 },
};

if (!values['no-ari']) {
  // Ground truth: the generator's `topic` field, in file order (= conversation order).
  const topics = [];
  const pattern = /"topic":"([^"]*)"/;
  for (const line of readFileSync(join(values.data, 'conversations.jsonl'), 'utf8').split('\n')) {
    if (line) topics.push(pattern.exec(line)?.[1] ?? '');
  }
  const leafOf = outcome.result.hierarchy.leafOf;
  result.topics = new Set(topics).size;
  result.ariDefaultK = adjustedRandIndex(topics, leafOf);
  const t = performance.now();
  const atTopics = clusterPoints(outcome.result.embedding, { k: result.topics, seed });
  result.clusterAtTopicsMs = performance.now() - t;
  result.ariAtTopics = adjustedRandIndex(topics, atTopics.assignment);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0); // do not wait for idle worker threads
