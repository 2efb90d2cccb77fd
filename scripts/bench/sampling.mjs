/**
 * `npm run bench -- --sampling`: does a labelling sample give honest per-cluster rates, and how many labels
 * does it take to find the planted pockets? On a population from the demo generator with every label known:
 *   - coverage: plan a sample with `misfire sample`'s planner (no labels, as in production), estimate every
 *     classifier's per-cluster FPR and FNR from it, and count how often the 95 % interval holds the true rate
 *     of the population (every cluster of every level), over many seeds;
 *   - budget: for a grid of budgets, the share of seeds in which the sample finds each planted pocket (a pocket
 *     cluster of the right kind, at least half of whose benign (FP) or harmful (FN) conversations are of the
 *     planted topic and which holds at least half of that topic's errors), with the planner and with uniform
 *     random sampling, and the smallest budget at which each method finds it in 80 % of the seeds;
 *   - extra pockets: pocket clusters a sample reports that the fully labelled run does not (mostly rates near
 *     the min-effect line, or truly high rates of a handful of conversations).
 * Pure functions on one clustering: the pipeline runs once, the sampling and estimation thousands of times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PLANTED = [
  ['keyword-v1', 'fp', 'sysadmin'],
  ['keyword-v1', 'fp', 'medication'],
  ['detector-v2', 'fn', 'fiction-harmful'],
  ['detector-v3', 'fn', 'fiction-harmful'],
  ['detector-v3', 'fp', 'security-research'],
];
/** A planted pocket is found in a budget's seeds this often before the budget counts as enough. */
const FOUND_SHARE = 0.8;

