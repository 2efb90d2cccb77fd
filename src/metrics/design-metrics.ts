/**
 * Per-cluster error rates of one classifier estimated from a stratified labelled sample (`misfire run
 * --sample`): every rate is a design-weighted ratio estimate with an interval from its effective sample size,
 * the tests use effective counts, and excess errors and shares are estimated population counts. The counts
 * tp, fp, tn and fn stay those of the labelled sample. Same shape as the labelled metrics (confusion.ts).
 */
import { benjaminiHochberg, ratio } from '../stats/index.js';
import { clusterId, type Hierarchy } from '../clustering/hierarchy.js';
import { countsByLevel, FLAGGED, STRIDE, totals, VERDICTS } from './counts.js';
import { CELL, designCells, FN, FP, sumCells, TN, TP } from './design-cells.js';
import { designRate, effectiveFisher, type DesignRate, type StratumFrame } from './design-rates.js';
import { classifierRecord, isPocket, type ClassifierMetrics, type ClusterMetrics, type MetricsSettings, type OverallMetrics } from './confusion.js';
import { leafToLevelMaps } from './levels.js';
import type { SampleDesign } from './design.js';
import type { ClassifierVerdicts } from './join.js';

/** What a cluster's design-based estimates add to its sample counts (metrics.json `design`). */
export interface DesignRates {
  /** Estimated conversations of each kind in the population (Σ weight). */
  est_tp: number;
  est_fp: number;
  est_tn: number;
  est_fn: number;
  /** Effective sample size behind the FPR and FNR (null: no labelled benign / harmful conversation). */
  fpr_n_eff: number | null;
  fnr_n_eff: number | null;
}

export interface DesignClusterRates extends DesignRates {
  cluster_id: string;
  level: number;
}

export interface ClassifierDesignMetrics {
  overall: DesignRates;
  clusters: DesignClusterRates[];
}

interface Domain {
  sums: Int32Array;
  fpr: DesignRate;
  fnr: DesignRate;
  est: [number, number, number, number];
}

/**
 * Design-based metrics of one classifier for every cluster of every level.
 * @example
 * const m = designClassifierMetrics(hierarchy, verdicts, labels, design, frame, settings, () => false);
 * m.clusters[0].fpr; // weighted estimate of the cluster's false-positive rate
 */
export function designClassifierMetrics(
  hierarchy: Hierarchy,
  verdicts: ClassifierVerdicts,
  labels: Int8Array,
  design: SampleDesign,
  frame: StratumFrame,
  settings: MetricsSettings,
  suppressedAt: (level: number, index: number) => boolean,
): ClassifierMetrics {
  const strata = design.strata.length;
  const leaves = hierarchy.levels[0]?.k ?? 0;
  const cells = designCells(hierarchy.leafOf, leaves, design.stratumOf, verdicts.flagged, labels);
  const all = domain(frame, sumCells(cells, range(leaves), strata));
  const perLevel = countsByLevel(hierarchy, verdicts.flagged, labels);
  const overall = overallRow(totals(perLevel[0] ?? new Int32Array(STRIDE)), 0, all);
  const maps = leafToLevelMaps(hierarchy);
  const extras: DesignClusterRates[] = [];
  const rowsByLevel: ClusterMetrics[][] = [];
  perLevel.forEach((counts, level) => {
    const k = hierarchy.levels[level]?.k ?? 0;
    const leavesOf: number[][] = Array.from({ length: k }, () => []);
    maps[level]?.forEach((cluster, leaf) => leavesOf[cluster].push(leaf));
    const supports: { fp: number; fn: number }[] = [];
    const rows = leavesOf.map((members, c) => {
      const inside = domain(frame, sumCells(cells, members, strata));
      supports.push({ fp: inside.fpr.xLower, fn: inside.fnr.xLower });
      const rest = domain(frame, subtract(all.sums, inside.sums));
      const row = clusterRow(counts, c, level, inside, rest, all, overall, suppressedAt(level, c));
      extras.push({ cluster_id: row.cluster_id, level, ...designRates(inside) });
      return row;
    });
    const fpq = benjaminiHochberg(rows.map((r) => r.fpr_p));
    const fnq = benjaminiHochberg(rows.map((r) => r.fnr_p));
    rows.forEach((row, i) => {
      row.fpr_q = fpq[i];
      row.fnr_q = fnq[i];
      // Support: the conversations that surely stand behind the rate — the lower end of the estimate's 95 % interval
      // (a rare kind of conversation drawn a few times at a large weight would otherwise look common).
      row.pocket_fp = isPocket(row.fpr, overall.fpr, row.fpr_q, supports[i].fp, settings);
      row.pocket_fn = isPocket(row.fnr, overall.fnr, row.fnr_q, supports[i].fn, settings);
    });
    rowsByLevel.push(rows);
  });
  return {
    // Metadata slices are not design-weighted yet: with a labelled sample they are left out (empty).
    ...classifierRecord(hierarchy, verdicts, overall, rowsByLevel),
    design: { overall: designRates(all), clusters: extras },
  };
}

