/**
 * `num / den`, or null when the denominator is 0 (a rate with no support is unknown, not 0).
 * @example
 * ratio(3, 12); // 0.25
 * ratio(0, 0); // null
 */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}
