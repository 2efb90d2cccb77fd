/**
 * Cluster terms from class-based TF-IDF (BERTopic's c-TF-IDF), on document frequencies: a term's weight
 * in a cluster is the share of the cluster's conversations that use it times log(1 + A / f), A the mean
 * number of conversations per cluster and f the number of conversations using the term in all clusters.
 * Phrases (adjacent content-word pairs) get a small bonus and replace their word when most uses of the
 * word are in that phrase, so "blood pressure" beats "blood". Chosen terms never share a word.
 *
 * Privacy rule: a term is eligible only if at least `minUsers` distinct users *in that cluster* used it,
 * so a rare name used by two people can never surface in a label or description.
 */
import { createRng, deriveSeed, sampleIndices } from '../random.js';
import { labelTerms } from '../text/stop-words.js';

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
  /** Share of the cluster's (sampled) conversations that use each term, 0–1. */
  coverage: number[];
  /** Share using at least one of the first i + 1 terms. */
  cumulativeCoverage: number[];
}

export interface CtfidfOptions {
  minUsers: number;
  seed: number;
  /** Members read per cluster (default 600); larger clusters are sampled. */
  maxMembers?: number;
  /** Terms kept per cluster (default 8). */
  topTerms?: number;
}

/** Weight multiplier for two-word phrases: readable names prefer "zombie process" over "zombie". */
const PHRASE_BONUS = 1.25;
/** A word is shown as its phrase when at least this share of the word's uses are in that phrase. */
const PHRASE_SHARE = 0.6;
/** Eligible terms (by c-TF-IDF weight) the greedy choice looks at per cluster. */
const CANDIDATES = 60;

interface TermStats {
  docs: number;
  users: Set<number>;
}

/**
 * The most distinctive eligible terms of each cluster, against all the clusters given (one level).
 * @example
 * const [terms] = distinctiveTerms([{ clusterId: 'L0-000', members }], summaries, userOf, { minUsers: 5, seed: 1 });
 * terms.terms; // e.g. ['zombie process', 'sudo', 'cron']
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
        if (!entry) stats.set(term, (entry = { docs: 0, users: new Set() }));
        entry.docs++;
        // Only "at least minUsers" matters: stop collecting there to bound memory.
        if (entry.users.size < options.minUsers) entry.users.add(userOf[i]);
        overall.set(term, (overall.get(term) ?? 0) + 1);
      }
    }
    perCluster.push({ stats, docs });
  }
  const meanDocs = clusters.length ? perCluster.reduce((a, b) => a + b.docs.length, 0) / clusters.length : 0;
  return clusters.map((cluster, c) => {
    const { stats, docs } = perCluster[c];
    perCluster[c] = { stats: new Map(), docs: [] }; // free as we go
    const docCount = Math.max(docs.length, 1);
    const scored: Scored[] = [];
    for (const [term, entry] of stats) {
      if (entry.users.size < options.minUsers) continue;
      const idf = Math.log(1 + meanDocs / (overall.get(term) as number)) * (term.includes(' ') ? PHRASE_BONUS : 1);
      const share = entry.docs / docCount;
      scored.push({ term, share, idf, weight: share * idf });
    }
    scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const chosen = chooseTerms(scored.slice(0, CANDIDATES), docs, options.topTerms ?? 8);
    return { clusterId: cluster.clusterId, ...chosen };
  });
}

interface Scored {
  term: string;
  share: number;
  idf: number;
  weight: number;
}

/**
 * Greedy, best first: each round takes the term with the highest idf × (share of conversations no chosen
 * term covers yet + ¼ × share already covered), so the terms together describe as much of the cluster as
 * possible. Each word appears at most once; a word whose uses are mostly in one phrase is shown as that
 * phrase ("pressure" → "blood pressure").
 */
