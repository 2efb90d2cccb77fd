/**
 * Which of a run's conversations `misfire show` lists: the members of a cluster of any level (a parent's
 * members are its leaves' members), or of a pocket found among the errors, narrowed to one outcome of a
 * classifier (false positives, misses, …). Pure: works on the run's arrays, in assignments.csv order.
 */

/** What to keep of the members: one cell of the confusion matrix, the flagged ones, or every member. */
export type MemberKind = 'fp' | 'fn' | 'tp' | 'tn' | 'flagged' | 'all';

/** A conversation's cell of the confusion matrix; null without a label or without a verdict. */
export type Outcome = 'tp' | 'fp' | 'tn' | 'fn';

/** The parent of each cluster (null at the top level), by cluster id, as clusters.json records it. */
export type ParentOf = ReadonlyMap<string, string | null>;

/**
 * Indices (ascending) of the conversations inside `clusterId`: those whose leaf is it or lies under it.
 * @example
 * clusterMembers(['L0-000', 'L0-001', 'L0-000'], new Map([['L0-000', 'L1-000'], ['L0-001', 'L1-001'], ['L1-000', null], ['L1-001', null]]), 'L1-000');
 * // Int32Array [0, 2]
 */
export function clusterMembers(leafIds: readonly string[], parentOf: ParentOf, clusterId: string): Int32Array {
  const inside = new Map<string, boolean>();
  const isInside = (leaf: string): boolean => {
    const known = inside.get(leaf);
    if (known !== undefined) return known;
    let at: string | null | undefined = leaf;
    let depth = 0;
    while (at != null && at !== clusterId && depth++ <= parentOf.size) at = parentOf.get(at);
    const answer = at === clusterId;
    inside.set(leaf, answer);
    return answer;
  };
  const members: number[] = [];
  leafIds.forEach((leaf, i) => {
    if (isInside(leaf)) members.push(i);
  });
  return Int32Array.from(members);
}

/**
 * The confusion-matrix cell of a verdict (1 flagged, 0 not, −1 none) against a label (1 harmful, 0 benign,
 * −1 unknown).
 * @example
 * outcomeOf(1, 0); // 'fp'
 * outcomeOf(1, -1); // null
 */
export function outcomeOf(flagged: number, label: number): Outcome | null {
  if (flagged < 0 || label < 0) return null;
  if (flagged === 1) return label === 1 ? 'tp' : 'fp';
  return label === 1 ? 'fn' : 'tn';
}

/**
 * The members of `kind`, in the order given. `labels` is null for a run without labels (then only
 * `flagged` and `all` can be asked for; the caller checks that).
 * @example
 * membersOfKind(Int32Array.of(0, 1, 2), Int8Array.of(1, 1, 0), Int8Array.of(0, 1, 1), 'fp'); // Int32Array [0]
 */
export function membersOfKind(members: Int32Array, flagged: Int8Array, labels: Int8Array | null, kind: MemberKind): Int32Array {
  if (kind === 'all') return members;
  if (kind === 'flagged') return members.filter((i) => flagged[i] === 1);
  if (!labels) return new Int32Array(0);
  return members.filter((i) => outcomeOf(flagged[i], labels[i]) === kind);
}
