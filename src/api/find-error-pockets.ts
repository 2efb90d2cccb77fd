/**
 * The error-focused pockets of every classifier (src/discovery): for its false positives among the benign
 * conversations and its false negatives among the harmful ones, search the errors for themes, test the
 * whole search by permutation, name what was found with the provider's labeler (against the rest of the
 * denominator, so the names say what sets a pocket apart) and apply the privacy thresholds.
 */
import { clusterId } from '../clustering/hierarchy.js';
import { containment, DEFAULT_SAMPLE_SIZE } from '../discovery/index.js';
import { pocketsOfSearches, SEARCH_REGIONS_TASK, searchRegions, type ErrorSearchInput, type KindSearch, type RegionSearches } from '../discovery/search-errors.js';
import { errorPocketRow, type ClassifierErrorPockets, type ErrorKind, type ErrorPocketMetrics, type ErrorSearchMetrics } from '../metrics/error-pockets.js';
import type { ClassifierVerdicts } from '../metrics/join.js';
import { MIN_AUDIT_SCORE } from './label-hierarchy.js';
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import type { ClusterToLabel, Provider, ProviderContext } from '../providers/types.js';
import type { Embedding, RunSettings } from '../types.js';
import { sequentialChunks, type BesideCall, type ChunkRunner } from '../chunk-runner.js';

export interface PocketMembers {
  classifier: string;
  pocketId: string;
  /** Conversation indices, ascending. */
  members: Int32Array;
}

export interface ErrorPocketsResult {
  byClassifier: Map<string, ClassifierErrorPockets>;
  members: PocketMembers[];
}

interface Inputs {
  embedding: Embedding;
  classifiers: readonly ClassifierVerdicts[];
  labels: Int8Array;
  leafOf: Int32Array;
  summaries: readonly string[];
  userOf: Int32Array;
}

/** The searches started by {@link startErrorSearches}, finished by {@link findErrorPockets}. */
export interface ErrorSearches {
  input: ErrorSearchInput;
  regions: BesideCall<RegionSearches>;
  runner: ChunkRunner;
}

const PREFIX: Record<ErrorKind, string> = { false_positive: 'FP', false_negative: 'FN' };
/** Non-members a pocket's name is contrasted with. */
const CONTRAST = 2000;
/**
 * A pocket named like a stronger one of the same search, with more than this share of the smaller inside the
 * larger, is the same pocket to a reviewer and is not listed (regions overlapping up to 80% are otherwise
 * both reported; on ToxicChat two "Bomb, meth and build" pockets shared 26 of 33 conversations).
 */
const SAME_NAME_OVERLAP = 0.5;

/**
 * Starts every classifier's searches among its errors as soon as the embedding exists: on a worker thread
 * beside the clustering and naming when the runner has one to spare, else when joined (same result).
 * @example
 * const searches = startErrorSearches({ embedding, classifiers, labels }, settings, parallelChunks);
 * // … cluster, name …
 * const pockets = await findErrorPockets(searches, inputs, settings, provider, ctx);
 */
export function startErrorSearches(
  input: Pick<Inputs, 'embedding' | 'classifiers' | 'labels'>,
  settings: RunSettings,
  runner: ChunkRunner = sequentialChunks,
): ErrorSearches {
  const { n, dim, data } = input.embedding;
  const argument: ErrorSearchInput = {
    embedding: { n, dim, data: runner.share(data) },
    labels: input.labels,
    classifiers: input.classifiers.map((c) => ({ name: c.name, flagged: c.flagged })),
    seed: settings.seed,
    minSupport: settings.minSupport,
    alpha: settings.alpha,
    minEffect: settings.minEffect,
    permutations: settings.permutations,
  };
  return { input: argument, regions: runner.beside(SEARCH_REGIONS_TASK, argument, (a) => searchRegions(a, runner), n), runner };
}

/**
 * The error-focused pockets: the searches' regions as pocket rows, named by the provider's labeler (in
 * classifier order, false positives first), privacy-checked, without same-named repeats.
 * @example
 * const { byClassifier, members } = await findErrorPockets(searches, inputs, settings, provider, ctx);
 */
export async function findErrorPockets(
  searches: ErrorSearches,
  input: Inputs,
  settings: RunSettings,
  provider: Provider,
  ctx: ProviderContext,
): Promise<ErrorPocketsResult> {
  const byClassifier = new Map<string, ClassifierErrorPockets>();
  const members: PocketMembers[] = [];
  // The regions were searched beside the clustering; applying them to whole denominators is quick in chunks.
  const found = pocketsOfSearches(await searches.regions.join(), searches.input, searches.runner);
  ctx.progress.start('error pockets', found.length);
  let done = 0;
  for (const search of found) {
    const prefix = PREFIX[search.kind];
    const kind = pocketRows(search, input);
    await nameAndHide(kind.rows, kind.sets, input, provider, ctx, settings, `${search.classifier}/${prefix}`);
    dropSameNamedRepeats(kind, prefix);
    const result = byClassifier.get(search.classifier) ?? ({} as ClassifierErrorPockets);
    result[search.kind] = kind.metrics;
    byClassifier.set(search.classifier, result);
    kind.sets.forEach((set, i) => members.push({ classifier: search.classifier, pocketId: kind.rows[i].pocket_id, members: set }));
    ctx.progress.update(++done);
  }
  ctx.progress.end();
  return { byClassifier, members };
}

