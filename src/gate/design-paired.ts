/**
 * The gate's paired checks when the labels come from a labelling sample (a run made with `--sample`): both
 * versions' rates and the change between them are design-weighted ratio estimates (weights N_h / m_h), their
 * intervals come from the effective sample size, and McNemar's exact test runs on effective discordant counts.
 * The counts a check shows (support, errors, worse, better) stay those of the labelled sample; the rule's
 * min_support applies to them, so thin data never passes.
 */
import { MisfireError } from '../errors.js';
import { effectiveSampleSize, kishEffectiveN, mcnemarExactGreater, stratifiedRatio, wilsonInterval, type StratumSums } from '../stats/index.js';
import type { GateMetric, PairedCheck, RateSide } from './types.js';

/** The sample behind the labels, on the gate's conversations. */
export interface GateDesign {
  /** Per conversation: its stratum, −1 when it was not drawn. */
  stratumOf: Int32Array;
  /** N_h. */
  population: Float64Array;
  /** m_h: drawn conversations of the stratum with a label. */
  labelled: Int32Array;
}

/** Per stratum: support, baseline wrong, candidate wrong, worse, better. */
type StratumCounts = Map<number, Int32Array>;
const [SUPPORT, BASELINE, CANDIDATE, WORSE, BETTER] = [0, 1, 2, 3, 4];

export type DesignPairedFields = Omit<PairedCheck, 'status' | 'reason'>;

/**
 * Design-weighted fields of the FPR and FNR checks of every group (`groupOf[i]` in 0…groups−1).
 * @example designPairedFields(labels, baselineFlags, candidateFlags, new Int32Array(n), 1, design)[0].fpr.increase;
 */
export function designPairedFields(
  labels: Int8Array,
  baselineFlags: Int8Array,
  candidateFlags: Int8Array,
  groupOf: Int32Array,
  groups: number,
  design: GateDesign,
): Record<GateMetric, DesignPairedFields>[] {
  const counts = Array.from({ length: groups }, () => ({ fpr: new Map() as StratumCounts, fnr: new Map() as StratumCounts }));
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) continue;
    const b = baselineFlags[i];
    const c = candidateFlags[i];
    if ((b !== 0 && b !== 1) || (c !== 0 && c !== 1)) continue;
    const h = design.stratumOf[i];
    if (h < 0) throw new MisfireError('gate', `conversation ${i} has a label but was not drawn in the run's sample: its rates would have no design weight`);
    const byStratum = label === 0 ? counts[groupOf[i]].fpr : counts[groupOf[i]].fnr;
    let cell = byStratum.get(h);
    if (!cell) {
      cell = new Int32Array(5);
      byStratum.set(h, cell);
    }
    const baselineWrong = label === 0 ? b === 1 : b === 0;
    const candidateWrong = label === 0 ? c === 1 : c === 0;
    cell[SUPPORT]++;
    if (baselineWrong) cell[BASELINE]++;
    if (candidateWrong) cell[CANDIDATE]++;
    if (!baselineWrong && candidateWrong) cell[WORSE]++;
    if (baselineWrong && !candidateWrong) cell[BETTER]++;
  }
  return counts.map((group) => {
    const labelled = total(group.fpr, SUPPORT) + total(group.fnr, SUPPORT);
    return { fpr: fields(group.fpr, 'fpr', design, labelled), fnr: fields(group.fnr, 'fnr', design, labelled) };
  });
}

function total(cells: StratumCounts, slot: number): number {
  let sum = 0;
  for (const cell of cells.values()) sum += cell[slot];
  return sum;
}

function sums(cells: StratumCounts, design: GateDesign, y: (cell: Int32Array) => [number, number]): StratumSums[] {
  return [...cells].map(([h, cell]) => {
    const [value, squares] = y(cell);
    return { population: design.population[h], sampled: design.labelled[h], y: value, x: cell[SUPPORT], yy: squares, xy: value, xx: cell[SUPPORT] };
  });
}

function side(cells: StratumCounts, slot: number, design: GateDesign, labelled: number): RateSide {
  const r = stratifiedRatio(sums(cells, design, (cell) => [cell[slot], cell[slot]]));
  const errors = total(cells, slot);
  if (r.estimate === null || r.variance === null) return { errors, rate: null, ci: null };
  const nEff = effectiveSampleSize(r.estimate * (1 - r.estimate), r.variance, Math.min(labelled, r.xTotal), kishEffectiveN(r.xTotal, r.xxWeighted));
  return { errors, rate: r.estimate, ci: nEff > 0 ? wilsonInterval(Math.min(nEff, r.estimate * nEff), nEff) : null };
}

function fields(cells: StratumCounts, metric: GateMetric, design: GateDesign, labelled: number): DesignPairedFields {
  const support = total(cells, SUPPORT);
  const worse = total(cells, WORSE);
  const better = total(cells, BETTER);
  // The change d = candidate wrong − baseline wrong per conversation: +1 worse, −1 better.
  const change = stratifiedRatio(sums(cells, design, (cell) => [cell[WORSE] - cell[BETTER], cell[WORSE] + cell[BETTER]]));
  const worseShare = stratifiedRatio(sums(cells, design, (cell) => [cell[WORSE], cell[WORSE]])).estimate ?? 0;
  const betterShare = stratifiedRatio(sums(cells, design, (cell) => [cell[BETTER], cell[BETTER]])).estimate ?? 0;
  const increase = change.estimate;
  let p: number | null = null;
  if (increase !== null && change.variance !== null) {
    const unit = worseShare + betterShare - increase * increase;
    const nEff = effectiveSampleSize(unit, change.variance, Math.min(labelled, change.xTotal), kishEffectiveN(change.xTotal, change.xxWeighted));
    const worseEff = Math.round(worseShare * nEff);
    const betterEff = Math.round(betterShare * nEff);
    p = mcnemarExactGreater(worseEff, betterEff);
  }
  return {
    metric,
    support,
    baseline: side(cells, BASELINE, design, labelled),
    candidate: side(cells, CANDIDATE, design, labelled),
    increase,
    worse,
    better,
    p: support > 0 ? p : null,
    q: null,
  };
}
