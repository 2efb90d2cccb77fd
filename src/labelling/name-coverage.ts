/**
 * How well a name tells a reviewer what a cluster is: the share of the cluster's conversations whose
 * summary contains the name's head phrase (its first term) as adjacent words. A name whose head phrase
 * most members share says what the cluster is about; one whose head only a few use does not.
 */
import { textWords } from '../text/stop-words.js';

/**
 * True when `words` holds `phrase` as consecutive words (a break, `null`, never matches).
 * @example
 * containsPhrase(textWords('How do I kill a zombie process?'), ['kill', 'a', 'zombie']); // true
 */
export function containsPhrase(words: readonly (string | null)[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let j = 0;
    while (j < phrase.length && words[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}

/**
 * Share of `members` whose summary contains `phrase` (0 when there are no members or the phrase has no word).
 * @example
 * headPhraseCoverage([0, 1, 2, 3], summaries, 'kill a process'); // 0.5 when two of the four use it
 */
export function headPhraseCoverage(members: ArrayLike<number>, summaries: readonly string[], phrase: string): number {
  const wanted = textWords(phrase).filter((w): w is string => w !== null);
  if (members.length === 0 || wanted.length === 0) return 0;
  let hits = 0;
  for (let p = 0; p < members.length; p++) if (containsPhrase(textWords(summaries[members[p]] ?? ''), wanted)) hits++;
  return hits / members.length;
}

/**
 * The head phrase of a named cluster: its first term, when the name shows it; null for a cluster named
 * without terms (a fallback name).
 * @example
 * headPhrase('Mixed: guess, fun and today', ['guess', 'fun', 'today']); // 'guess'
 */
export function headPhrase(name: string, terms: readonly string[]): string | null {
  const head = terms[0];
  return head !== undefined && name.toLowerCase().includes(head.toLowerCase()) ? head : null;
}

/**
 * The median of `values`, null when empty.
 * @example
 * median([0.2, 0.9, 0.5]); // 0.5
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
