/**
 * `npm run bench -- --quality`: does misfire find the pockets that are there, on real data and on the
 * generator, and does each half of the embedding earn its place? Prints tables; returns them as data.
 *   - moderation: openai_moderation with the word filters: the best false-negative pocket for self-harm and
 *     for violence (share of its harmful texts in the category, share of the missed texts of the category it holds);
 *   - planted: the demo generator over 15 seeds: is every planted pocket among the first 8 pockets by excess errors;
 *   - real data: pockets found on ToxicChat, JailbreakBench (judges) and Aegis, and the published judge accuracies;
 *   - ablation: the same measures with wording only (LSA), meaning only and the blend.
 * Conversation texts are never printed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adjustedRandIndex } from './ari.mjs';
import { readCsv, pocketMembers, topPockets } from './quality-data.mjs';

const quiet = { start() {}, update() {}, end() {} };

async function run(root, conversations, verdicts, labels, settings, embeddings = null) {
  const { runMisfire } = await import(`${root}/dist/api/run.js`);
  const out = join(mkdtempSync(join(tmpdir(), 'misfire-quality-')), 'run');
  const started = performance.now();
  const outcome = await runMisfire({ conversations, verdicts: [verdicts], labels, out, settings, embeddings, progress: quiet, now: new Date(0) });
  return { out, outcome, seconds: (performance.now() - started) / 1000 };
}

/**
 * openai_moderation: the word filters' misses of self-harm and violence. `embeddings` (a `--embeddings` file)
 * replaces the built-in embedder, to ask the same question of vectors from elsewhere.
 */
export async function moderationMeasure(root, realdata, settings = {}, embeddings = null) {
  const dir = join(realdata, 'openai_moderation');
  const { out, outcome, seconds } = await run(root, join(dir, 'items.jsonl'), join(dir, 'local_verdicts.csv'), join(dir, 'labels.csv'), settings, embeddings);
  const { rows, ari } = moderationRows(dir, out, outcome);
  rmSync(join(out, '..'), { recursive: true, force: true });
  return { rows, ari, seconds, embedding: outcome.result.embedding, conversationIds: outcome.result.conversationIds };
}

/** The measure's rows for one finished run `out` (and the agreement of its leaves with the categories). */
function moderationRows(dir, out, outcome) {
  const labels = new Map(readCsv(join(dir, 'labels.csv')).map((r) => [r.id, r]));
  const verdicts = readCsv(join(dir, 'local_verdicts.csv'));
  const rows = [];
  for (const classifier of ['obscenity@0.4.6', 'leo-profanity@1.9.0']) {
    const flagged = new Map(verdicts.filter((v) => v.classifier === classifier).map((v) => [v.id, v.flagged === '1']));
    for (const category of ['self-harm', 'violence']) {
      const missed = [...labels.values()].filter((r) => r[category] === '1' && !flagged.get(r.id)).length;
      let best = null;
      for (const pocket of pocketMembers(out, outcome, classifier, 'false_negative')) {
        const harmful = pocket.members.filter((id) => labels.get(id).label === '1');
        const inCategory = harmful.filter((id) => labels.get(id)[category] === '1');
        const purity = harmful.length ? inCategory.length / harmful.length : 0;
        const cover = inCategory.filter((id) => !flagged.get(id)).length / missed;
        if (!best || Math.min(purity, cover) > Math.min(best.purity, best.cover)) best = { ...pocket, purity, cover, harmful: harmful.length };
      }
      rows.push({
        classifier,
        category,
        missed,
        pocket: best ? `${best.kind} ${best.id}` : '—',
        harmful: best?.harmful ?? 0,
        purity: best?.purity ?? 0,
        cover: best?.cover ?? 0,
        pass: !!best && best.purity >= 0.5 && best.cover >= 0.5,
      });
    }
  }
  const leafOf = new Map(readCsv(join(out, 'assignments.csv')).map((r) => [r.conversation_id, r.cluster_id]));
  const positives = [...labels.values()].filter((r) => r.label === '1' && r.category);
  const ari = adjustedRandIndex(positives.map((r) => r.category.split('|')[0]), positives.map((r) => leafOf.get(r.id)));
  return { rows, ari };
}

