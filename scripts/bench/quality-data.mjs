/** Reading a run's pockets back for the quality measures: members of cluster pockets and error pockets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rows of a small CSV with no commas inside cells (the real data's label and verdict files), quotes stripped. */
export function readCsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell.replace(/^"|"$/g, '')])));
}

function clusterMembers(out, outcome) {
  const parent = new Map(outcome.result.clusters.map((c) => [c.cluster_id, c.parent_id]));
  const members = new Map();
  for (const { conversation_id, cluster_id } of readCsv(join(out, 'assignments.csv'))) {
    for (let c = cluster_id; c; c = parent.get(c)) {
      if (!members.has(c)) members.set(c, []);
      members.get(c).push(conversation_id);
    }
  }
  return members;
}

function errorMembers(out) {
  const members = new Map();
  for (const { classifier, pocket_id, conversation_id } of readCsv(join(out, 'pockets.csv'))) {
    const key = `${classifier}\u0000${pocket_id}`;
    if (!members.has(key)) members.set(key, []);
    members.get(key).push(conversation_id);
  }
  return members;
}

/** Every pocket of one classifier and kind, hierarchy and error-focused: { kind, id, excess, members }. */
export function pocketMembers(out, outcome, classifier, kind) {
  const metrics = outcome.metrics.classifiers.find((c) => c.name === classifier);
  const clusters = clusterMembers(out, outcome);
  const errors = errorMembers(out);
  const rows = new Map(metrics.clusters.map((r) => [r.cluster_id, r]));
  const excessKey = kind === 'false_positive' ? 'excess_fp' : 'excess_fn';
  return [
    ...metrics.pockets[kind].map((id) => ({ kind: 'cluster', id, excess: rows.get(id)[excessKey] ?? 0, members: clusters.get(id) ?? [] })),
    ...(metrics.error_pockets?.[kind].pockets ?? []).map((p) => ({ kind: 'error', id: p.pocket_id, excess: p.excess ?? 0, members: errors.get(`${classifier}\u0000${p.pocket_id}`) ?? [] })),
  ];
}

/** The members of the first `count` pockets by excess errors. */
export function topPockets(out, outcome, classifier, kind, count) {
  return pocketMembers(out, outcome, classifier, kind)
    .sort((a, b) => b.excess - a.excess)
    .slice(0, count)
    .map((p) => p.members);
}
