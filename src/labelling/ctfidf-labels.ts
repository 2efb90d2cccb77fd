/**
 * Cluster terms for offline names, from document frequencies. A term's weight in a cluster is the share of
 * the cluster's conversations that use it times log(lift), lift being that share over the term's share in
 * all the clusters given: a term most of the cluster uses and few outside it leads. Terms are words and
 * short phrases (src/text/label-terms.ts); a term is shown as a longer phrase holding it when most of its
 * uses are in that phrase, so "process" becomes "kill a zombie process". Chosen terms never share a word.
 *
 * Privacy rule: a term is eligible only if at least `minUsers` distinct users *in that cluster* used it,
 * so a rare name used by two people can never surface in a label or description.
 */
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { holdsTerm, keyWords, labelTerms } from '../text/label-terms.js';

export interface TermCluster {
  clusterId: string;
  members: Int32Array;
}

export interface ClusterTerms {
  clusterId: string;
  /** The head of the name (the most distinctive eligible term), then the other chosen terms, most used first. */
  terms: string[];
  /** Share of the cluster's (sampled) conversations that use each term, 0–1. */
  coverage: number[];
}

export interface CtfidfOptions {
  minUsers: number;
  seed: number;
  /** Members read per cluster (default 600); larger clusters are sampled. */
  maxMembers?: number;
  /** Terms kept per cluster (default 8). */
  topTerms?: number;
}

/** Least distinctiveness (log lift) a term counts with, so a cluster as common as the rest still gets named. */
const MIN_DISTINCTIVENESS = 0.05;
/** A term is shown as a phrase holding it when the phrase has at least this share of the term's uses. */
const PHRASE_SHARE = 0.6;
/** A phrase grows again ("kill a zombie" → "kill a zombie process") when it keeps this share of its uses. */
const GROW_SHARE = 0.85;
/** Eligible terms (by weight) the greedy choice looks at per cluster. */
const CANDIDATES = 200;

interface TermStats {
  docs: number;
  /** Distinct users, collected up to minUsers. */
  users: number[];
}

interface Scored {
  term: string;
  share: number;
  distinctiveness: number;
  weight: number;
}

/**
 * The most distinctive eligible terms of each cluster, against all the clusters given (one level).
 * @example
 * const [terms] = distinctiveTerms([{ clusterId: 'L0-000', members }], summaries, userOf, { minUsers: 5, seed: 1 });
 * terms.terms; // e.g. ['kill a zombie process', 'sudo', 'cron']
 */
export function distinctiveTerms(
  clusters: readonly TermCluster[],
  summaries: readonly string[],
  userOf: Int32Array,
  options: CtfidfOptions,
): ClusterTerms[] {
  const rng = createRng(deriveSeed(options.seed, 'ctfidf'));
  const maxMembers = options.maxMembers ?? 600;
  const perCluster: { stats: Map<string, TermStats>; docs: string[][] }[] = [];
  const overall = new Map<string, number>();
  let totalDocs = 0;
  for (const cluster of clusters) {
    const picked = sampleIndices(cluster.members.length, maxMembers, rng);
    const stats = new Map<string, TermStats>();
    const docs: string[][] = [];
    for (const p of picked) {
      const i = cluster.members[p];
      const terms = labelTerms(summaries[i] ?? '');
      docs.push(terms);
      for (const term of terms) {
        let entry = stats.get(term);
        if (!entry) stats.set(term, (entry = { docs: 0, users: [] }));
        entry.docs++;
        if (entry.users.length < options.minUsers && !entry.users.includes(userOf[i])) entry.users.push(userOf[i]);
        overall.set(term, (overall.get(term) ?? 0) + 1);
      }
    }
    totalDocs += docs.length;
    perCluster.push({ stats, docs });
  }
  return clusters.map((cluster, c) => {
    const { stats, docs } = perCluster[c];
    perCluster[c] = { stats: new Map(), docs: [] }; // free as we go
    const docCount = Math.max(docs.length, 1);
    const scored: Scored[] = [];
    for (const [term, entry] of stats) {
      if (entry.users.length < options.minUsers) continue;
      const share = entry.docs / docCount;
      const lift = share / ((overall.get(term) as number) / totalDocs);
      const distinctiveness = Math.max(Math.log(lift), MIN_DISTINCTIVENESS);
      scored.push({ term, share, distinctiveness, weight: share * distinctiveness });
    }
    scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const chosen = chooseTerms(scored.slice(0, CANDIDATES), docs, options.topTerms ?? 8);
    return { clusterId: cluster.clusterId, ...chosen };
  });
}

/**
 * Greedy, best first: each round takes the term with the highest distinctiveness × (share of conversations
 * no chosen term covers yet + ¼ × share already covered), so the terms together describe as much of the
 * cluster as possible, then shows it as the phrase that holds it, if any. Each key word appears once. The
 * first term chosen is the head; the others are returned most used first.
 */
function chooseTerms(candidates: readonly Scored[], docs: readonly string[][], limit: number): Omit<ClusterTerms, 'clusterId'> {
  const index = new Map(candidates.map((s, i) => [s.term, i]));
  const docsOf: number[][] = candidates.map(() => []);
  docs.forEach((terms, d) => terms.forEach((t) => index.has(t) && docsOf[index.get(t) as number].push(d)));
  const covered = new Uint8Array(docs.length);
  const usedWords = new Set<string>();
  const free = (i: number) => !keyWords(candidates[i].term).some((w) => usedWords.has(w));
  const picks: number[] = [];
  const docCount = Math.max(docs.length, 1);
  while (picks.length < limit) {
    let best = -1;
    let bestGain = 0;
    candidates.forEach((s, i) => {
      if (!free(i)) return;
      let fresh = 0;
      for (const d of docsOf[i]) if (!covered[d]) fresh++;
      const gain = (s.distinctiveness * (fresh + 0.25 * (docsOf[i].length - fresh))) / docCount;
      if (gain > bestGain + 1e-12) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    const pick = grownPhrase(best, candidates, free);
    for (const d of docsOf[pick]) covered[d] = 1;
    keyWords(candidates[pick].term).forEach((w) => usedWords.add(w));
    picks.push(pick);
  }
  const ordered = [...picks.slice(0, 1), ...picks.slice(1).sort((a, b) => candidates[b].share - candidates[a].share)];
  return { terms: ordered.map((i) => candidates[i].term), coverage: ordered.map((i) => candidates[i].share) };
}

/**
 * The phrase that holds candidate `start` and keeps most of its uses ({@link PHRASE_SHARE}), grown again
 * while a longer one keeps {@link GROW_SHARE} of the last; `start` itself when none does.
 */
function grownPhrase(start: number, candidates: readonly Scored[], free: (i: number) => boolean): number {
  let current = start;
  for (let ratio = PHRASE_SHARE; ; ratio = GROW_SHARE) {
    let next = -1;
    candidates.forEach((s, i) => {
      if (!holdsTerm(s.term, candidates[current].term) || s.share < ratio * candidates[current].share || !free(i)) return;
      const better = next < 0 || s.share > candidates[next].share || (s.share === candidates[next].share && s.term.length > candidates[next].term.length);
      if (better) next = i;
    });
    if (next < 0) return current;
    current = next;
  }
}
