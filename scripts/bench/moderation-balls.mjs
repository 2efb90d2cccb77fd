#!/usr/bin/env node
// Could any pocket meet the openai_moderation measure of `npm run bench -- --quality` in this embedding?
// Runs misfire on ../shared/realdata/openai_moderation and, for each word filter and category, around every
// harmful text takes the smallest cosine ball (over harmful texts) holding half of the category's missed
// texts, and prints the best share of the category among the harmful texts in such a ball. Below 50 %, no
// region shaped like a pocket (a ball around a point of the embedding) can pass, whatever the search does.
// Prints numbers only, never text.
//   node scripts/bench/moderation-balls.mjs [--realdata DIR] [--settings '{"semanticWeight":0.5}']
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCsv } from './quality-data.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const { values } = parseArgs({ options: { realdata: { type: 'string' }, settings: { type: 'string', default: '{}' } } });
const dir = join(values.realdata ? resolve(values.realdata) : join(ROOT, '..', 'shared', 'realdata'), 'openai_moderation');
const { runMisfire } = await import(join(ROOT, 'dist', 'api', 'run.js'));
const tmp = mkdtempSync(join(tmpdir(), 'misfire-balls-'));
const quiet = { start() {}, update() {}, end() {} };
const outcome = await runMisfire({
  conversations: join(dir, 'items.jsonl'),
  verdicts: [join(dir, 'local_verdicts.csv')],
  labels: join(dir, 'labels.csv'),
  out: join(tmp, 'run'),
  settings: JSON.parse(values.settings),
  progress: quiet,
  now: new Date(0),
});
rmSync(tmp, { recursive: true, force: true });
const { embedding, conversationIds } = outcome.result;
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
console.log(`settings ${values.settings}; ${harmful.length} harmful texts`);
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
    console.log(`${classifier} ${category}: ${missed} missed; best ball holding ${need} of them: ${(100 * best.share).toFixed(1)}% ${category} among its ${best.size} harmful texts`);
  }
}
