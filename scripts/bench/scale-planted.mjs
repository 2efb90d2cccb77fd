// The planted pockets of the demo generator, checked in a run folder of any size (the scale bench runs it on
// the streamed sample fit and the in-memory full fit at 1M): a planted pocket counts as found when one of the
// first 8 hierarchy pockets by excess errors holds at least half of the topic's errors and is at least half
// that topic (the rule of `npm run bench -- --quality`; error-focused pockets are left out, as a streamed run
// has none). Reads the inputs line by line, so a million conversations fit.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PLANTED } from './quality.mjs';

async function* lines(file) {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) yield line;
}

/** Topic, label and the (classifier → flagged) verdicts of every conversation, by conversation index. */
export async function readTruth(data) {
  const index = new Map();
  const topics = [];
  for await (const line of lines(join(data, 'conversations.jsonl'))) {
    index.set(/"id":"([^"]*)"/.exec(line)[1], topics.length);
    topics.push(/"topic":"([^"]*)"/.exec(line)?.[1] ?? '');
  }
  const labels = new Int8Array(topics.length).fill(-1);
  let header = true;
  for await (const line of lines(join(data, 'labels.csv'))) {
    if (header) { header = false; continue; }
    const [id, label] = line.split(',');
    labels[index.get(id)] = Number(label);
  }
  const flagged = new Map(PLANTED.map(([classifier]) => [classifier, new Int8Array(topics.length).fill(-1)]));
  header = true;
  let columns = null;
  for await (const line of lines(join(data, 'verdicts.csv'))) {
    const cells = line.split(',');
    if (header) { header = false; columns = cells; continue; }
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    flagged.get(row.classifier)?.set([row.flagged === '1' ? 1 : 0], index.get(row.conversation_id));
  }
  return { index, topics, labels, flagged };
}

/** For each planted pocket: found among the first 8 hierarchy pockets of `run`. */
export async function plantedFound(run, truth) {
  const clusters = JSON.parse(readFileSync(join(run, 'clusters.json'), 'utf8'));
  const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8'));
  const parent = new Map(clusters.map((c) => [c.cluster_id, c.parent_id]));
  const leafOf = new Int32Array(truth.topics.length).fill(-1);
  const leafIds = [];
  const leafNumber = new Map();
  for await (const line of lines(join(run, 'assignments.csv'))) {
    if (line.startsWith('conversation_id')) continue;
    const comma = line.lastIndexOf(',');
    const leaf = line.slice(comma + 1);
    if (!leafNumber.has(leaf)) { leafNumber.set(leaf, leafIds.length); leafIds.push(leaf); }
    leafOf[truth.index.get(line.slice(0, line.indexOf(',')))] = leafNumber.get(leaf);
  }
  const ancestors = leafIds.map((leaf) => { const chain = []; for (let c = leaf; c; c = parent.get(c)) chain.push(c); return chain; });
  return PLANTED.map(([classifier, kind, topic, label]) => {
    const m = metrics.classifiers.find((c) => c.name === classifier);
    const rows = new Map(m.clusters.map((r) => [r.cluster_id, r]));
    const key = kind === 'false_positive' ? 'excess_fp' : 'excess_fn';
    const top = m.pockets[kind].map((id) => ({ id, excess: rows.get(id)?.[key] ?? 0 })).sort((a, b) => b.excess - a.excess).slice(0, 8).map((p) => p.id);
    const flags = truth.flagged.get(classifier);
    const isError = (i) => truth.labels[i] === label && flags[i] === (label === 0 ? 1 : 0);
    let topicErrors = 0;
    for (let i = 0; i < truth.topics.length; i++) if (truth.topics[i] === topic && isError(i)) topicErrors++;
    // Each of the first 8 pockets: its share of the topic's errors (cover) and the topic's share of its items of
    // that label (purity).
    const stats = top.map((id) => {
      let relevant = 0;
      let ofTopic = 0;
      let covered = 0;
      for (let i = 0; i < truth.topics.length; i++) {
        if (leafOf[i] < 0 || !ancestors[leafOf[i]].includes(id) || truth.labels[i] !== label) continue;
        relevant++;
        if (truth.topics[i] === topic) ofTopic++;
        if (truth.topics[i] === topic && isError(i)) covered++;
      }
      return { id, purity: relevant ? ofTopic / relevant : 0, cover: covered / Math.max(1, topicErrors) };
    });
    const pure = stats.filter((s) => s.purity >= 0.5);
    const found = pure.some((s) => s.cover >= 0.5);
    // Found in pieces: pockets at least half the topic whose covers add up to half its errors (a topic split
    // over sibling leaves that are each a pocket).
    const foundInPieces = pure.reduce((sum, s) => sum + s.cover, 0) >= 0.5;
    return { classifier, kind, topic, found, foundInPieces, pockets: stats.map((s) => `${s.id} ${(100 * s.purity).toFixed(0)}%/${(100 * s.cover).toFixed(0)}%`).join(', ') };
  });
}
