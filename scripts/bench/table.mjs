/** The benchmark's printed table (plain text, fixed-width). */
const STAGE_ORDER = ['read inputs', 'join', 'facets', 'embed', 'cluster', 'label', 'examples', 'metrics', 'write/render'];

const seconds = (ms) => (ms / 1000).toFixed(2);
const int = (x) => Math.round(x).toLocaleString('en-US');
const pad = (text, width) => String(text).padEnd(width);
const left = (text, width) => String(text).padStart(width);

export function formatTable(r) {
  const { run, machine } = r;
  const lines = [];
  lines.push(`misfire bench — ${int(r.data.n)} conversations (demo generator, seed ${r.data.seed}), offline provider, run seed from settings`);
  lines.push(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAverageAtStart}; threads: ${machine.threads}`);
  lines.push('');
  lines.push(`${pad('stage', 22)}${left('wall s', 8)}${left('share', 8)}`);
  lines.push('-'.repeat(38));
  const stages = { ...run.stages };
  const known = STAGE_ORDER.reduce((sum, s) => sum + (stages[s] ?? 0), 0);
  const extra = Object.keys(stages).filter((s) => !STAGE_ORDER.includes(s));
  const other = run.runMs - known - extra.reduce((sum, s) => sum + stages[s], 0);
  const rows = [...STAGE_ORDER.filter((s) => s in stages).map((s) => [s, stages[s]]), ...extra.map((s) => [s, stages[s]]), ['other (privacy, records)', other]];
  for (const [stage, ms] of rows) lines.push(`${pad(stage, 22)}${left(seconds(ms), 8)}${left(`${((100 * ms) / run.runMs).toFixed(0)} %`, 8)}`);
  lines.push('-'.repeat(38));
  lines.push(`${pad('run (library call)', 22)}${left(seconds(run.runMs), 8)}`);
  lines.push(`${pad('+ node start, imports', 22)}${left(seconds(run.processStartMs), 8)}`);
  const endToEnd = run.runMs + run.processStartMs;
  lines.push(`${pad('end to end', 22)}${left(seconds(endToEnd), 8)}`);
  lines.push('');
  lines.push(`peak RSS            ${int(run.peakRssMb)} MB`);
  lines.push(`conversations / s   ${int(run.n / (endToEnd / 1000))} (end to end)`);
  if (run.ariDefaultK !== undefined) {
    lines.push(`ARI vs topics       ${run.ariDefaultK.toFixed(4)} at the default k = ${run.leafK} leaves; ${run.ariAtTopics.toFixed(4)} at k = ${run.topics} (= topics present)`);
  }
  const ref = r.reference;
  if (ref.skipped) lines.push(`reference           skipped: ${ref.skipped}`);
  else {
    lines.push(
      `reference           scikit-learn ${ref.sklearn} TF-IDF(1–2 grams) → TruncatedSVD(100) → Normalizer → MiniBatchKMeans(k = ${ref.k}): ` +
        `ARI ${ref.ari.toFixed(4)}, ${ref.seconds.toFixed(2)} s clustering only (+ ${ref.read_s.toFixed(2)} s reading)`,
    );
  }
  const m = r.metrics;
  lines.push(`metrics micro       ${int(m.n)} conversations × ${m.classifiers} classifiers: ${seconds(m.ms)} s (computeMetrics, best of ${m.runsMs.length})`);
  if (r.dryRun.skipped) lines.push(`Claude dry run      ${r.dryRun.skipped}`);
  else {
    const usd = (x) => `$${x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })}`;
    lines.push(`Claude dry run      ≈ ${usd(r.dryRun.usdPer100k)} per 100k conversations (${usd(r.dryRun.usdBatchPer100k)} with --batch); ${r.dryRun.model} facets, ${r.dryRun.namingModel} names`);
  }
  if (r.determinism) {
    lines.push(
      `determinism         ${r.determinism.identical ? 'identical' : `DIFFERENT: ${r.determinism.differing.join(', ')}`} artifacts with worker threads and with MISFIRE_THREADS=1 ` +
        `(single-threaded run ${seconds(r.determinism.singleThreadRunMs)} s)`,
    );
  }
  if (r.versus) {
    const list = (xs) => xs.map((x) => x.toFixed(2)).join(' / ');
    lines.push(`versus --before     ${r.versus.beforeDir}: ${list(r.versus.before)} s (median ${seconds(r.versus.medianBefore * 1000)})`);
    lines.push(`                    this checkout: ${list(r.versus.now)} s (median ${seconds(r.versus.medianNow * 1000)}) → × ${r.versus.ratio.toFixed(2)}, alternating runs`);
  }
  for (const t of r.targets) lines.push(`target              ${pad(t.what, 30)} ${t.met ? 'met' : 'MISSED'} (${Number(t.value).toFixed(2)})`);
  return lines.join('\n');
}
