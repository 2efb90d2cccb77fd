/**
 * Names and descriptions from a cluster's terms (best first) and the share of its conversations that use
 * each. The name leads with the head term; another term joins it only when it, too, is in a fair share of
 * the conversations. A cluster whose head is in fewer than {@link MIXED_BELOW} of its conversations has no
 * dominant theme and is named "Mixed: …". The description states each shown term's share in plain words.
 * Only the terms given appear, so a name obeys the label privacy rule whenever its terms do.
 */
import { LEAD_VERBS } from '../text/label-terms.js';

/** A head term in fewer than this share of a cluster's conversations makes the cluster "Mixed: …". */
export const MIXED_BELOW = 0.2;
/** A term after the head joins the name only when at least this share of the conversations use it. */
export const NAME_TERM_SHARE = 0.1;
/** Terms a name shows at most, and words. */
const NAME_TERMS = 3;
const NAME_WORDS = 8;
/** Terms the description lists after the name's. */
const RELATED_TERMS = 3;

export interface TermShares {
  /** Terms, best first. */
  terms: readonly string[];
  /** Share (0–1) of the cluster's conversations that use each term. */
  each: readonly number[];
}

/** True when the head term is in fewer than {@link MIXED_BELOW} of the conversations. */
export function isMixed(shares: TermShares): boolean {
  return shares.terms.length > 0 && (shares.each[0] ?? 0) < MIXED_BELOW;
}

/**
 * How many of the terms a name shows: the head, then each next term in at least {@link NAME_TERM_SHARE}
 * of the conversations (any term, for a mixed cluster), at most three terms and about eight words.
 */
export function nameTermCount(shares: TermShares): number {
  const mixed = isMixed(shares);
  let count = 0;
  let words = 0;
  for (const [i, term] of shares.terms.entries()) {
    const n = term.split(' ').length;
    if (count >= NAME_TERMS || (count > 0 && words + n > NAME_WORDS)) break;
    if (count > 0 && !mixed && (shares.each[i] ?? 0) < NAME_TERM_SHARE) break;
    count++;
    words += n;
  }
  return count;
}

/**
 * A short readable name: "Kill a zombie process and sudo", "Mixed: guess, fun and today"; `fallback`
 * when there is no term.
 * @example
 * nameFromTerms({ terms: ['blood pressure', 'sleep', 'salt'], each: [0.6, 0.3, 0.05] }, 'Unnamed'); // 'Blood pressure and sleep'
 */
export function nameFromTerms(shares: TermShares, fallback: string): string {
  const top = shares.terms.slice(0, nameTermCount(shares));
  if (top.length === 0) return fallback;
  const joined = top.length === 1 ? top[0] : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  return isMixed(shares) ? `Mixed: ${joined}` : joined.charAt(0).toUpperCase() + joined.slice(1);
}

const percent = (x: number) => `${Math.max(1, Math.round(x * 100))}%`;
/** "ask to 'write a story'" for a request, "mention 'zombie'" otherwise. */
const uses = (term: string) => `${LEAD_VERBS.has(term.split(' ')[0]) ? 'ask to' : 'mention'} '${term}'`;

/**
 * One line a reviewer can check: the share of the conversations that use each of the name's terms, then
 * a few related terms with theirs.
 * @example
 * describeFromTerms({ terms: ['kill a process', 'zombie', 'cron'], each: [0.61, 0.24, 0.05] });
 * // "61% of its conversations mention 'kill a process'; 24% mention 'zombie'. Related: 'cron' (5%)."
 */
export function describeFromTerms(shares: TermShares): string {
  const { terms, each } = shares;
  if (terms.length === 0) return 'No term is shared by enough users to name these conversations.';
  const shown = nameTermCount(shares);
  const share = (i: number) => percent(each[i] ?? 0);
  const clauses = terms.slice(0, shown).map((t, i) => `${share(i)}${i === 0 ? ' of its conversations' : ''} ${uses(t)}`);
  const related = terms.slice(shown, shown + RELATED_TERMS).map((t, j) => `'${t}' (${share(shown + j)})`);
  const lead = isMixed(shares) ? `No dominant theme (the leading term is in under ${percent(MIXED_BELOW)}): ` : '';
  return `${lead}${clauses.join('; ')}.${related.length ? ` Related: ${related.join(', ')}.` : ''}`;
}
