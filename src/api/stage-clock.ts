/** Wall time per pipeline stage, for run timings and the benchmark. */
export interface StageTiming {
  stage: string;
  ms: number;
}

export class StageClock {
  readonly timings: StageTiming[] = [];

  time<T>(stage: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
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