function pocketRows(search: KindSearch, input: Inputs): { metrics: ErrorSearchMetrics; rows: ErrorPocketMetrics[]; sets: Int32Array[] } {
  const { found } = search;
  const rows = found.pockets.map((pocket, rank) =>
    errorPocketRow(
      `${PREFIX[search.kind]}-${rank + 1}`,
      search.kind,
      {
        n: pocket.members.length,
        errors: pocket.errors,
        users: new Set(Array.from(pocket.members, (i) => input.userOf[i])).size,
        p: pocket.pValue,
        statistic: pocket.statistic,
        leaves: topLeaves(pocket.members, input.leafOf),
      },
      { n: search.denominator, errors: search.errors },
    ),
  );
  return {
    metrics: { pockets: rows, searched: Math.min(search.denominator, DEFAULT_SAMPLE_SIZE), candidates: found.candidates, permutations: found.permutationsRun },
    rows,
    sets: found.pockets.map((p) => p.members),
  };
}

/**
 * Leaves out pockets named like a stronger shown one that they mostly coincide with; renumbers the rest.
 * @example
 * dropSameNamedRepeats(search, 'FN'); // FN-1 "Bomb, meth and build" (55), FN-3 "Bomb, meth and build" (33, 26 inside FN-1) → FN-1, FN-2
 */
export function dropSameNamedRepeats(search: { metrics: ErrorSearchMetrics; rows: ErrorPocketMetrics[]; sets: Int32Array[] }, prefix: string): void {
  const keep: number[] = [];
  search.rows.forEach((row, i) => {
    const name = row.label?.toLowerCase();
    const repeat = name !== undefined && keep.some((k) => search.rows[k].label?.toLowerCase() === name && containment(search.sets[k], search.sets[i]) > SAME_NAME_OVERLAP);
    if (!repeat) keep.push(i);
  });
  if (keep.length === search.rows.length) return;
  search.rows = keep.map((i) => search.rows[i]);
  search.sets = keep.map((i) => search.sets[i]);
  search.rows.forEach((row, n) => (row.pocket_id = `${prefix}-${n + 1}`));
  search.metrics.pockets = search.rows;
}

function topLeaves(members: Int32Array, leafOf: Int32Array): { cluster_id: string; n: number }[] {
  const counts = new Map<number, number>();
  for (const i of members) counts.set(leafOf[i], (counts.get(leafOf[i]) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([leaf, n]) => ({ cluster_id: clusterId(0, leaf), n }));
}

/** Names shown pockets (each against the rest of the data) and hides those below the privacy thresholds. */
async function nameAndHide(
  rows: ErrorPocketMetrics[],
  sets: Int32Array[],
  input: Inputs,
  provider: Provider,
  ctx: ProviderContext,
  settings: RunSettings,
  scope: string,
): Promise<void> {
  const shown = rows.map((row) => row.users >= settings.minUsers && row.n >= settings.minConversations);
  rows.forEach((row, i) => (row.suppressed = !shown[i]));
  if (!shown.some(Boolean)) return;
  const inAnyPocket = new Uint8Array(input.embedding.n);
  for (const set of sets) for (const i of set) inAnyPocket[i] = 1;
  const rest: number[] = [];
  for (let i = 0; i < inAnyPocket.length; i++) if (!inAnyPocket[i]) rest.push(i);
  const restSample = sampleIndices(rest.length, CONTRAST, createRng(deriveSeed(settings.seed, `${scope}/contrast`)));
  const restMembers = Int32Array.from(restSample, (j) => rest[j]);
  const clusters: ClusterToLabel[] = [];
  rows.forEach((row, i) => {
    if (shown[i]) clusters.push({ clusterId: row.pocket_id, members: sets[i], childIds: [], contrast: restMembers.subarray(0, 50) });
  });
  clusters.push({ clusterId: 'rest', members: restMembers, childIds: [], contrast: new Int32Array(0) });
  const labels = await provider.labeler.label({ level: 0, clusters, summaries: input.summaries, userOf: input.userOf, childLabels: new Map() }, ctx);
  const byId = new Map(labels.filter((l) => l.clusterId !== 'rest').map((l) => [l.clusterId, l]));
  const audited = provider.auditor && byId.size ? await provider.auditor.audit([...byId.values()], ctx) : new Map<string, number>();
  for (const row of rows) {
    const label = byId.get(row.pocket_id);
    if (!label || (audited.get(row.pocket_id) ?? 5) < MIN_AUDIT_SCORE) {
      row.suppressed = row.suppressed || (label !== undefined && !!provider.auditor);
      continue;
    }
    row.label = label.name;
    row.description = label.description;
    row.terms = label.terms ?? [];
  }
}
