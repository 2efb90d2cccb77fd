/** Short human-readable pieces of a gate check, shared by the JUnit, Markdown and console outputs. */
import { formatP } from './rule.js';
import type { GateCheck, GatePocketCheck, GateResult, GateSliceCheck, RateSide } from './types.js';

export const METRIC_NAMES = { fpr: 'FPR', fnr: 'FNR' } as const;

/** Any check the gate makes: overall, a cluster's, a pocket's or a slice's. */
export type AnyCheck = GateCheck | GatePocketCheck | GateSliceCheck;

export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

/** "12.0% [8.1%–17.3%] (12/100)" */
export function describeRate(side: RateSide, support: number): string {
  const ci = side.ci ? ` [${percent(side.ci[0])}–${percent(side.ci[1])}]` : '';
  return `${percent(side.rate)}${ci} (${side.errors}/${support})`;
}

export function describeP(value: number | null): string {
  return value === null ? 'n/a' : formatP(value);
}

/** What the check is on: "L0-027 Pentest, pentest report", "FP-1 Security, pentest and vulnerability", "S1-000 channel = api" or "overall". */
export function checkSubject(check: AnyCheck): string {
  if (check.scope === 'pocket') return `${check.pocket_id} ${check.pocket_name}`;
  if (check.scope === 'slice') return `${check.slice_id} ${check.slice_name}`;
  return check.scope === 'overall' ? 'overall' : `${check.cluster_id} ${check.cluster_name}`;
}

/** "L0-027 Pentest, pentest report · FPR", "FP-1 Security, pentest · FPR" or "overall · FPR". */
export function checkTitle(check: AnyCheck): string {
  return `${checkSubject(check)} · ${METRIC_NAMES[check.metric]}`;
}

/** The full message: both rates with intervals, discordant pairs, p and q, and the rule's reason. */
export function checkMessage(check: AnyCheck, gate: Pick<GateResult, 'baseline' | 'candidate'>): string {
  const metric = METRIC_NAMES[check.metric];
  const q = check.scope === 'overall' ? '' : `, q = ${describeP(check.q)}`;
  return (
    `${check.status.toUpperCase()}: ${metric} ${gate.baseline} ${describeRate(check.baseline, check.support)} → ` +
    `${gate.candidate} ${describeRate(check.candidate, check.support)}; ` +
    `discordant ${check.worse} worse / ${check.better} better, p = ${describeP(check.p)}${q}; ${check.reason}`
  );
}

/** Checks of every level and overall, in report order (the pocket checks are `gate.pockets.checks`). */
export function allChecks(gate: GateResult): GateCheck[] {
  return [...gate.overall, ...gate.levels.flatMap((l) => l.checks)];
}

/** Every slice check, dimension by dimension. */
export function sliceChecks(gate: Pick<GateResult, 'slices'>): GateSliceCheck[] {
  return gate.slices.dimensions.flatMap((d) => d.checks);
}

/** The heading of the pocket checks: "Pockets of detector-v2's errors". */
export function pocketsHeading(gate: Pick<GateResult, 'pockets'>): string {
  return `Pockets of ${gate.pockets.classifier}'s errors`;
}
