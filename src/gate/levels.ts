/** Turn a run's cluster records and each conversation's leaf into the gate's per-level memberships. */
import { MisfireError } from '../errors.js';
import type { GateLevel } from './types.js';

/** The fields of a clusters.json record the gate uses. */
export interface ClusterLike {
  cluster_id: string;
  parent_id: string | null;
  level: number;
  label: string | null;
  suppressed: boolean;
}

/**
 * Per level (0 = leaves), the clusters in id order and each conversation's cluster index, following
 * `parent_id` up from the leaf.
 * @example
 * gateLevels(clusters, ['L0-001', 'L0-000']); // [{ level: 0, clusters: [...], membership: Int32Array [1, 0] }, { level: 1, … }]
 */
export function gateLevels(clusters: readonly ClusterLike[], leafOf: readonly string[]): GateLevel[] {
  const byId = new Map(clusters.map((c) => [c.cluster_id, c]));
  const levelNumbers = [...new Set(clusters.map((c) => c.level))].sort((a, b) => a - b);
  if (levelNumbers[0] !== 0) throw new MisfireError('gate', 'unreadable run: clusters.json has no leaf level (level 0)');
  const levels: GateLevel[] = levelNumbers.map((level) => {
    const members = clusters.filter((c) => c.level === level).sort((a, b) => (a.cluster_id < b.cluster_id ? -1 : a.cluster_id > b.cluster_id ? 1 : 0));
    return {
      level,
      clusters: members.map((c) => ({ id: c.cluster_id, label: c.label, suppressed: c.suppressed })),
      membership: new Int32Array(leafOf.length),
    };
  });
  const indexOf = levels.map((l) => new Map(l.clusters.map((c, i) => [c.id, i])));
  // Each leaf's chain of ancestors, resolved once per leaf rather than per conversation.
  const chains = new Map<string, number[]>();
  const chainOf = (leaf: string): number[] => {
    const cached = chains.get(leaf);
    if (cached) return cached;
    const chain: number[] = [];
    let current = byId.get(leaf);
    for (let l = 0; l < levels.length; l++) {
      const index = current && current.level === levels[l].level ? indexOf[l].get(current.cluster_id) : undefined;
      if (current === undefined || index === undefined) {
        throw new MisfireError('gate', `unreadable run: cluster "${leaf}" has no ancestor at level ${levels[l].level} in clusters.json`);
      }
      chain.push(index);
      current = current.parent_id === null ? undefined : byId.get(current.parent_id);
    }
    chains.set(leaf, chain);
    return chain;
  };
  leafOf.forEach((leaf, i) => {
    const chain = chainOf(leaf);
    for (let l = 0; l < levels.length; l++) levels[l].membership[i] = chain[l];
  });
  return levels;
}
