/**
 * The metrics stage alone at scale: `computeMetrics` (dist/metrics/index.js, the call analyze()
 * times as its 'metrics' stage) for `classifiers` classifiers with scores over `n` conversations, on typed
 * arrays shaped like a real run: 2 levels, 2·∛n leaves of uneven size, ~6 % without a verdict, ~30 %
 * labelled harmful with one of 5 categories. Best of 3 repetitions.
 */
export async function metricsMicroBench({ n, classifiers, seed = 1 }) {
  const { computeMetrics } = await import('../../dist/metrics/index.js');
  const { defaultLeafK } = await import('../../dist/clustering/cluster-points.js');
  const { createRng } = await import('../../dist/random.js');
  const rng = createRng(seed);
  const leafK = defaultLeafK(n, 20);
  const parentK = Math.max(2, Math.round(Math.sqrt(leafK)));
  const leafOf = new Int32Array(n);
  for (let i = 0; i < n; i++) leafOf[i] = Math.min(leafK - 1, Math.floor(leafK * rng.next() ** 1.5)); // uneven sizes
  const parentOf = Int32Array.from({ length: leafK }, (_, c) => c % parentK);
  const sizes = (k, of) => {
    const s = new Int32Array(k);
    for (const c of of) s[c]++;
    return s;
  };
  const hierarchy = {
    dim: 0,
    leafOf,
    levels: [
      { level: 0, k: leafK, centroids: new Float32Array(0), sizes: sizes(leafK, leafOf), parentOf },
      { level: 1, k: parentK, centroids: new Float32Array(0), sizes: new Int32Array(parentK), parentOf: null },
    ],
  };
  const labels = new Int8Array(n);
  const categoryNames = ['hate', 'drugs', 'weapons', 'malware', 'self-harm'];
  const categories = new Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.next() < 0.3 ? 1 : 0;
    categories[i] = labels[i] === 1 ? categoryNames[i % categoryNames.length] : null;
  }
  const verdicts = [];
  for (let c = 0; c < classifiers; c++) {
    const flagged = new Int8Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      score[i] = r;
      flagged[i] = r < 0.06 ? -1 : (labels[i] === 1 ? r < 0.85 : r < 0.12) ? 1 : 0;
    }
    verdicts.push({ name: `classifier-${c + 1}`, flagged, score, hasScores: true, threshold: null, missing: 0 });
  }
  const settings = { alpha: 0.05, minEffect: 0.05, minSupport: 20 };
  const runs = [];
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    computeMetrics({ hierarchy, classifiers: verdicts, labels, categories, concern: null, settings, suppressedAt: () => false });
    runs.push(performance.now() - t);
  }
  return { n, classifiers, leafK, parentK, ms: Math.min(...runs), runsMs: runs };
}
