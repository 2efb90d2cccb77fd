/**
 * The quality half of the benchmark (`npm run bench -- --quality`): the measures of scripts/bench/quality.mjs
 * with the default settings, then the same with wording only, meaning only and blends, so that each half of
 * the embedding shows what it earns. Needs ../shared/realdata (or --realdata DIR / MISFIRE_REALDATA).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { moderationMeasure, plantedMeasure, realDataMeasure } from './quality.mjs';

const pct = (x) => `${(100 * x).toFixed(0)}%`;

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The embeddings compared, by the key `--variants` names them with. */
const VARIANTS = {
  default: ['default (semantic, weight 0.25)', {}],
  lsa: ['wording only (--embedder lsa)', { embedder: 'lsa' }],
  meaning: ['meaning only (weight 1)', { semanticWeight: 1 }],
  0.5: ['weight 0.5', { semanticWeight: 0.5 }],
  0.75: ['weight 0.75', { semanticWeight: 0.75 }],
};

export async function runQuality({ root, realdata, seeds, variants: keys = Object.keys(VARIANTS), out }) {
  const log = (line) => process.stderr.write(`${line}\n`);
  if (!existsSync(join(realdata, 'openai_moderation'))) throw new Error(`real data not found in ${realdata} (pass --realdata DIR)`);
  const unknown = keys.filter((k) => !(k in VARIANTS));
  if (unknown.length > 0) throw new Error(`--variants: unknown ${unknown.join(', ')} (known: ${Object.keys(VARIANTS).join(', ')})`);
  const variants = keys.map((k) => VARIANTS[k]);
  const result = { date: new Date().toISOString(), moderation: [], planted: [], realData: null };
  for (const [name, settings] of variants) {
    log(`moderation: ${name} …`);
    const { rows, ari, seconds } = await moderationMeasure(root, realdata, settings);
    result.moderation.push({ variant: name, rows, ari, seconds });
    log(`planted pockets over ${seeds} seeds: ${name} …`);
    result.planted.push({ variant: name, ...(await plantedMeasure(root, { seeds, settings })) });
  }
  log('real data sets …');
  result.realData = await realDataMeasure(root, realdata);
  const lines = [];
  lines.push('openai_moderation, word filters: best false-negative pocket per category (harmful texts of the category in it / missed texts of the category it holds)');
  lines.push(
    table(
      ['variant', 'ARI vs categories', ...result.moderation[0].rows.map((r) => `${r.classifier.split('@')[0]} ${r.category}`)],
      result.moderation.map((m) => [m.variant, m.ari.toFixed(3), ...m.rows.map((r) => `${pct(r.purity)} / ${pct(r.cover)}${r.pass ? ' ✓' : ''}`)]),
    ),
  );
  lines.push('', `demo generator, ${seeds} seeds: planted pocket among the first 8 pockets by excess errors`);
  lines.push(
    table(
      ['variant', ...result.planted[0].rows.map((r) => `${r.classifier} ${r.kind === 'false_positive' ? 'FP' : 'FN'} ${r.topic}`)],
      result.planted.map((p) => [p.variant, ...p.rows.map((r) => `${r.found}/${r.seeds}`)]),
    ),
  );
  lines.push('', 'real data (default settings; JailbreakBench with --judge response): accuracy against the human labels and pockets found');
  lines.push(
    table(
      ['set', 'classifier', 'accuracy', 'cluster pockets', 'error pockets', 'first FP error pocket', 'first FN error pocket'],
      result.realData.rows.map((r) => [r.set, r.classifier, r.accuracy.toFixed(3), r.clusterPockets, r.errorPockets, r.topFp, r.topFn]),
    ),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  const file = out ?? join(root, 'bench-results', 'quality.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
}

export const defaultRealdata = (root) => resolve(process.env.MISFIRE_REALDATA ?? join(root, '..', 'shared', 'realdata'));
