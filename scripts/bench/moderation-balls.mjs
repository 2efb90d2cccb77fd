#!/usr/bin/env node
// Could any pocket meet the openai_moderation measure of `npm run bench -- --quality` in this embedding?
// Runs misfire on ../shared/realdata/openai_moderation, prints the measure (the best false-negative pocket
// per word filter and category), then, for each word filter and category, around every harmful text takes
// the smallest cosine ball (over harmful texts) holding half of the category's missed texts, and prints the
// best share of the category among the harmful texts in such a ball. Below 50 %, no region shaped like a
// pocket (a ball around a point of the embedding) can pass, whatever the search does.
// With --embeddings FILE (JSONL {id, vector}, as `misfire run --embeddings`), both questions are asked of
// vectors made elsewhere, e.g. by a sentence encoder. Prints numbers only, never text.
//   node scripts/bench/moderation-balls.mjs [--realdata DIR] [--settings '{"semanticWeight":0.5}'] [--embeddings FILE]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCsv } from './quality-data.mjs';
import { moderationMeasure } from './quality.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const { values } = parseArgs({
  options: { realdata: { type: 'string' }, settings: { type: 'string', default: '{}' }, embeddings: { type: 'string' } },
});
const realdata = values.realdata ? resolve(values.realdata) : join(ROOT, '..', 'shared', 'realdata');
const dir = join(realdata, 'openai_moderation');
const embeddings = values.embeddings ? resolve(values.embeddings) : null;
const { rows, ari, embedding, conversationIds } = await moderationMeasure(ROOT, realdata, JSON.parse(values.settings), embeddings);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log(`settings ${values.settings}${embeddings ? `; vectors from ${embeddings}` : ''}; leaves agree with the categories at ARI ${ari.toFixed(3)}`);
for (const r of rows) {
  console.log(`measure ${r.classifier} ${r.category}: best pocket ${r.pocket}, ${pct(r.purity)} ${r.category} among its ${r.harmful} harmful texts, holds ${pct(r.cover)} of the ${r.missed} missed${r.pass ? ' (passes)' : ''}`);
}
const row = new Map(conversationIds.map((id, i) => [id, i]));
const { dim, data } = embedding;
const cosine = (a, b) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += data[a * dim + d] * data[b * dim + d];
  return s;
};
const labels = readCsv(join(dir, 'labels.csv'));
const harmful = labels.filter((r) => r.label === '1');
const verdicts = readCsv(join(dir, 'local_verdicts.csv'));
console.log(`${harmful.length} harmful texts`);
for (const classifier of ['obscenity@0.4.6', 'leo-profanity@1.9.0']) {
  const flagged = new Map(verdicts.filter((v) => v.classifier === classifier).map((v) => [v.id, v.flagged === '1']));
  for (const category of ['self-harm', 'violence']) {
    const missed = harmful.filter((r) => r[category] === '1' && !flagged.get(r.id)).length;
    const need = Math.ceil(missed / 2);
    let best = { share: 0, size: 0 };
    for (const centre of harmful) {
      const c = row.get(centre.id);
      const near = harmful.map((r) => ({ r, s: cosine(c, row.get(r.id)) })).sort((x, y) => y.s - x.s);
      let inCategory = 0;
      let missedIn = 0;
      for (let k = 0; k < near.length; k++) {
        const { r } = near[k];
        if (r[category] === '1') {
          inCategory++;
          if (!flagged.get(r.id)) missedIn++;
        }
        if (missedIn >= need) {
          if (inCategory / (k + 1) > best.share) best = { share: inCategory / (k + 1), size: k + 1 };
          break;
        }
      }
    }
    console.log(`ball ${classifier} ${category}: ${missed} missed; best ball holding ${need} of them: ${pct(best.share)} ${category} among its ${best.size} harmful texts`);
  }
}
