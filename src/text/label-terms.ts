/**
 * The candidate terms of cluster names: content words, and phrases of 2–4 adjacent words that may hold
 * articles, prepositions, pronouns, "and", "or" and quantifiers inside ("kill a process", "tell me a
 * joke", "write a short story", "abide by the rules"). A phrase ends on a content word, opens on a content word or a request verb
 * ("write a story", "make a bomb"), never spans punctuation, placeholders or request boilerplate, and
 * stays short, so a name never quotes a long run of anyone's words. Other function words ("who",
 * "always", "but") end a phrase: what follows them is another thought ("a grandmother who told").
 */
import { isContentWord, textWords } from './stop-words.js';

export const MAX_PHRASE_WORDS = 4;
/** Longest phrase in characters: far below the 40 characters at which a piece of text identifies its source. */
export const MAX_PHRASE_CHARS = 32;

/** Request verbs, stop words on their own, that may open a phrase: "write a story", "give me a recipe". */
export const LEAD_VERBS: ReadonlySet<string> = new Set([
  'write', 'make', 'create', 'generate', 'describe', 'explain', 'list', 'tell', 'show', 'give', 'find', 'provide',
  'suggest', 'recommend', 'summarize', 'summarise',
]);

/** Function words a phrase may hold inside: articles, prepositions, pronouns, "and", "or", quantifiers. */
const GLUE_WORDS: ReadonlySet<string> = new Set(
  `a an the of to for about with without in on at by from into onto over under after before between against
among through during as and or me my your his her its our their them him us you it this that these those
some any all every each other another more most few many much short good best new simple little`.split(/\s+/),
);

/** True for a word a phrase may open with: a content word or a request verb. */
export function opensPhrase(word: string): boolean {
  return isContentWord(word) || LEAD_VERBS.has(word);
}

/**
 * Distinct label terms of one text, lower-cased, in first-seen order: each content word, then the phrases
 * that start at it.
 * @example
 * labelTerms('Quick question: how do I kill a zombie process? Thanks in advance');
 * // ['kill', 'kill a zombie', 'kill a zombie process', 'zombie', 'zombie process', 'process']
 */
export function labelTerms(text: string): string[] {
  const words = textWords(text);
  const terms = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    if (first === null) continue;
    if (isContentWord(first)) terms.add(first);
    if (!opensPhrase(first)) continue;
    let phrase = first;
    for (let j = i + 1; j < i + MAX_PHRASE_WORDS && j < words.length; j++) {
      const next = words[j];
      if (next === null || !(isContentWord(next) || GLUE_WORDS.has(next))) break;
      phrase += ` ${next}`;
      if (phrase.length > MAX_PHRASE_CHARS) break;
      if (isContentWord(next) && !cutShort(words, i, j, phrase)) terms.add(phrase);
    }
  }
  return [...terms];
}

/**
 * True when the phrase of words i..j could not take the content word after it ("front of the whole"
 * before "class"): it stops mid-thought only because a phrase may not be longer.
 */
function cutShort(words: readonly (string | null)[], i: number, j: number, phrase: string): boolean {
  const after = words[j + 1];
  if (after === null || after === undefined || !isContentWord(after)) return false;
  return j - i + 1 >= MAX_PHRASE_WORDS || phrase.length + 1 + after.length > MAX_PHRASE_CHARS;
}

/**
 * The words that say what a term is about (its content words and request verbs, plurals as their
 * singular); two terms that share one say the same thing twice.
 * @example
 * keyWords('tell me jokes'); // ['tell', 'joke']
 */
export function keyWords(term: string): string[] {
  return term.split(' ').filter(opensPhrase).map(singular);
}

/** "stories" → "story", "jokes" → "joke", "women" → "woman"; "process" and short words stay. */
function singular(word: string): string {
  if (word.endsWith('men')) return `${word.slice(0, -3)}man`;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * True when `phrase` holds `term` as consecutive words ("kill a zombie process" holds "zombie process").
 * @example
 * holdsTerm('kill a zombie process', 'zombie process'); // true
 */
export function holdsTerm(phrase: string, term: string): boolean {
  return phrase !== term && ` ${phrase} `.includes(` ${term} `);
}
