/**
 * Privacy-safe examples for a cluster's detail view, never raw conversation text. For each shown leaf,
 * the members nearest its centre are condensed:
 * - `keywords` (default; offline facets, whose summary is a near-copy of the first user turn): the
 *   content words in order, each used by ≥ `minUsers` distinct users across the data, deduplicated;
 *   two adjacent words stay together as a phrase only when that pair, too, was used by ≥ `minUsers`
 *   users (so no run of words specific to one request survives); phrases joined by " · ", 3–12 words,
 *   then PII-scrubbed;
 * - `summaries` (only for abstractive facets, e.g. Claude's): the summary itself, kept only when every
 *   word in it was used by ≥ `minUsers` distinct users, and scrubbed.
 * Suppressed clusters get none, so no text from a small group of users is ever shown.
 */
import { scrubPii } from '../text/scrub.js';
import { isContentWord, textWords } from '../text/stop-words.js';
import { squaredDistance } from '../clustering/vector-math.js';

export type ExampleSource = 'keywords' | 'summaries';

export interface ExampleOptions {
  minUsers: number;
  /** At most this many examples per cluster (default setting: 10). */
  perCluster: number;
  /** What an example is made of (default `keywords`; `summaries` only for abstractive facets). */
  source?: ExampleSource;
  /** Candidates considered per cluster, nearest the centre first (default 5 × perCluster). */
  candidates?: number;
  /** Conversations never shown as an example (e.g. whose summary is a fallback, not the model's). */
  exclude?: ReadonlySet<number>;
}

/** Words kept per keyword example. */
export const MAX_EXAMPLE_WORDS = 12;
/** Fewer words than this say too little to be worth showing. */
export const MIN_EXAMPLE_WORDS = 3;
export const PHRASE_SEPARATOR = ' · ';

/**
 * Example texts per leaf cluster (index = leaf index; empty for clusters not `shown`).
 * @example
 * pickExamples(summaries, userOf, leafOf, embedding, centroids, [true, false], { minUsers: 5, perCluster: 10 });
 * // [['kill · zombie process · ubuntu', …], []]
 */
export function pickExamples(
  summaries: readonly string[],
  userOf: Int32Array,
  leafOf: Int32Array,
  embedding: { dim: number; data: Float32Array },
  centroids: Float32Array,
  shown: readonly boolean[],
  options: ExampleOptions,
): string[][] {
  if (options.perCluster <= 0) return shown.map(() => []);
  const nearest = nearestMembers(leafOf, embedding, centroids, shown, options.candidates ?? options.perCluster * 5, options.exclude);
  const condense = options.source === 'summaries' ? wholeSummary : keywordCondensation;
  const candidateTerms = new Set<string>();
  for (const list of nearest) for (const i of list) for (const t of terms(summaries[i])) candidateTerms.add(t);
  const usersOfTerm = countUsers(candidateTerms, summaries, userOf, options.minUsers);
  const common = (term: string) => (usersOfTerm.get(term) ?? 0) >= options.minUsers;
  return nearest.map((list) => {
    const out: string[] = [];
    for (const i of list) {
      if (out.length >= options.perCluster) break;
      const text = condense(summaries[i] ?? '', common);
      if (text !== null && !out.includes(text)) out.push(text);
    }
    return out;
  });
}

/**
 * Content words of `summary` in order, each once, only those `common` says enough users used; two adjacent
 * kept words form a phrase when `common` also accepts the pair ("zombie process"), and phrases never grow
 * past two words. Null when fewer than {@link MIN_EXAMPLE_WORDS} words survive or the scrubber would
 * change the result.
 * @example
 * keywordCondensation('Quick question: how do I kill a zombie process on Ubuntu? ty', () => true);
 * // 'kill · zombie process · ubuntu'
 */
export function keywordCondensation(summary: string, common: (word: string) => boolean): string | null {
  const phrases: string[][] = [];
  const seen = new Set<string>();
  let current: string[] = [];
  let count = 0;
  for (const w of textWords(summary)) {
    const keep = w !== null && isContentWord(w) && !seen.has(w) && common(w) && count < MAX_EXAMPLE_WORDS;
    if (!keep) {
      if (current.length) phrases.push(current);
      current = [];
      continue;
    }
    if (current.length === 1 && common(`${current[0]} ${w}`)) {
      current.push(w);
    } else {
      if (current.length) phrases.push(current);
      current = [w];
    }
    seen.add(w);
    count++;
  }
  if (current.length) phrases.push(current);
  if (count < MIN_EXAMPLE_WORDS) return null;
  const text = phrases.map((p) => p.join(' ')).join(PHRASE_SEPARATOR);
  return scrubPii(text) === text ? text : null;
}

/** The (abstractive) summary itself when every word in it is common; scrubbed. */
function wholeSummary(summary: string, common: (word: string) => boolean): string | null {
  const text = scrubPii(summary.trim());
  if (text === '' || !words(text).every(common)) return null;
  return text;
}

/** Up to `want` members of each shown leaf and not excluded, nearest its centroid first (ties: lower index). */
function nearestMembers(
  leafOf: Int32Array,
  embedding: { dim: number; data: Float32Array },
  centroids: Float32Array,
  shown: readonly boolean[],
  want: number,
  exclude: ReadonlySet<number> = new Set(),
): number[][] {
  const nearest: { i: number; d: number }[][] = shown.map(() => []);
  for (let i = 0; i < leafOf.length; i++) {
    const c = leafOf[i];
    if (!shown[c] || exclude.has(i)) continue;
    const d = squaredDistance(embedding.data, i * embedding.dim, centroids, c * embedding.dim, embedding.dim);
    const list = nearest[c];
    if (list.length < want || d < list[list.length - 1].d) {
      list.push({ i, d });
      list.sort((a, b) => a.d - b.d || a.i - b.i);
      if (list.length > want) list.pop();
    }
  }
  return nearest.map((list) => list.map((x) => x.i));
}

/** Every word of a text, lower-cased (the unit of the distinct-user rule). */
function words(text: string): string[] {
  return textWords(text).filter((w): w is string => w !== null);
}

/**
 * Every word and every pair of directly adjacent words ("zombie process") of a text; with `pairStarts`, only
 * the pairs whose first word is one of them (the rest are never put together).
 */
function terms(text: string, pairStarts?: ReadonlySet<string>): string[] {
  const sequence = textWords(text);
  const out: string[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const w = sequence[i];
    if (w === null) continue;
    out.push(w);
    const next = sequence[i + 1];
    if (next !== null && next !== undefined && (!pairStarts || pairStarts.has(w))) out.push(`${w} ${next}`);
  }
  return out;
}

/**
 * Distinct users per term (counting stops at `cap`), for the given terms only, in one pass over all texts.
 * A pair of words is put together only after a word that starts a wanted pair (most words start none).
 */
function countUsers(wanted: Set<string>, summaries: readonly string[], userOf: Int32Array, cap: number): Map<string, number> {
  const pairStarts = new Set<string>();
  for (const term of wanted) {
    const space = term.indexOf(' ');
    if (space > 0) pairStarts.add(term.slice(0, space));
  }
  const users = new Map<string, Set<number>>();
  for (let i = 0; i < summaries.length; i++) {
    for (const term of terms(summaries[i] ?? '', pairStarts)) {
      if (!wanted.has(term)) continue;
      let set = users.get(term);
      if (!set) users.set(term, (set = new Set()));
      if (set.size < cap) set.add(userOf[i]);
    }
  }
  return new Map([...users].map(([w, set]) => [w, set.size]));
}
