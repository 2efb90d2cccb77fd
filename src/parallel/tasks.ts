/**
 * The chunk functions worker threads can run, by name. Each must compute exactly what the calling thread
 * computes for the same chunk (they call the same pipeline function), so results do not depend on threads.
 */
import { embedRows, type LsaModel } from '../embedding/lsa.js';
import { assignNearest } from '../clustering/vector-math.js';
import { extractOfflineFacets } from '../providers/offline/facets.js';
import type { Conversation } from '../types.js';

export interface LsaTransformPayload {
  model: LsaModel;
  texts: readonly string[];
  firstOf: Int32Array | null;
  /** Shared (n × dim) output. */
  out: Float32Array;
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

type ChunkRunner = (start: number, end: number) => void;

const TASKS: Record<string, (payload: never) => ChunkRunner> = {
  'lsa-transform': (p: LsaTransformPayload) => (start, end) => embedRows(p.model, p.texts, p.firstOf, start, end, p.out),
  'nearest-centre': (p: NearestCentrePayload) => (start, end) => assignNearest(p.data, start, end, p.centroids, p.k, p.dim, p.out),
};

/** The chunk function of task `name` bound to its payload; throws for an unknown task. */
export function taskRunner(name: string, payload: unknown): ChunkRunner {
  const make = TASKS[name];
  if (!make) throw new Error(`unknown parallel task "${name}"`);
  return make(payload as never);
}

/** Tasks for `mapChunks` (map-chunks.ts): a chunk of items in, their results out, in order. */
const MAP_TASKS: Record<string, (items: never[]) => unknown[]> = {
  'offline-facets': (items: Conversation[]) => items.map(extractOfflineFacets),
};

/** The map function of task `name`; throws for an unknown task. */
export function mapTask(name: string): (items: unknown[]) => unknown[] {
  const map = MAP_TASKS[name];
  if (!map) throw new Error(`unknown map task "${name}"`);
  return map as (items: unknown[]) => unknown[];
}
