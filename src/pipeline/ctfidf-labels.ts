/**
 * Cluster labels from class-based TF-IDF (BERTopic's c-TF-IDF): a term's weight in a cluster is its
 * frequency there times log(1 + A / f), A the mean number of terms per cluster and f the term's
 * frequency over all clusters. Privacy rule: a term is eligible only if at least `minUsers` distinct
 * users in that cluster used it, so a rare name used by two people can never surface.
 */
import { createRng, deriveSeed, sampleIndices } from './random.js';
import { labelTerms } from './stop-words.js';

export interface TermCluster {
  clusterId: string;
  members: Int32Array;
}

export interface ClusterTerms {
  clusterId: string;
  /** Most distinctive eligible terms, best first. */
  terms: string[];
  /** Their c-TF-IDF weights. */
  weights: number[];
}

export interface CtfidfOptions {
  minUsers: number;
  seed: number;
  /** Members read per cluster (default 600); larger clusters are sampled. */
  maxMembers?: number;
  /** Terms kept per cluster (default 8). */
  topTerms?: number;
}

export function distinctiveTerms(
  clusters: readonly TermCluster[],
  summaries: readonly string[],
  userOf: Int32Array,
  options: CtfidfOptions,
): ClusterTerms[] {
  const rng = createRng(deriveSeed(options.seed, 'ctfidf'));
  const maxMembers = options.maxMembers ?? 600;
  const perCluster: Map<string, { count: number; users: Set<number> }>[] = [];
  const overall = new Map<string, number>();
  let totalTerms = 0;
  for (const cluster of clusters) {
    const picked = sampleIndices(cluster.members.length, maxMembers, rng);
    const stats = new Map<string, { count: number; users: Set<number> }>();
    for (const p of picked) {
      const i = cluster.members[p];
      for (const term of labelTerms(summaries[i])) {
        let entry = stats.get(term);
        if (!entry) stats.set(term, (entry = { count: 0, users: new Set() }));
        entry.count++;
        entry.users.add(userOf[i]);
        overall.set(term, (overall.get(term) ?? 0) + 1);
        totalTerms++;
      }
    }
    perCluster.push(stats);
  }
  const meanTerms = clusters.length ? totalTerms / clusters.length : 0;
  return clusters.map((cluster, c) => {
    const stats = perCluster[c];
    let clusterTotal = 0;
    for (const entry of stats.values()) clusterTotal += entry.count;
    const scored: { term: string; weight: number }[] = [];
    for (const [term, entry] of stats) {
      if (entry.users.size < options.minUsers) continue;
      const tf = entry.count / Math.max(clusterTotal, 1);
      const weight = tf * Math.log(1 + meanTerms / (overall.get(term) as number));
      scored.push({ term, weight });
    }
    scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    const chosen = dropRedundant(scored, options.topTerms ?? 8);
    return { clusterId: cluster.clusterId, terms: chosen.map((s) => s.term), weights: chosen.map((s) => s.weight) };
  });
}

/** Skip unigrams already inside a chosen bigram (and bigrams whose words are both chosen) to vary the label. */
function dropRedundant(scored: { term: string; weight: number }[], limit: number): { term: string; weight: number }[] {
  const chosen: { term: string; weight: number }[] = [];
  const words = new Set<string>();
  for (const candidate of scored) {
    if (chosen.length >= limit) break;
    const parts = candidate.term.split(' ');
    if (parts.length === 1 && words.has(candidate.term)) continue;
    if (parts.length === 2 && parts.every((p) => words.has(p))) continue;
    chosen.push(candidate);
    parts.forEach((p) => words.add(p));
  }
  return chosen;
}

/** "Kill process, zombie and signal" from the top terms; a neutral name when none is eligible. */
export function nameFromTerms(terms: readonly string[], fallback: string): string {
  const top = terms.slice(0, 3);
  if (top.length === 0) return fallback;
  const joined = top.length === 1 ? top[0] : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

export function describeFromTerms(terms: readonly string[], size: number, users: number): string {
  if (terms.length === 0) return `${size} conversations from ${users} users with no term shared widely enough to name them.`;
  return `Requests most distinctively about ${terms.slice(0, 6).join(', ')} (${size} conversations, ${users} users).`;
}
