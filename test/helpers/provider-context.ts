/** Provider contexts for tests of the providers, offline and Claude alike. */
import { emptyUsage, type ProviderContext } from '../../src/providers/types.js';
import type { ProgressReporter } from '../../src/types.js';

/** A progress reporter that records every event. */
export interface ProgressLog extends ProgressReporter {
  events: { stage?: string; total?: number; done?: number; extra?: Record<string, number>; kind: string }[];
}

export function recordingProgress(onUpdate?: (done: number) => void): ProgressLog {
  const events: ProgressLog['events'] = [];
  return {
    events,
    start: (stage, total) => void events.push({ kind: 'start', stage, total }),
    update: (done, extra) => {
      events.push({ kind: 'update', done, extra });
      onUpdate?.(done);
    },
    end: () => void events.push({ kind: 'end' }),
  };
}

/**
 * A provider context for tests: seed 7, a recording progress reporter, minUsers 1, unless `overrides` says otherwise.
 * @example
 * makeCtx('.misfire-cache', { seed: 1, progress: silentProgress, minUsers: 5 });
 */
export function makeCtx(cacheDir: string, overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    seed: 7,
    progress: recordingProgress(),
    minUsers: 1,
    cacheDir,
    usage: emptyUsage(),
    ...overrides,
  };
}
