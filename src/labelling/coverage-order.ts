/**
 * Terms chosen among candidates to cover as many of a cluster's conversations as possible: a parent's name
 * should say what its conversations use most, then what the rest of them use, rather than three words the
 * same conversations share.
 */
import { keyWords, labelTerms } from '../text/label-terms.js';
import type { TermShares } from './term-names.js';

/**
 * Each round takes the candidate used by the most conversations no chosen term covers yet (+ ¼ × those
 * already covered), skipping one that repeats a chosen term's key word; earlier candidates win ties. Reads
 * at most `maxMembers` members, evenly spaced, so it is deterministic without a seed.
 * @example
 * coverageOrder(members, summaries, ['story', 'homework', 'exact steps'], 8);
 * // { terms: ['story', 'homework', 'exact steps'], each: [0.29, 0.22, 0.25] }
 */
export function coverageOrder(
  members: Int32Array,
  summaries: readonly string[],
  candidates: readonly string[],
  limit: number,
  maxMembers = 5000,
): TermShares {
  const index = new Map(candidates.map((t, i) => [t, i]));
  const docsOf: number[][] = candidates.map(() => []);
  const step = Math.max(1, members.length / maxMembers);
  let read = 0;
  for (let p = 0; p < members.length; p += step, read++) {
    for (const term of labelTerms(summaries[members[Math.floor(p)]] ?? '')) {
      const i = index.get(term);
      if (i !== undefined) docsOf[i].push(read);
    }
  }
  const covered = new Uint8Array(read);
  const usedWords = new Set<string>();
  const out: { terms: string[]; each: number[] } = { terms: [], each: [] };
  while (out.terms.length < limit) {
    let best = -1;
    let bestGain = 0;
    candidates.forEach((term, i) => {
      if (keyWords(term).some((w) => usedWords.has(w))) return;
      let fresh = 0;
      for (const d of docsOf[i]) if (!covered[d]) fresh++;
      const gain = fresh + 0.25 * (docsOf[i].length - fresh);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    for (const d of docsOf[best]) covered[d] = 1;
    keyWords(candidates[best]).forEach((w) => usedWords.add(w));
    out.terms.push(candidates[best]);
    out.each.push(docsOf[best].length / Math.max(read, 1));
  }
  return out;
}
