#!/usr/bin/env node
// misfire on real, human-labelled safety data (`npm run example:real`).
//
// Runs the CLI three times, on the public data sets in ../shared/realdata (beside the repository; see its README
// for licences and the content warning), and writes the reports under reports/real/ (git-ignored):
//   - toxicchat: 5,654 real user prompts, human toxicity labels, and the verdicts of seven offline npm filters
//     (local_verdicts.csv: four 0/1 word-list matchers and three llm_guardrail heads).
//   - jbb: 300 JailbreakBench model responses, the human majority label, and four published judges
//     (verdicts.csv: GPT-4, Llama-3-70B, Llama Guard 2, HarmBench classifier). Items are {id, text} with the
//     response as text, so the text is what the judges judged.
//   - aegis: 359 Aegis 1.0 test prompts, human labels, and three GuardReasoner sizes (1B, 3B, 8B); three
//     verdicts are empty upstream, so this run passes --allow-missing and reports them as gaps.
// toxicchat and jbb need no --allow-missing (every item has a label and a verdict from every classifier) and
// none needs --threshold: the llm_guardrail rows already carry flagged = (score ≥ 0.5), the word-list scores
// are 0/1, and the judges publish 0/1 verdicts.
//
//   node scripts/example-real.mjs [--realdata DIR] [--out DIR] [--only toxicchat|jbb|aegis] [--quiet]
//                                 [--screenshot FILE.png [--screenshot-classifier NAME]]
// Uses the compiled CLI in dist/ (the npm script builds it first). --screenshot also captures the toxicchat
// report's "where it mis-fires" block of one classifier (the README image) with playwright-core and a local
// Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: node scripts/example-real.mjs [--realdata DIR] [--out DIR] [--only toxicchat|jbb|aegis] [--quiet] ' +
  '[--screenshot FILE.png [--screenshot-classifier NAME]]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO, 'bin', 'misfire.js');
const MAX_SHOT_HEIGHT = 2200;

/** The example runs: data folder, verdict file, report folder name, extra flags. */
const SETS = [
  { name: 'toxicchat', folder: 'toxicchat', verdicts: 'local_verdicts.csv', what: 'seven offline filters (word lists, llm_guardrail)' },
  { name: 'jbb', folder: 'jbb_judge_comparison', verdicts: 'verdicts.csv', what: 'four published judges' },
  // Some Aegis prompts have no verdict from one GuardReasoner size: the gaps are counted, not fatal.
  { name: 'aegis', folder: 'aegis_safety_test', verdicts: 'verdicts.csv', what: 'three GuardReasoner sizes', flags: ['--allow-missing'] },
];

function fail(message, code = 2) {
  process.stderr.write(`example:real: ${message}\n`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      realdata: { type: 'string', default: process.env.MISFIRE_REALDATA ?? join(REPO, '..', 'shared', 'realdata') },
      out: { type: 'string', default: join(REPO, 'reports', 'real') },
      only: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      screenshot: { type: 'string' },
      'screenshot-classifier': { type: 'string', default: 'llm_guardrail-malicious@2.1.2' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const sets = values.only ? SETS.filter((s) => s.name === values.only) : SETS;
if (sets.length === 0) fail(`--only must be one of ${SETS.map((s) => s.name).join(', ')}, got "${values.only}"`);

const realdata = resolve(values.realdata);
const shown = (path) => relative(process.cwd(), path) || '.';
if (!existsSync(realdata)) {
  fail(
    `the real data sets are not there: ${realdata} does not exist.\n` +
      'Put the shared data beside the repository (../shared/realdata/<set>/items.jsonl, labels.csv, verdicts.csv, ' +
      'local_verdicts.csv), or name the folder with --realdata DIR or MISFIRE_REALDATA.',
    1,
  );
}
const inputs = sets.map((set) => {
  const dir = join(realdata, set.folder);
  const files = { conversations: join(dir, 'items.jsonl'), verdicts: join(dir, set.verdicts), labels: join(dir, 'labels.csv') };
  const absent = Object.values(files).filter((file) => !existsSync(file));
  if (absent.length) fail(`${set.name}: missing ${absent.map(shown).join(', ')} (is ${shown(realdata)} complete?)`, 1);
  return { set, files, out: join(resolve(values.out), set.name) };
});
if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) fail('dist/cli/main.js not found: run `npm run build` first');

const written = [];
for (const { set, files, out } of inputs) {
  const args = ['run', '-c', shown(files.conversations), '-v', shown(files.verdicts), '-l', shown(files.labels), '-o', shown(out)];
  args.push(...(set.flags ?? []));
  if (values.quiet) args.push('--quiet');
  process.stdout.write(`\n== ${set.name}: ${set.what}\n$ npx misfire ${args.join(' ')}\n`);
  const started = Date.now();
  const child = spawnSync(process.execPath, [CLI, ...args], { stdio: 'inherit' });
  if (child.error) fail(`${set.name}: could not start the CLI: ${child.error.message}`, 3);
  if (child.status !== 0) fail(`${set.name}: misfire exited with code ${child.status ?? child.signal}; no report written for this set`, child.status || 3);
  written.push({ name: set.name, report: join(out, 'index.html'), seconds: (Date.now() - started) / 1000 });
}

process.stdout.write('\nReports (scrubbed summaries and cluster names only; assignments.csv holds ids, not texts):\n');
for (const w of written) process.stdout.write(`  ${w.name.padEnd(10)} ${shown(w.report)}  (${w.seconds.toFixed(1)}s)\n`);

if (values.screenshot) {
  const toxicchat = written.find((w) => w.name === 'toxicchat');
  if (!toxicchat) fail('--screenshot needs the toxicchat run (drop --only)');
  await screenshotPockets(toxicchat.report, values['screenshot-classifier'], resolve(values.screenshot));
  process.stdout.write(`  screenshot ${shown(resolve(values.screenshot))}\n`);
}

/** Capture the report's mis-fire block for one classifier (its heading names it), at most MAX_SHOT_HEIGHT px tall. */
async function screenshotPockets(reportFile, classifier, pngFile) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('--screenshot needs the dev dependency playwright-core (npm ci)', 3);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // A scale of 0.85 keeps the PNG of both pocket tables under 300 KB and the text readable.
    const page = await browser.newPage({ viewport: { width: 1000, height: 1100 }, deviceScaleFactor: 0.85 });
    await page.goto(pathToFileURL(reportFile).href);
    const block = page.locator('#misfires .misfire-block', { has: page.locator('h3', { hasText: classifier }) }).first();
    if ((await block.count()) === 0) fail(`--screenshot: no mis-fire block for "${classifier}" in ${shown(reportFile)}`);
    // Page coordinates: measured before any scrolling, and captured with fullPage so the clip may lie below the fold.
    const box = await block.boundingBox();
    // End below the last pocket table or forest plot of the block, leaving out the threshold sweep under them.
    const bottom = await block.evaluate((el) =>
      Math.max(...[...el.querySelectorAll('table.pockets, figure.forest')].map((e) => e.getBoundingClientRect().bottom + window.scrollY)),
    );
    const height = Math.min(Number.isFinite(bottom) ? bottom - box.y + 8 : box.height, MAX_SHOT_HEIGHT);
    await page.screenshot({ path: pngFile, clip: { x: box.x, y: box.y, width: box.width, height }, fullPage: true });
  } finally {
    await browser.close();
  }
}
