/**
 * The text a conversation's facets are drawn from: the turns of the side the classifier judged (the
 * user's turns for a prompt classifier, the assistant's for a response classifier, both for a
 * conversation classifier), bounded by a word budget. A long turn keeps its start and its end — role-play
 * set-ups and pasted documents often say what they want only at the end — and every turn gets a fair share
 * of the budget, so one pasted document cannot crowd out the rest.
 */

/** Which side of the conversation the classifiers judged. */
export type JudgedSide = 'prompt' | 'response' | 'conversation';
export const JUDGED_SIDES: readonly JudgedSide[] = ['prompt', 'response', 'conversation'];

/** Words of conversation text that facets are drawn from. */
export const FACET_WORD_BUDGET = 160;
/** Share of a cut turn's words kept from its start; the rest come from its end. */
const HEAD_SHARE = 2 / 3;
/** Placed where words were cut out of a turn. */
export const CUT_MARK = '…';

export interface Turn {
  role: string;
  content: string;
}

const ROLES_OF: Record<JudgedSide, readonly string[]> = {
  prompt: ['user'],
  response: ['assistant'],
  conversation: ['user', 'assistant'],
};

/**
 * The turns a facet is drawn from, in order: those of the judged side, else (when the conversation has
 * none, e.g. a single judged text) every user or assistant turn. System and tool turns never count as the
 * request.
 * @example
 * judgedTurns([{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], 'response'); // [{ role: 'assistant', content: 'a' }]
 */
export function judgedTurns<T extends Turn>(turns: readonly T[], side: JudgedSide): T[] {
  const wanted = ROLES_OF[side];
  const picked = turns.filter((t) => wanted.includes(t.role) && t.content.trim() !== '');
  if (picked.length) return picked;
  return turns.filter((t) => (t.role === 'user' || t.role === 'assistant') && t.content.trim() !== '');
}

/**
 * Words each turn may keep so that the total stays within `budget`: every turn gets an equal share,
 * and what short turns leave unused goes to the longer ones (water-filling).
 * @example
 * turnBudgets([10, 500, 40], 160); // [10, 110, 40]
 */
export function turnBudgets(lengths: readonly number[], budget: number): number[] {
  const out = lengths.map(() => 0);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  let left = budget;
  order.forEach((turn, rank) => {
    const share = Math.floor(left / (order.length - rank));
    out[turn] = Math.min(lengths[turn], share);
    left -= out[turn];
  });
  return out;
}

/**
 * `words` cut to `keep` words: the first two thirds and the last third, with {@link CUT_MARK} between.
 * @example
 * keepStartAndEnd(['a', 'b', 'c', 'd', 'e', 'f'], 3); // ['a', 'b', '…', 'f']
 */
export function keepStartAndEnd(words: readonly string[], keep: number): string[] {
  if (words.length <= keep) return [...words];
  if (keep <= 0) return [];
  const head = Math.ceil(keep * HEAD_SHARE);
  const tail = keep - head;
  return [...words.slice(0, head), CUT_MARK, ...(tail > 0 ? words.slice(words.length - tail) : [])];
}

/**
 * The judged text of a conversation within the word budget, turns separated by blank lines.
 * @example
 * facetText([{ role: 'user', content: 'Write a story' }, { role: 'assistant', content: 'Once…' }], 'prompt'); // 'Write a story'
 */
export function facetText(turns: readonly Turn[], side: JudgedSide, budget = FACET_WORD_BUDGET): string {
  const words = judgedTurns(turns, side).map((t) => t.content.split(/\s+/).filter((w) => w !== ''));
  const budgets = turnBudgets(words.map((w) => w.length), budget);
  return words
    .map((w, i) => keepStartAndEnd(w, budgets[i]).join(' '))
    .filter((text) => text !== '')
    .join('\n\n');
}