function chooseTerms(candidates: readonly Scored[], docs: readonly string[][], limit: number): Omit<ClusterTerms, 'clusterId'> {
  const index = new Map(candidates.map((s, i) => [s.term, i]));
  const docsOf: number[][] = candidates.map(() => []);
  docs.forEach((terms, d) => terms.forEach((t) => index.has(t) && docsOf[index.get(t) as number].push(d)));
  const phraseOf = new Map<string, number>();
  candidates.forEach((s, i) => {
    if (!s.term.includes(' ')) return;
    for (const word of s.term.split(' ')) {
      const current = phraseOf.get(word);
      if (current === undefined || s.share > candidates[current].share) phraseOf.set(word, i);
    }
  });
  const covered = new Uint8Array(docs.length);
  let coveredCount = 0;
  const usedWords = new Set<string>();
  const out: Omit<ClusterTerms, 'clusterId'> = { terms: [], weights: [], coverage: [], cumulativeCoverage: [] };
  const docCount = Math.max(docs.length, 1);
  while (out.terms.length < limit) {
    let best = -1;
    let bestGain = 0;
    candidates.forEach((s, i) => {
      if (s.term.split(' ').some((w) => usedWords.has(w))) return;
      let fresh = 0;
      for (const d of docsOf[i]) if (!covered[d]) fresh++;
      const gain = (s.idf * (fresh + 0.25 * (docsOf[i].length - fresh))) / docCount;
      if (gain > bestGain + 1e-12) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    const phrase = candidates[best].term.includes(' ') ? undefined : phraseOf.get(candidates[best].term);
    if (phrase !== undefined && candidates[phrase].share >= PHRASE_SHARE * candidates[best].share &&
      !candidates[phrase].term.split(' ').some((w) => usedWords.has(w))) best = phrase;
    const pick = candidates[best];
    for (const d of docsOf[best]) if (!covered[d]) (covered[d] = 1), coveredCount++;
    pick.term.split(' ').forEach((w) => usedWords.add(w));
    out.terms.push(pick.term);
    out.weights.push(bestGain);
    out.coverage.push(pick.share);
    out.cumulativeCoverage.push(coveredCount / docCount);
  }
  return out;
}

/**
 * Share of `members` whose summary uses each term, and the share using at least one of them (reads at
 * most `maxMembers`, evenly spaced, so it is deterministic without a seed).
 * @example
 * termCoverage(members, summaries, ['kill', 'sudo']); // { each: [0.48, 0.2], any: 0.6 }
 */
export function termCoverage(members: Int32Array, summaries: readonly string[], terms: readonly string[], maxMembers = 5000): { each: number[]; any: number } {
  const step = Math.max(1, members.length / maxMembers);
  const each = new Array<number>(terms.length).fill(0);
  let any = 0;
  let read = 0;
  for (let p = 0; p < members.length; p += step) {
    const used = new Set(labelTerms(summaries[members[Math.floor(p)]] ?? ''));
    read++;
    let hit = false;
    terms.forEach((t, j) => {
      if (used.has(t)) {
        each[j]++;
        hit = true;
      }
    });
    if (hit) any++;
  }
  const n = Math.max(read, 1);
  return { each: each.map((c) => c / n), any: any / n };
}

/** How many of `terms` a name shows: at most three, and no more than about six words. */
export function nameTermCount(terms: readonly string[]): number {
  let count = 0;
  let words = 0;
  for (const term of terms) {
    const n = term.split(' ').length;
    if (count >= 3 || (count >= 2 && words + n > 6)) break;
    count++;
    words += n;
  }
  return count;
}

/**
 * A short readable name from the top terms: "Zombie process, sudo and cron"; `fallback` when no term is
 * eligible.
 * @example
 * nameFromTerms(['blood pressure', 'sleep'], 'Unnamed'); // 'Blood pressure and sleep'
 */
export function nameFromTerms(terms: readonly string[], fallback: string): string {
  const top = terms.slice(0, nameTermCount(terms));
  if (top.length === 0) return fallback;
  const joined = top.length === 1 ? top[0] : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/**
 * One line a reviewer can check: how many of the named conversations use the name's terms (together and
 * each), then a few more distinctive terms. Only eligible terms appear, so it obeys the label privacy
 * rule. (Sizes and user counts are in the cluster record itself.)
 * @example
 * describeFromTerms(['blood pressure', 'sleep', 'diet', 'salt'], { each: [0.6, 0.3, 0.1], any: 0.8 });
 * // '80% mention blood pressure (60%), sleep (30%) or diet (10%); related: salt.'
 */
export function describeFromTerms(terms: readonly string[], coverage: { each: readonly number[]; any: number }): string {
  if (terms.length === 0) return 'No term is shared by enough users to name these conversations.';
  const shown = nameTermCount(terms);
  const percent = (x: number) => `${Math.max(1, Math.round(x * 100))}%`;
  const named = terms.slice(0, shown).map((t, i) => `${t} (${percent(coverage.each[i] ?? 0)})`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
  const related = terms.slice(shown, shown + 3);
  return `${percent(coverage.any)} mention ${list}${related.length ? `; related: ${related.join(', ')}` : ''}.`;
}
