/**
 * Privacy-safe example summaries for a cluster's detail view: scrubbed summaries nearest the centre,
 * kept only when every word in them was used by at least `minUsers` distinct users across the data,
 * so a rare name or detail in one person's request can never be shown. Suppressed clusters get none.
 */
import { squaredDistance } from './vector-math.js';

const WORD = /[\p{L}\p{N}]+/gu;

export interface ExampleOptions {
  minUsers: number;
  perCluster: number;
  /** Candidates considered per cluster, nearest the centre first (default 5 × perCluster). */
  candidates?: number;
}

export function pickExamples(
  summaries: readonly string[],
  userOf: Int32Array,
  leafOf: Int32Array,
  embedding: { dim: number; data: Float32Array },
  centroids: Float32Array,
  shown: readonly boolean[],
  options: ExampleOptions,
): string[][] {
  const k = shown.length;
  const want = options.candidates ?? options.perCluster * 5;
  const nearest: { i: number; d: number }[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < leafOf.length; i++) {
    const c = leafOf[i];
    if (!shown[c]) continue;
    const d = squaredDistance(embedding.data, i * embedding.dim, centroids, c * embedding.dim, embedding.dim);
    const list = nearest[c];
    if (list.length < want || d < list[list.length - 1].d) {
      list.push({ i, d });
      list.sort((a, b) => a.d - b.d || a.i - b.i);
      if (list.length > want) list.pop();
    }
  }
  const candidateWords = new Set<string>();
  for (const list of nearest) for (const { i } of list) for (const w of words(summaries[i])) candidateWords.add(w);
  const usersOfWord = countUsers(candidateWords, summaries, userOf, options.minUsers);
  return nearest.map((list) => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const { i } of list) {
      const text = summaries[i];
      if (out.length >= options.perCluster || seen.has(text)) continue;
      if (words(text).every((w) => (usersOfWord.get(w) ?? 0) >= options.minUsers)) {
        out.push(text);
        seen.add(text);
      }
    }
    return out;
  });
}

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Distinct users per word (counting stops at `cap`), for the given words only, in one pass. */
function countUsers(wanted: Set<string>, summaries: readonly string[], userOf: Int32Array, cap: number): Map<string, number> {
  const users = new Map<string, Set<number>>();
  for (let i = 0; i < summaries.length; i++) {
    for (const w of words(summaries[i])) {
      if (!wanted.has(w)) continue;
      let set = users.get(w);
      if (!set) users.set(w, (set = new Set()));
      if (set.size < cap) set.add(userOf[i]);
    }
  }
  return new Map([...users].map(([w, set]) => [w, set.size]));
}
