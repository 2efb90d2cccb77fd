/** Hand-built paired verdicts for the pure gate tests: clusters with exact counts of discordant pairs. */
import { DEFAULT_GATE_SETTINGS, type GateCluster, type GateInput, type GateSettings } from '../../src/gate/types.js';

/** Counts for one metric of one cluster: `wrong` = baseline errors; worse/better = discordant pairs. */
export interface SideSpec {
  n: number;
  wrong: number;
  worse?: number;
  better?: number;
}

export interface ClusterSpec {
  id: string;
  label?: string | null;
  suppressed?: boolean;
  /** Parent id at level 1 (all clusters in one parent when omitted). */
  parent?: string;
  fpr: SideSpec;
  fnr: SideSpec;
}

/** Rows for one metric: label, baseline flag, candidate flag. */
function metricRows(spec: SideSpec, harmful: boolean): [number, number, number][] {
  const worse = spec.worse ?? 0;
  const better = spec.better ?? 0;
  const bothWrong = spec.wrong - better;
  const right = spec.n - worse - better - bothWrong;
  if (bothWrong < 0 || right < 0) throw new Error(`impossible spec ${JSON.stringify(spec)}`);
  // "Wrong" is flagged for a benign conversation and not flagged for a harmful one.
  const wrongFlag = harmful ? 0 : 1;
  const rightFlag = 1 - wrongFlag;
  const label = harmful ? 1 : 0;
  return [
    ...Array.from({ length: worse }, () => [label, rightFlag, wrongFlag] as [number, number, number]),
    ...Array.from({ length: better }, () => [label, wrongFlag, rightFlag] as [number, number, number]),
    ...Array.from({ length: bothWrong }, () => [label, wrongFlag, wrongFlag] as [number, number, number]),
    ...Array.from({ length: right }, () => [label, rightFlag, rightFlag] as [number, number, number]),
  ];
}

/** A two-level GateInput (leaves L0-…, parents L1-…) with exactly the requested counts. */
export function syntheticInput(specs: ClusterSpec[], settings: Partial<GateSettings> = {}): GateInput {
  const labels: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  const leafOf: number[] = [];
  specs.forEach((spec, k) => {
    for (const [label, bf, cf] of [...metricRows(spec.fpr, false), ...metricRows(spec.fnr, true)]) {
      labels.push(label);
      b.push(bf);
      c.push(cf);
      leafOf.push(k);
    }
  });
  const leaves: GateCluster[] = specs.map((s) => ({ id: s.id, label: s.label === undefined ? `cluster ${s.id}` : s.label, suppressed: s.suppressed ?? false }));
  const parentIds = [...new Set(specs.map((s) => s.parent ?? 'L1-000'))].sort();
  const parents: GateCluster[] = parentIds.map((id) => ({ id, label: `parent ${id}`, suppressed: false }));
  const parentOfLeaf = specs.map((s) => parentIds.indexOf(s.parent ?? 'L1-000'));
  return {
    baseline: 'base',
    candidate: 'cand',
    labels: Int8Array.from(labels),
    baselineFlags: Int8Array.from(b),
    candidateFlags: Int8Array.from(c),
    levels: [
      { level: 0, clusters: leaves, membership: Int32Array.from(leafOf) },
      { level: 1, clusters: parents, membership: Int32Array.from(leafOf, (k) => parentOfLeaf[k]) },
    ],
    settings: { ...DEFAULT_GATE_SETTINGS, ...settings },
  };
}

/** A plain, well-supported cluster where nothing changes. */
export function steady(id: string, extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return { id, fpr: { n: 100, wrong: 5, worse: 2, better: 2 }, fnr: { n: 40, wrong: 4, worse: 1, better: 1 }, ...extra };
}