function domain(frame: StratumFrame, sums: Int32Array): Domain {
  const est: Domain['est'] = [0, 0, 0, 0];
  for (let h = 0; h < frame.labelled.length; h++) {
    if (frame.labelled[h] === 0) continue;
    const w = frame.population[h] / frame.labelled[h];
    for (let s = 0; s < CELL; s++) est[s] += w * sums[h * CELL + s];
  }
  return { sums, fpr: designRate(frame, sums, [FP], [FP, TN]), fnr: designRate(frame, sums, [FN], [FN, TP]), est };
}

function designRates(d: Domain): DesignRates {
  return {
    est_tp: d.est[TP],
    est_fp: d.est[FP],
    est_tn: d.est[TN],
    est_fn: d.est[FN],
    fpr_n_eff: d.fpr.estimate === null ? null : d.fpr.nEff,
    fnr_n_eff: d.fnr.estimate === null ? null : d.fnr.nEff,
  };
}

/** Sample counts from `counts` (slot offset), rates from the design. */
function overallRow(counts: Int32Array, offset: number, d: Domain): OverallMetrics {
  const [tn, fp, fn, tp] = [counts[offset + TN], counts[offset + FP], counts[offset + FN], counts[offset + TP]];
  const e = d.est;
  const n = e[TN] + e[FP] + e[FN] + e[TP];
  return {
    n: tn + fp + fn + tp,
    tp,
    fp,
    tn,
    fn,
    fpr: d.fpr.estimate,
    fpr_ci: d.fpr.ci,
    fnr: d.fnr.estimate,
    fnr_ci: d.fnr.ci,
    precision: ratio(e[TP], e[TP] + e[FP]),
    recall: ratio(e[TP], e[TP] + e[FN]),
    flag_rate: ratio(e[TP] + e[FP], n),
    prevalence: ratio(e[TP] + e[FN], n),
    verdicts: counts[offset + VERDICTS],
    flagged: counts[offset + FLAGGED],
  };
}

function clusterRow(counts: Int32Array, c: number, level: number, inside: Domain, rest: Domain, all: Domain, overall: OverallMetrics, suppressed: boolean): ClusterMetrics {
  const base = overallRow(counts, c * STRIDE, inside);
  const e = inside.est;
  return {
    cluster_id: clusterId(level, c),
    level,
    ...base,
    fpr_p: effectiveFisher(inside.fpr, rest.fpr),
    fpr_q: null,
    excess_fp: overall.fpr === null ? null : e[FP] - (e[FP] + e[TN]) * overall.fpr,
    share_fp: ratio(e[FP], all.est[FP]),
    fnr_p: effectiveFisher(inside.fnr, rest.fnr),
    fnr_q: null,
    excess_fn: overall.fnr === null ? null : e[FN] - (e[FN] + e[TP]) * overall.fnr,
    share_fn: ratio(e[FN], all.est[FN]),
    pocket_fp: false,
    pocket_fn: false,
    suppressed,
  };
}

function subtract(a: Int32Array, b: Int32Array): Int32Array {
  return Int32Array.from(a, (v, i) => v - b[i]);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