export const PLANTED = [
  ['keyword-v1', 'false_positive', 'sysadmin', 0],
  ['keyword-v1', 'false_positive', 'medication', 0],
  ['detector-v2', 'false_negative', 'fiction-harmful', 1],
  ['detector-v3', 'false_positive', 'security-research', 0],
  ['detector-v3', 'false_negative', 'fiction-harmful', 1],
];

/**
 * The generator over `seeds` seeds: a planted pocket counts as found when one of the first 8 pockets by excess
 * errors (hierarchy or error-focused) holds at least half of the topic's errors and is at least half that topic.
 */
export async function plantedMeasure(root, { seeds = 15, n = 3000, settings = {} } = {}) {
  const { generateDataset } = await import(`${root}/dist/demo/index.js`);
  const found = PLANTED.map(() => 0);
  let seconds = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const dir = mkdtempSync(join(tmpdir(), 'misfire-planted-'));
    await generateDataset({ outDir: join(dir, 'data'), n, seed });
    const data = (name) => join(dir, 'data', name);
    const { out, outcome, seconds: s } = await run(root, data('conversations.jsonl'), data('verdicts.csv'), data('labels.csv'), settings);
    seconds += s;
    const topicOf = new Map(readFileSync(data('conversations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((o) => [o.id, o.topic]));
    const labelOf = new Map(readCsv(data('labels.csv')).map((r) => [r.conversation_id, Number(r.label)]));
    PLANTED.forEach(([classifier, kind, topic, label], p) => {
      const flagged = new Map(readCsv(data('verdicts.csv')).filter((v) => v.classifier === classifier).map((v) => [v.conversation_id, v.flagged === '1']));
      const isError = (id) => labelOf.get(id) === label && flagged.get(id) === (label === 0);
      const topicErrors = [...topicOf.keys()].filter((id) => topicOf.get(id) === topic && isError(id)).length;
      const ok = topPockets(out, outcome, classifier, kind, 8).some((members) => {
        const relevant = members.filter((id) => labelOf.get(id) === label);
        const purity = relevant.length ? relevant.filter((id) => topicOf.get(id) === topic).length / relevant.length : 0;
        const cover = members.filter((id) => topicOf.get(id) === topic && isError(id)).length / topicErrors;
        return purity >= 0.5 && cover >= 0.5;
      });
      if (ok) found[p]++;
    });
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
  return { rows: PLANTED.map(([classifier, kind, topic], p) => ({ classifier, kind, topic, found: found[p], seeds })), seconds };
}

/** Pockets on the real data sets, and JailbreakBench's published judge accuracies. */
export async function realDataMeasure(root, realdata, settings = {}) {
  const sets = [
    ['toxicchat', 'local_verdicts.csv', {}],
    ['jbb_judge_comparison', 'verdicts.csv', { judge: 'response' }],
    ['aegis_safety_test', 'verdicts.csv', { allowMissing: true }],
  ];
  const rows = [];
  for (const [name, verdictFile, extra] of sets) {
    const dir = join(realdata, name);
    const { out, outcome, seconds } = await run(root, join(dir, 'items.jsonl'), join(dir, verdictFile), join(dir, 'labels.csv'), { ...extra, ...settings });
    for (const c of outcome.metrics.classifiers) {
      const o = c.overall;
      const shownName = (kind) => (c.error_pockets?.[kind].pockets ?? []).filter((p) => !p.suppressed).map((p) => `${p.label} (${p.errors}/${p.n})`)[0] ?? '—';
      rows.push({
        set: name,
        classifier: c.name,
        accuracy: (o.tp + o.tn) / Math.max(1, o.tp + o.tn + o.fp + o.fn),
        clusterPockets: `${c.pockets.false_positive.length} FP / ${c.pockets.false_negative.length} FN`,
        errorPockets: `${c.error_pockets?.false_positive.pockets.length ?? 0} FP / ${c.error_pockets?.false_negative.pockets.length ?? 0} FN`,
        topFp: shownName('false_positive'),
        topFn: shownName('false_negative'),
        seconds,
      });
    }
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
  return { rows };
}
