/**
 * The searches among the errors of every classifier (false positives among the benign conversations, false
 * negatives among the harmful ones), with one projection of the embedding shared by all of them: only
 * numbers in and out, so it can run on a worker thread beside the rest of the pipeline (its input is
 * structured-cloneable; the embedding is best on shared memory). Naming and privacy happen afterwards, on
 * the calling thread (src/api/find-error-pockets.ts).
 */
import { sequentialChunks, type ChunkRunner, type ModuleTask } from '../chunk-runner.js';
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { gatherRows, needsWholeDenominator, pocketsOfRegions, searchErrorRegions, type DiscoverySettings, type DiscoveryResult, type ErrorRegions } from './index.js';
import { fitProjection, projectEveryRow, type Projection } from './projection.js';
import type { ErrorKind } from '../metrics/error-pockets.js';

/** The two searches of a classifier, in the order they run (and are reported): false positives first. */
export const ERROR_KINDS: readonly { kind: ErrorKind; label: number; errorFlag: number }[] = [
  { kind: 'false_positive', label: 0, errorFlag: 1 },
  { kind: 'false_negative', label: 1, errorFlag: 0 },
];

/** Rows the search's projection is fitted on. */
const PROJECTION_SAMPLE = 5000;

export interface ErrorSearchInput {
  embedding: { n: number; dim: number; data: Float32Array };
  /** 1 harmful, 0 benign, -1 unknown. */
  labels: Int8Array;
  /** Per classifier: 1 flagged, 0 not flagged, -1 no verdict. */
  classifiers: readonly { name: string; flagged: Int8Array }[];
  seed: number;
  minSupport: number;
  alpha: number;
  minEffect: number;
  permutations: number;
}

export interface KindSearch {
  classifier: string;
  kind: ErrorKind;
  /** Conversations in the denominator (labelled `label`, with a verdict). */
  denominator: number;
  /** Errors among them. */
  errors: number;
  found: DiscoveryResult;
}

/** The searches' regions before they are applied to whole denominators: only numbers, from any thread. */
export interface RegionSearches {
  projection: Projection;
  kinds: { classifier: string; kind: ErrorKind; regions: ErrorRegions }[];
}

/**
 * Every classifier's two searches, classifier by classifier; the same result whoever runs the chunks.
 * @example
 * const searches = searchErrors({ embedding, labels, classifiers, seed: 42, minSupport: 20, alpha: 0.05, minEffect: 0.05, permutations: 49 });
 * searches[0].found.pockets; // false-positive pockets of the first classifier
 */
export function searchErrors(input: ErrorSearchInput, chunkRunner: ChunkRunner = sequentialChunks): KindSearch[] {
  return pocketsOfSearches(searchRegions(input, chunkRunner), input, chunkRunner);
}

/**
 * The first part of {@link searchErrors}: the projection, and each search with its permutation test on (a
 * sample of) its denominator. Needs no whole-data projection, so it runs beside other work on one thread.
 * @example
 * const regions = searchRegions(input); // then pocketsOfSearches(regions, input, runner)
 */
export function searchRegions(input: ErrorSearchInput, chunkRunner: ChunkRunner = sequentialChunks): RegionSearches {
  const { embedding } = input;
  const sample = sampleIndices(embedding.n, PROJECTION_SAMPLE, createRng(deriveSeed(input.seed, 'pocket-projection')));
  const projection = fitProjection(embedding.data, embedding.dim, sample);
  const kinds: RegionSearches['kinds'] = [];
  for (const classifier of input.classifiers) {
    for (const spec of ERROR_KINDS) {
      const { rows, errors } = denominatorOf(input.labels, classifier.flagged, spec);
      const regions = searchErrorRegions(embedding, projection, rows, errors, { ...discoverySettings(input, classifier.name, spec.kind), chunkRunner });
      kinds.push({ classifier: classifier.name, kind: spec.kind, regions });
    }
  }
  return { projection, kinds };
}

/**
 * The second part of {@link searchErrors}: every search's regions applied to its whole denominator (the
 * embedding projected once for all of them, in the runner's chunks, when any search needs it).
 * @example
 * const searches = pocketsOfSearches(await call.join(), input, parallelChunks);
 */
export function pocketsOfSearches(searched: RegionSearches, input: ErrorSearchInput, chunkRunner: ChunkRunner = sequentialChunks): KindSearch[] {
  const { embedding } = input;
  const { projection } = searched;
  let projected: Float32Array | null = null;
  const projectAll = () => (projected ??= projectEveryRow(projection, embedding.data, embedding.n, chunkRunner));
  return searched.kinds.map(({ classifier, kind, regions }) => {
    const spec = ERROR_KINDS.find((k) => k.kind === kind) as (typeof ERROR_KINDS)[number];
    const flagged = input.classifiers.find((c) => c.name === classifier)?.flagged as Int8Array;
    const { rows, errors, totalErrors } = denominatorOf(input.labels, flagged, spec);
    const whole = needsWholeDenominator(regions, rows) ? gatherRows(projectAll(), projection.width, rows) : null;
    const pockets = pocketsOfRegions(regions, rows, errors, whole, projection.width, discoverySettings(input, classifier, kind));
    return { classifier, kind, denominator: rows.length, errors: totalErrors, found: { pockets, candidates: regions.candidates, permutationsRun: regions.permutationsRun } };
  });
}

function discoverySettings(input: ErrorSearchInput, classifier: string, kind: ErrorKind): DiscoverySettings {
  return {
    minSupport: input.minSupport,
    alpha: input.alpha,
    minEffect: input.minEffect,
    seed: deriveSeed(input.seed, `${classifier}/${kind}`),
    permutations: input.permutations,
  };
}

/** The conversations of one search (labelled `spec.label`, with a verdict) and which of them are errors. */
function denominatorOf(labels: Int8Array, flagged: Int8Array, spec: (typeof ERROR_KINDS)[number]): { rows: Int32Array; errors: Uint8Array; totalErrors: number } {
  const denominator: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === spec.label && flagged[i] >= 0) denominator.push(i);
  const rows = Int32Array.from(denominator);
  const errors = Uint8Array.from(rows, (i) => (flagged[i] === spec.errorFlag ? 1 : 0));
  let totalErrors = 0;
  for (const e of errors) totalErrors += e;
  return { rows, errors, totalErrors };
}

/**
 * {@link searchRegions} with this thread's chunks only: the export a worker thread runs ({@link SEARCH_REGIONS_TASK}).
 * @example searchRegionsHere(input); // same as searchRegions(input)
 */
export function searchRegionsHere(input: ErrorSearchInput): RegionSearches {
  return searchRegions(input);
}

/** Where a worker thread finds {@link searchRegionsHere}. */
export const SEARCH_REGIONS_TASK: ModuleTask = { moduleUrl: import.meta.url, exportName: 'searchRegionsHere' };
