/**
 * The shared-memory chunk functions worker threads can run for `runChunked`, by name. Each must compute
 * exactly what the calling thread computes for the same chunk (they call the same pipeline function), so
 * results do not depend on threads. (Tasks for `mapChunks` are named by module instead; see map-chunks.ts.)
 */
import { embedRows, type LsaModel } from '../embedding/lsa.js';
import { assignNearest } from '../clustering/vector-math.js';
import type { ChunkFn } from '../chunk-runner.js';
import { shuffleMaxima, type PermutationPayload } from '../discovery/permutations.js';
import { knownTable, sifMeans } from '../embedding/sif.js';
import { semanticRows, type SemanticRowsPayload, type SifMeansPayload } from '../embedding/semantic.js';
import { projectPayload, type ProjectionPayload } from '../discovery/projection.js';

export interface LsaTransformPayload {
  model: LsaModel;
  texts: readonly string[];
  firstOf: Int32Array | null;
  /** Shared (n × dim) output. */
  out: Float32Array;
  /** Embed each text by its content words (embedding/lsa.ts). */
  contentWords?: boolean;
}

export interface NearestCentrePayload {
  /** Shared (n × dim) points. */
  data: Float32Array;
  centroids: Float32Array;
  k: number;
  dim: number;
  /** Shared output: point → centre. */
  out: Int32Array;
}

const TASKS: Record<string, (payload: never) => ChunkFn> = {
  'lsa-transform': (p: LsaTransformPayload) => (start, end) => embedRows(p.model, p.texts, p.firstOf, start, end, p.out, p.contentWords ?? false),
  'nearest-centre': (p: NearestCentrePayload) => (start, end) => assignNearest(p.data, start, end, p.centroids, p.k, p.dim, p.out),
  'error-permutations': (p: PermutationPayload) => (start, end) => shuffleMaxima(p, start, end),
  'sif-means': (p: SifMeansPayload) => (start, end) => sifMeans(p.texts, knownTable(p.table), p.a, start, end, p.out),
  'project-rows': (p: ProjectionPayload) => (start, end) => projectPayload(p, start, end),
  'semantic-rows': (p: SemanticRowsPayload) => (start, end) => semanticRows(p, start, end),
};

/**
 * The chunk function of task `name` bound to its payload; throws for an unknown task.
 * @example
 * taskRunner('nearest-centre', payload)(0, 4096);
 */
export function taskRunner(name: string, payload: unknown): ChunkFn {
  const make = TASKS[name];
  if (!make) throw new Error(`unknown parallel task "${name}"`);
  return make(payload as never);
}
