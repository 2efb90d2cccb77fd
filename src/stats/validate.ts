/**
 * Argument checks shared by the statistics primitives. Each throws a RangeError: callers pass counts and
 * scores that were validated when read, so a failing check is a bug in the caller, not the user's input.
 */

/** A count must be a non-negative safe integer. */
export function assertCount(value: number, name: string, fn: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${value}`);
  }
}

/** A probability must be a finite number in [0, 1]. */
export function assertProbability(value: number, name: string, fn: string): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${fn}: ${name} must be a probability in [0, 1], got ${value}`);
  }
}

/** Scores must be numbers (±Infinity allowed, NaN not); positives must be booleans or 0/1; both of the same length. */
export function assertScoredLabels(
  scores: ArrayLike<number>,
  positives: ArrayLike<number | boolean>,
  fn: string,
): boolean[] {
  if (scores.length !== positives.length) {
    throw new RangeError(`${fn}: scores and positives differ in length (${scores.length} vs ${positives.length})`);
  }
  const labels = new Array<boolean>(positives.length);
  for (let i = 0; i < positives.length; i++) {
    const score = scores[i];
    if (typeof score !== 'number' || Number.isNaN(score)) {
      throw new RangeError(`${fn}: score at index ${i} is not a number (${score})`);
    }
    const label = positives[i];
    if (label === true || label === 1) labels[i] = true;
    else if (label === false || label === 0) labels[i] = false;
    else throw new RangeError(`${fn}: label at index ${i} must be true/false or 1/0, got ${label}`);
  }
  return labels;
}
