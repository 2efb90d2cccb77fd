/**
 * Runs of the shipped demo (datasets/demo, 3,000 conversations) for tests. The global setup
 * (test/global-setup.ts) makes two runs once per `npm test` and shares them with every test file:
 * - the demo itself (`sharedDemoRun`), with what a run keeps only in memory saved beside it
 *   (`sharedDemoOutcome`: facet summaries, embedding, cluster hierarchy);
 * - the hostile slice of the demo (`sharedHostileRun`, see hostile-dataset.ts), for the injection tests.
 * The shared run folders are read-only: a test that changes one works on a copy (`copyRun`).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { inject } from 'vitest';
import { runMisfire, type RunOptions, type RunOutcome } from '../../src/api/run.js';
import type { Hierarchy } from '../../src/clustering/hierarchy.js';
import type { Embedding } from '../../src/types.js';
import { demoFile } from './paths.js';

/** A fixed clock, so rendered reports are comparable between runs. */
export const PINNED_NOW = new Date('2025-01-02T03:04:05Z');

/** Where the global setup put the shared runs. */
export interface SharedRuns {
  /** Run folder of the shipped demo. */
  demo: string;
  /** The demo run's in-memory results (v8-serialised {@link DemoOutcome}). */
  demoOutcome: string;
  /** Run folder of the hostile slice of the demo (allowMissing: it has an unknown verdict id). */
  hostile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedRuns: SharedRuns;
  }
}

/** The shipped demo's inputs. */
export const DEMO_INPUTS = {
  conversations: demoFile('conversations.jsonl'),
  verdicts: [demoFile('verdicts.csv')],
  labels: demoFile('labels.csv'),
} as const satisfies Partial<RunOptions>;

/**
 * `runMisfire` into `out` with the pinned clock, on the shipped demo unless `options` says otherwise.
 * @example
 * await demoRun(join(dir, 'proxy'), { labels: null });
 */
export function demoRun(out: string, options: Partial<RunOptions> = {}): Promise<RunOutcome> {
  return runMisfire({ ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], out, now: PINNED_NOW, ...options });
}

/** What a demo run keeps only in memory, for the tests that check the clustering itself. */
export interface DemoOutcome {
  /** Facet summary per conversation, in input order. */
  summaries: string[];
  embedding: Embedding;
  hierarchy: Hierarchy;
}

/** Save `outcome`'s {@link DemoOutcome} to `file` (typed arrays copied off shared memory, which v8 cannot serialise). */
export function saveDemoOutcome(file: string, outcome: RunOutcome): void {
  const { facets, embedding, hierarchy } = outcome.result;
  const saved: DemoOutcome = {
    summaries: facets.map((f) => f.summary),
    embedding: { n: embedding.n, dim: embedding.dim, data: new Float32Array(embedding.data) },
    hierarchy: {
      dim: hierarchy.dim,
      leafOf: new Int32Array(hierarchy.leafOf),
      levels: hierarchy.levels.map((l) => ({
        level: l.level,
        k: l.k,
        centroids: new Float32Array(l.centroids),
        sizes: new Int32Array(l.sizes),
        parentOf: l.parentOf && new Int32Array(l.parentOf),
      })),
    },
  };
  writeFileSync(file, serialize(saved));
}

/** The shared demo run folder (read-only). */
export function sharedDemoRun(): string {
  return inject('sharedRuns').demo;
}

/** The shared demo run's in-memory results. */
export function sharedDemoOutcome(): DemoOutcome {
  return deserialize(readFileSync(inject('sharedRuns').demoOutcome)) as DemoOutcome;
}

/** The shared run of the hostile demo slice (read-only). */
export function sharedHostileRun(): string {
  return inject('sharedRuns').hostile;
}

/** Copy run folder `dir` to `to` (for a test that changes it); returns `to`. */
export function copyRun(dir: string, to: string): string {
  cpSync(dir, to, { recursive: true });
  return to;
}
