/**
 * The pockets the gate checks as slices: those the (baseline) run found among the baseline classifier's
 * errors, with their members from pockets.csv (read and checked by artifacts/read-pockets.ts). Membership
 * is defined on the run's own conversations: conversations placed from `--conversations` belong to no pocket.
 */
import { readRunPockets } from '../artifacts/read-pockets.js';
import type { GatePocketsInput, GatePocketsResult } from '../gate/types.js';
import type { StoredRun } from './gate-run-files.js';

/**
 * The baseline's pockets as gate input; member indices point into the run's conversation ids, which the
 * gate's arrays start with in both modes.
 * @example
 * const pockets = await loadGatePockets(stored, 'detector-v2'); // { status: 'checked', pockets: [{ id: 'FN-1', … }] }
 */
export async function loadGatePockets(stored: StoredRun, baseline: string): Promise<GatePocketsInput> {
  const recorded = await readRunPockets(stored, stored);
  if (!recorded.recorded) return { status: 'not_recorded', pockets: [] };
  const found = recorded.byClassifier.get(baseline);
  if (!found) return { status: 'not_searched', pockets: [] };
  return {
    status: 'checked',
    pockets: found.map(({ metrics, members }) => ({ id: metrics.pocket_id, kind: metrics.kind, label: metrics.label, suppressed: metrics.suppressed, members })),
  };
}

/** The pockets' note, saying that conversations placed from `--conversations` are in none of them. */
export function withPlacedNote(pockets: GatePocketsResult, placed: number): GatePocketsResult {
  if (placed === 0 || pockets.checks.length === 0) return pockets;
  return {
    ...pockets,
    note: `${pockets.note}; the ${placed} conversations placed from --conversations belong to no pocket (pocket membership is defined on the run's own conversations)`,
  };
}
