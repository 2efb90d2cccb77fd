/** Test helper: run misfire on the shipped demo data into a fresh temp folder (once per test file). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMisfire, type RunOutcome } from '../../src/api/run.js';

const DEMO = (name: string) => fileURLToPath(new URL(`../../datasets/demo/${name}`, import.meta.url));

/** A fixed clock so rendered reports are comparable between runs. */
export const PINNED_NOW = new Date('2025-01-02T03:04:05Z');

export interface DemoRun {
  dir: string;
  outcome: RunOutcome;
  cleanup(): Promise<void>;
}

export async function demoRun(): Promise<DemoRun> {
  const root = await mkdtemp(join(tmpdir(), 'misfire-report-'));
  const dir = join(root, 'run');
  const outcome = await runMisfire({
    conversations: DEMO('conversations.jsonl'),
    verdicts: [DEMO('verdicts.csv')],
    labels: DEMO('labels.csv'),
    out: dir,
    now: PINNED_NOW,
  });
  return { dir, outcome, cleanup: () => rm(root, { recursive: true, force: true }) };
}
