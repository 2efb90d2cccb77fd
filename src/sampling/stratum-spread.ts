/**
 * The Neyman "S_h" of each stratum: how much one labelled conversation of the stratum is worth to the
 * leaf cluster's false-positive and false-negative rates, from the plausible error shares.
 */
import type { Strata } from './strata.js';

/**
 * S_h for the allocation n_h ∝ N_h·S_h that minimises Σ_c (N_c/N)·[Var(FPR̂_c) + cost²·Var(FNR̂_c)] over the
 * leaf clusters c (each weighted by its share of the conversations), with the rates' linearised variances.
 *
 * In leaf c with N_F flagged and N_U not-flagged conversations, plausible error shares e_F (benign among
 * flagged) and e_U (harmful among not flagged), and hence benign X = N_F·e_F + N_U·(1 − e_U), harmful
 * P = N_F·(1 − e_F) + N_U·e_U, FPR R = N_F·e_F / X and FNR F = N_U·e_U / P:
 *
 *   S_F² = (N_c/N) · e_F(1 − e_F) · [(1 − R)²/X² + cost²·F²/P²]
 *   S_U² = (N_c/N) · e_U(1 − e_U) · [R²/X² + cost²·(1 − F)²/P²]
 *
 * (the within-stratum variance of the linearised FPR and FNR, z = (y − R·x)/X, where a labelled
 * conversation's benign-or-harmful indicator is the only unknown). A stratum without a verdict holds no
 * error of this classifier: S = 0, it gets only its floor.
 * @example
 * // one leaf of 100: 10 flagged, 90 not, both with e = 0.2
 * stratumSpreads(strata, Float64Array.of(0.2, 0.2), 100, 1); // ≈ [0.0118, 0.0048]
 */
export function stratumSpreads(strata: Strata, errorShares: Float64Array, total: number, fnCost: number): Float64Array {
  const count = strata.names.length;
  const out = new Float64Array(count);
  const byLeaf = new Map<number, { flagged: number; notFlagged: number; size: number }>();
  for (let h = 0; h < count; h++) {
    const leaf = strata.leaf[h];
    const entry = byLeaf.get(leaf) ?? { flagged: -1, notFlagged: -1, size: 0 };
    entry.size += strata.members[h].length;
    if (strata.verdict[h] === 'flagged') entry.flagged = h;
    if (strata.verdict[h] === 'not-flagged') entry.notFlagged = h;
    byLeaf.set(leaf, entry);
  }
  const cost2 = fnCost * fnCost;
  for (const { flagged, notFlagged, size } of byLeaf.values()) {
    const nF = flagged < 0 ? 0 : strata.members[flagged].length;
    const nU = notFlagged < 0 ? 0 : strata.members[notFlagged].length;
    const eF = flagged < 0 ? 0 : errorShares[flagged];
    const eU = notFlagged < 0 ? 0 : errorShares[notFlagged];
    const benign = nF * eF + nU * (1 - eU);
    const harmful = nF * (1 - eF) + nU * eU;
    const fpr = benign > 0 ? (nF * eF) / benign : 0;
    const fnr = harmful > 0 ? (nU * eU) / harmful : 0;
    const weight = size / total;
    const term = (onRate: number, over: number) => (over > 0 ? onRate / (over * over) : 0);
    if (flagged >= 0) out[flagged] = Math.sqrt(weight * eF * (1 - eF) * (term((1 - fpr) ** 2, benign) + cost2 * term(fnr ** 2, harmful)));
    if (notFlagged >= 0) out[notFlagged] = Math.sqrt(weight * eU * (1 - eU) * (term(fpr ** 2, benign) + cost2 * term((1 - fnr) ** 2, harmful)));
  }
  return out;
}
