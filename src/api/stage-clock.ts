/** Wall time per pipeline stage, for run timings and the benchmark. */
import type { ProgressReporter } from '../types.js';
export interface StageTiming {
  stage: string;
  ms: number;
}

export class StageClock {
  readonly timings: StageTiming[] = [];

  /** Time a synchronous stage; with `progress`, the stage is also announced (for stages with no progress of their own). */
  time<T>(stage: string, fn: () => T, progress?: ProgressReporter): T {
    const start = performance.now();
    progress?.start(stage);
    try {
      return fn();
    } finally {
      progress?.end();
      this.timings.push({ stage, ms: Math.round(performance.now() - start) });
    }
  }

  async timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.timings.push({ stage, ms: Math.round(performance.now() - start) });
    }
  }
}
