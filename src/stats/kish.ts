/** Kish's effective sample size for unequal weights. */
/**
 * Kish's effective sample size (Σ w)² / Σ w² from the two weighted sums.
 * @example kishEffectiveN(100, 1000); // 10 (ten units of weight 10)
 */
export function kishEffectiveN(weightSum: number, squaredWeightSum: number): number {
  return squaredWeightSum > 0 ? (weightSum * weightSum) / squaredWeightSum : 0;
}
