#!/usr/bin/env node
// Name quality: for the demo and each real data set present, the median share of a shown cluster's (and of
// a shown error pocket's) conversations that contain its name's head phrase, the share named "Mixed: …",
// and ten example names. Prints names only, never conversation text. With --before DIST (the dist/ of
// another build), runs that build too and prints both side by side; coverage is always measured with this
// build's src/labelling/name-coverage.
//   node scripts/bench/names.mjs [--realdata DIR] [--sets demo,toxicchat] [--before DIST] [--json FILE]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = 10;
const REAL_SETS = ['toxicchat', 'openai_moderation', 'jbb_judge_comparison', 'aegis_safety_test'];

/** Input files of one data set, or null when absent. */
export function dataSet(name, realdata) {
  if (name === 'demo') {
    const dir = join(ROOT, 'datasets', 'demo');
    return { name, conversations: join(dir, 'conversations.jsonl'), verdicts: [join(dir, 'verdicts.csv')], labels: join(dir, 'labels.csv') };
  }
  const dir = join(realdata, name);
  const verdicts = ['verdicts.csv', 'local_verdicts.csv'].map((f) => join(dir, f)).filter((f) => existsSync(f));
  const conversations = join(dir, 'items.jsonl');
  if (!existsSync(conversations) || verdicts.length === 0) return null;
  return { name, conversations, verdicts, labels: join(dir, 'labels.csv') };
}

/** Conversation indices of every cluster id ("L1-004"), from the leaf assignment and the parent links. */
function clusterMembers(hierarchy, clusterId) {
  const members = new Map();
  hierarchy.leafOf.forEach((leaf, i) => {
    let index = leaf;
    hierarchy.levels.forEach((level, l) => {
      const id = clusterId(l, index);
      (members.get(id) ?? members.set(id, []).get(id)).push(i);
      index = level.parentOf ? level.parentOf[index] : index;
    });
  });
  return members;
}

/** Shown clusters and error pockets of one run: id, name, head phrase coverage. */
function namedUnits(outcome, coverage, clusterId) {
  const summaries = outcome.result.facets.map((f) => f.summary);
  const measure = (name, terms, members) => {
    const head = coverage.headPhrase(name, terms ?? []);
    return head ? coverage.headPhraseCoverage(members, summaries, head) : 0;
  };
  const membersOf = clusterMembers(outcome.result.hierarchy, clusterId);
  const clusters = outcome.result.clusters
    .filter((c) => !c.suppressed && c.label)
    .map((c) => ({ id: c.cluster_id, name: c.label, coverage: measure(c.label, c.terms, membersOf.get(c.cluster_id) ?? []) }));
  const pocketSets = new Map(outcome.result.pocketMembers.map((p) => [`${p.classifier}/${p.pocketId}`, p.members]));
  const pockets = [];
  for (const classifier of outcome.metrics.classifiers) {
    for (const kind of ['false_positive', 'false_negative']) {
      for (const p of classifier.error_pockets?.[kind]?.pockets ?? []) {
        if (p.suppressed || !p.label) continue;
        const id = `${classifier.name}/${p.pocket_id}`;
        pockets.push({ id, name: p.label, coverage: measure(p.label, p.terms, pocketSets.get(id) ?? []) });
      }
    }
  }
  return { clusters, pockets };
}

/** Runs one build (its dist/) on one data set and measures its names. */
async function runBuild(dist, set, coverage) {
  const { runMisfire } = await import(pathToFileURL(join(dist, 'api', 'run.js')).href);
  const { clusterId } = await import(pathToFileURL(join(dist, 'clustering', 'hierarchy.js')).href);
  const out = mkdtempSync(join(tmpdir(), 'misfire-names-'));
  try {
    const outcome = await runMisfire({ ...set, out: join(out, 'run'), settings: { allowMissing: true }, now: new Date(0) });
    return namedUnits(outcome, coverage, clusterId);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function summarise(units, coverage) {
  const all = [...units.clusters, ...units.pockets];
  return {
    clusters: units.clusters.length,
    pockets: units.pockets.length,
    medianClusters: coverage.median(units.clusters.map((u) => u.coverage)),
    medianPockets: coverage.median(units.pockets.map((u) => u.coverage)),
    mixedShare: all.length ? all.filter((u) => u.name.startsWith('Mixed:')).length / all.length : null,
  };
}

/** Up to `count` units spread evenly over the list (deterministic). */
function spread(list, count) {
  if (list.length <= count) return list;
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
}

/**
 * Measures the names of `dist` (and of `before`, when given) on each data set.
 * @returns {Promise<{ set: string, after: object, before: object | null, examples: object[] }[]>}
 */
export async function measureNames({ sets, realdata, dist = join(ROOT, 'dist'), before = null, log = () => {} }) {
  const coverage = await import(pathToFileURL(join(ROOT, 'dist', 'labelling', 'name-coverage.js')).href);
  const results = [];
  for (const name of sets) {
    const set = dataSet(name, realdata);
    if (!set) continue;
    log(`names: ${name} …`);
    const after = await runBuild(dist, set, coverage);
    const old = before ? await runBuild(before, set, coverage) : null;
    const oldName = new Map(old ? [...old.clusters, ...old.pockets].map((u) => [u.id, u.name]) : []);
    const picked = [...spread(after.pockets, EXAMPLES / 2), ...spread(after.clusters, EXAMPLES)].slice(0, EXAMPLES);
    results.push({
      set: name,
      after: summarise(after, coverage),
      before: old ? summarise(old, coverage) : null,
      examples: picked.map((u) => ({ id: u.id, after: u.name, coverage: u.coverage, before: oldName.get(u.id) ?? null })),
    });
  }
  return results;
}

const percent = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

export function formatNames(results) {
  const lines = ['name quality: median share of members containing the head phrase of the name (shown units)', ''];
  const pair = (b, a) => (b === undefined || b === null ? percent(a) : `${percent(b)} → ${percent(a)}`);
  lines.push(`${'set'.padEnd(22)}${'clusters'.padEnd(22)}${'error pockets'.padEnd(22)}Mixed`);
  for (const r of results) {
    const b = r.before;
    lines.push(
      `${r.set.padEnd(22)}${`${pair(b?.medianClusters, r.after.medianClusters)} (${r.after.clusters})`.padEnd(22)}` +
        `${`${pair(b?.medianPockets, r.after.medianPockets)} (${r.after.pockets})`.padEnd(22)}${pair(b?.mixedShare, r.after.mixedShare)}`,
    );
  }
  for (const r of results) {
    lines.push('', `${r.set}: example names${r.before ? ' (before → after)' : ''}`);
    for (const e of r.examples) lines.push(`  ${e.id}: ${r.before ? `${e.before ?? '—'} → ` : ''}${e.after} [${percent(e.coverage)}]`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      realdata: { type: 'string', default: process.env.MISFIRE_REALDATA ?? join(ROOT, '..', 'shared', 'realdata') },
      sets: { type: 'string', default: ['demo', ...REAL_SETS].join(',') },
      before: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const results = await measureNames({
    sets: values.sets.split(','),
    realdata: resolve(values.realdata),
    before: values.before ? resolve(values.before) : null,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatNames(results)}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
}