const quiet = { start() {}, update() {}, end() {} };
const pct = (x) => (x === null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The population: generated conversations, one fully labelled misfire run, topics and per-cluster truth. */
async function population(root, n, seed) {
  const { generateDataset, iterateConversations } = await import(`${root}/dist/demo/index.js`);
  const { runMisfire } = await import(`${root}/dist/api/run.js`);
  const dir = mkdtempSync(join(tmpdir(), 'misfire-sampling-'));
  await generateDataset({ outDir: join(dir, 'data'), n, seed });
  const data = (name) => join(dir, 'data', name);
  const outcome = await runMisfire({
    conversations: data('conversations.jsonl'),
    verdicts: [data('verdicts.csv')],
    labels: data('labels.csv'),
    out: join(dir, 'run'),
    settings: { permutations: 0 },
    progress: quiet,
    now: new Date(0),
  });
  const topics = Array.from(iterateConversations({ n, seed }), (c) => c.topic);
  rmSync(dir, { recursive: true, force: true });
  const { hierarchy, joined, metrics } = outcome.result;
  return { hierarchy, joined, truth: metrics, topics, leafIds: outcome.result.clusters.filter((c) => c.level === 0).map((c) => c.cluster_id) };
}

/** For each planted pocket: the cluster ids (any level) that count as finding it. */
async function plantedClusters(root, pop) {
  const { leafToLevelMaps } = await import(`${root}/dist/metrics/levels.js`);
  const { clusterId } = await import(`${root}/dist/clustering/hierarchy.js`);
  const maps = leafToLevelMaps(pop.hierarchy);
  const labels = pop.joined.labels;
  return PLANTED.map(([classifier, kind, topic]) => {
    const flagged = pop.joined.classifiers.find((c) => c.name === classifier).flagged;
    const relevantLabel = kind === 'fp' ? 0 : 1;
    const isError = (i) => labels[i] === relevantLabel && flagged[i] === (kind === 'fp' ? 1 : 0);
    const topicErrors = pop.topics.filter((t, i) => t === topic && isError(i)).length;
    const ids = new Set();
    maps.forEach((map, level) => {
      const k = pop.hierarchy.levels[level].k;
      const relevant = new Int32Array(k);
      const inTopic = new Int32Array(k);
      const covered = new Int32Array(k);
      for (let i = 0; i < labels.length; i++) {
        const c = map[pop.hierarchy.leafOf[i]];
        if (labels[i] === relevantLabel) {
          relevant[c]++;
          if (pop.topics[i] === topic) inTopic[c]++;
        }
        if (pop.topics[i] === topic && isError(i)) covered[c]++;
      }
      for (let c = 0; c < k; c++) if (relevant[c] > 0 && inTopic[c] / relevant[c] >= 0.5 && covered[c] / topicErrors >= 0.5) ids.add(clusterId(level, c));
    });
    return { classifier, kind, topic, ids };
  });
}

/** Design of a plan on the population, and the labels the sample would get. */
function sampled(plan, pop) {
  const stratumOf = new Int32Array(pop.topics.length).fill(-1);
  for (const p of plan.picks) stratumOf[p.index] = p.stratum;
  const design = {
    strata: plan.strata.map((s) => s.name),
    population: Float64Array.from(plan.strata, (s) => s.population),
    drawn: Int32Array.from(plan.strata, (s) => s.sampled),
    stratumOf,
  };
  const labels = Int8Array.from(pop.joined.labels, (l, i) => (stratumOf[i] >= 0 ? l : -1));
  return { design, labels };
}

export async function runSampling({ root, n = 3000, seed = 7, seeds = 200, budgets = null }) {
  const log = (line) => process.stderr.write(`${line}\n`);
  const { planSample, planUniformSample } = await import(`${root}/dist/sampling/index.js`);
  const { computeMetrics } = await import(`${root}/dist/metrics/index.js`);
  log(`generating ${n} conversations (seed ${seed}) and running misfire once with every label …`);
  const pop = await population(root, n, seed);
  const planted = await plantedClusters(root, pop);
  const settings = { alpha: 0.05, minEffect: 0.05, minSupport: 20 };
  const names = pop.joined.classifiers.map((c) => c.name);
  const estimate = (classifiers, s) => computeMetrics({ hierarchy: pop.hierarchy, classifiers, labels: s.labels, design: s.design, settings }).classifiers;
  const plannerPlan = (cls, budget, s) => planSample({ leafOf: pop.hierarchy.leafOf, leafIds: pop.leafIds, flagged: cls.flagged, labels: null, budget, seed: s });

  // 1. Coverage at 5 %: planned for each classifier in turn, every classifier estimated.
  const budget5 = Math.round(0.05 * n);
  log(`coverage: ${seeds} seeds × ${names.length} plans at a budget of ${budget5} …`);
  const cover = new Map();
  const add = (key, ok) => {
    const c = cover.get(key) ?? { in: 0, all: 0 };
    c.in += ok ? 1 : 0;
    c.all++;
    cover.set(key, c);
  };
  for (let s = 1; s <= seeds; s++) {
    for (const planned of pop.joined.classifiers) {
      const sample = sampled(plannerPlan(planned, budget5, s), pop);
      estimate(pop.joined.classifiers, sample).forEach((est, e) => {
        const truth = pop.truth[e];
        est.clusters.forEach((row, j) => {
          for (const k of ['fpr', 'fnr']) {
            const t = truth.clusters[j][k];
            const ci = row[`${k}_ci`];
            if (t === null || ci === null) continue;
            const ok = t >= ci[0] - 1e-12 && t <= ci[1] + 1e-12;
            add(`${planned.name}→${est.name}`, ok);
            add(planned.name === est.name ? 'planned classifier' : 'other classifiers', ok);
            add(`level ${row.level}`, ok);
            add('all', ok);
          }
        });
      });
    }
  }

  // 2. Budget to find the planted pockets: planner (planned for the pocket's classifier) vs uniform.
  const grid = budgets ?? [...new Set([0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1].map((f) => Math.round(f * n)))];
  const truthPockets = new Set(pop.truth.flatMap((c) => c.clusters.flatMap((r) => [r.pocket_fp ? `${c.name} fp ${r.cluster_id}` : null, r.pocket_fn ? `${c.name} fn ${r.cluster_id}` : null]).filter(Boolean)));
  const budgetSeeds = Math.max(1, Math.round(seeds / 2));
  const found = { planner: grid.map(() => planted.map(() => 0)), uniform: grid.map(() => planted.map(() => 0)) };
  const extra = { planner: grid.map(() => 0), uniform: grid.map(() => 0) };
  const floorOf = (budget) => {
    try {
      plannerPlan(pop.joined.classifiers[0], budget, 1);
      return true;
    } catch {
      return false;
    }
  };
  for (const [b, budget] of grid.entries()) {
    log(`budget ${budget}: ${budgetSeeds} seeds …`);
    const plannable = floorOf(budget);
    for (let s = 1; s <= budgetSeeds; s++) {
      const uniform = estimate(pop.joined.classifiers, sampled(planUniformSample(n, budget, s), pop));
      const planner = plannable ? pop.joined.classifiers.map((cls) => estimate([cls], sampled(plannerPlan(cls, budget, s), pop))[0]) : null;
      for (const [method, metrics] of [['uniform', uniform], ['planner', planner]]) {
        if (!metrics) continue;
        planted.forEach((p, i) => {
          const m = metrics.find((c) => c.name === p.classifier);
          const pockets = p.kind === 'fp' ? m.pockets.false_positive : m.pockets.false_negative;
          const rows = new Map(m.clusters.map((r) => [r.cluster_id, r]));
          const isPocket = (id) => (p.kind === 'fp' ? rows.get(id)?.pocket_fp : rows.get(id)?.pocket_fn);
          if ([...p.ids].some((id) => pockets.includes(id) || isPocket(id))) found[method][b][i]++;
        });
        for (const m of metrics) {
          for (const r of m.clusters) {
            if (r.pocket_fp && !truthPockets.has(`${m.name} fp ${r.cluster_id}`)) extra[method][b]++;
            if (r.pocket_fn && !truthPockets.has(`${m.name} fn ${r.cluster_id}`)) extra[method][b]++;
          }
        }
      }
    }
    if (!plannable) found.planner[b] = planted.map(() => null);
  }
  const needed = (method, i) => {
    const b = grid.findIndex((_, j) => found[method][j][i] !== null && found[method][j][i] >= FOUND_SHARE * budgetSeeds);
    return b < 0 ? null : grid[b];
  };
  // A planted pocket the clustering does not give as a pocket even with every label cannot be found by a sample.
  const findable = planted.map((_, i) => found.uniform[grid.length - 1][i] >= FOUND_SHARE * budgetSeeds);
  const allNeeded = (method) => {
    const b = grid.findIndex((_, j) => found[method][j].every((f, i) => !findable[i] || (f !== null && f >= FOUND_SHARE * budgetSeeds)));
    return b < 0 ? null : grid[b];
  };

  const lines = [];
  lines.push(`labelling budget on the demo generator: n = ${n}, seed ${seed}, ${pop.hierarchy.levels[0].k} leaf clusters`);
  lines.push('', `coverage of the 95 % intervals at a ${budget5}-label (5 %) sample from the planner, ${seeds} seeds × ${names.length} plans (true per-cluster rates of the population, every level)`);
  const coverRow = (key) => {
    const c = cover.get(key);
    return [key, c ? pct(c.in / c.all) : '—', c?.all ?? 0];
  };
  lines.push(table(['estimated', 'coverage', 'intervals'], ['all', 'planned classifier', 'other classifiers', ...pop.hierarchy.levels.map((l) => `level ${l.level}`), ...names.flatMap((a) => names.map((e) => `${a}→${e}`))].map(coverRow)));
  lines.push('', `share of ${budgetSeeds} seeds in which a sample of each size finds each planted pocket (planner / uniform random)`);
  lines.push(
    table(
      ['budget', ...planted.map((p) => `${p.classifier} ${p.kind.toUpperCase()} ${p.topic}`), 'pockets the labelled run does not report, per sample'],
      grid.map((budget, b) => [
        `${budget} (${pct(budget / n)})`,
        ...planted.map((_, i) => `${found.planner[b][i] === null ? '—' : pct(found.planner[b][i] / budgetSeeds)} / ${pct(found.uniform[b][i] / budgetSeeds)}`),
        `${found.planner[b][0] === null ? '—' : (extra.planner[b] / budgetSeeds).toFixed(2)} / ${(extra.uniform[b] / budgetSeeds).toFixed(2)}`,
      ]),
    ),
  );
  lines.push('', `smallest budget that finds the pocket in ≥ ${pct(FOUND_SHARE)} of the seeds`);
  lines.push(
    table(
      ['planted pocket', 'planner', 'uniform random'],
      [
        ...planted.map((p, i) =>
          findable[i]
            ? [`${p.classifier} ${p.kind.toUpperCase()} ${p.topic}`, needed('planner', i) ?? `> ${grid.at(-1)}`, needed('uniform', i) ?? `> ${grid.at(-1)}`]
            : [`${p.classifier} ${p.kind.toUpperCase()} ${p.topic}`, 'not a cluster pocket with every label', '—'],
        ),
        [`all ${findable.filter(Boolean).length} found with every label`, allNeeded('planner') ?? `> ${grid.at(-1)}`, allNeeded('uniform') ?? `> ${grid.at(-1)}`],
      ],
    ),
  );
  const result = {
    schema: 'misfire.bench-sampling/v1',
    date: new Date().toISOString(),
    n,
    seed,
    seeds,
    coverage: Object.fromEntries([...cover].map(([k, c]) => [k, { coverage: c.in / c.all, intervals: c.all }])),
    budgets: grid,
    planted: planted.map((p, i) => ({
      classifier: p.classifier,
      kind: p.kind,
      topic: p.topic,
      clusters: [...p.ids],
      found: { planner: found.planner.map((f) => f[i]), uniform: found.uniform.map((f) => f[i]) },
      findable: findable[i],
      needed: { planner: needed('planner', i), uniform: needed('uniform', i) },
    })),
    allNeeded: { planner: allNeeded('planner'), uniform: allNeeded('uniform') },
    extraPockets: extra,
    budgetSeeds,
  };
  return { text: lines.join('\n'), result };
}
