/**
 * Offline language detection for the `language` facet: ISO 639-3 codes from `franc`, restricted to languages
 * common in assistant traffic, with a fast English path (most traffic, and where franc is weakest: on short
 * English prompts it often answers Danish or Scots).
 */
import { createTrigramRanker } from './trigram-ranker.js';

/** franc looks at no more than this many characters (it is the slow part of facet extraction). */
export const LANGUAGE_SAMPLE_CHARS = 300;
/** franc's own minimum sample length (characters). */
export const LANGUAGE_MIN_CHARS = 10;
/**
 * Samples with fewer letters are 'und': on 10–20 letters franc's trigram guess is close to random
 * ("write a poem" → por, "tell me a joke" → hun, "hola amigo" → swh).
 */
export const LANGUAGE_MIN_LETTERS = 20;
/** When franc's runner-up is this close to its best guess (normalised 0–1 scores), the answer is 'und'. */
export const LANGUAGE_MIN_MARGIN = 0.02;

/**
 * Languages franc may answer. Everything else maps to its nearest neighbour in this list or to 'und'.
 * Restricting the list also makes franc ~4× faster than scoring all ~190 of its languages.
 */
export const DETECTABLE_LANGUAGES: readonly string[] = [
  // Latin script
  'eng', 'spa', 'fra', 'deu', 'por', 'ita', 'nld', 'pol', 'tur', 'vie', 'ind', 'zlm', 'swe', 'dan', 'nob',
  'fin', 'ces', 'slk', 'ron', 'hun', 'hrv', 'slv', 'cat', 'tgl', 'swh', 'lit', 'afr',
  // Cyrillic, Arabic, Devanagari
  'rus', 'ukr', 'bul', 'srp', 'arb', 'pes', 'urd', 'hin', 'mar',
  // Scripts franc maps to a single language
  'cmn', 'jpn', 'kor', 'tha', 'heb', 'ell', 'ben', 'tam', 'tel', 'guj', 'kan', 'mal', 'pan', 'hye', 'kat',
  'khm', 'sin',
];

/**
 * Function words that are frequent in English and rare as words in the other Latin-script languages above
 * (so no `a`, `i`, `in`, `me`, `do`, `will`, `die`, `also`, `on`, `for`, `no`).
 */
const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the', 'and', 'you', 'your', 'of', 'to', 'with', 'this', 'that', 'what', 'how', 'can', 'my', 'it', 'is',
  'are', 'have', 'has', 'why', 'when', 'where', 'which', 'would', 'could', 'should', 'about', 'from', 'there',
  'their', 'they', 'we', 'our', 'not', 'if', 'or', 'but', 'all', 'some', 'any', 'like', 'want', 'need', 'know',
  'get', 'just', 'into', 'than', 'then', 'them', 'these', 'those', 'been', 'were', "it's", "i'm", "don't",
  "can't", "what's", 'please', 'help', 'write', 'explain', 'does', 'did', 'who', 'make', 'give', 'tell',
]);

/** franc's ranking over {@link DETECTABLE_LANGUAGES}, with the models merged once (same scores, faster). */
const ranker = createTrigramRanker(DETECTABLE_LANGUAGES, LANGUAGE_MIN_CHARS);

const WORD = /[A-Za-z]+(?:'[a-z]+)?/g;
const NON_ASCII_LETTER = /[^\u0000-\u007f]/g;
const LETTER = /\p{L}/gu;

function countLetters(sample: string): number {
  const letters = sample.match(LETTER);
  return letters === null ? 0 : letters.length;
}

/** True when the sample is confidently English by function-word share (≥ 3 hits and ≥ 20 % of words). */
function looksEnglish(sample: string): boolean {
  const words = sample.match(WORD);
  if (words === null || words.length < 3) return false;
  const nonAscii = sample.match(NON_ASCII_LETTER);
  if (nonAscii !== null && nonAscii.length * 20 > sample.length) return false;
  let hits = 0;
  for (const word of words) if (ENGLISH_MARKERS.has(word.toLowerCase())) hits++;
  return hits >= 3 && hits * 5 >= words.length;
}

/**
 * ISO 639-3 code of `text` (its first {@link LANGUAGE_SAMPLE_CHARS} characters), or 'und' when unsure: fewer
 * than {@link LANGUAGE_MIN_CHARS} characters, fewer than {@link LANGUAGE_MIN_LETTERS} letters in a script shared
 * by several languages, or franc's top two guesses within {@link LANGUAGE_MIN_MARGIN}.
 * @example
 * detectLanguage('Kannst du mir bitte erklären, wie man einen Kuchen backt?'); // 'deu'
 * detectLanguage('ok thx'); // 'und'
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS).trim();
  if (sample.length < LANGUAGE_MIN_CHARS) return 'und';
  if (looksEnglish(sample)) return 'eng';
  const ranked = ranker.rank(sample);
  const [best, runnerUp] = ranked;
  if (best === undefined || best[0] === 'und') return 'und';
  // A single candidate means the script alone decided (Han → cmn, Hangul → kor): reliable even when short.
  if (runnerUp === undefined) return best[0];
  if (countLetters(sample) < LANGUAGE_MIN_LETTERS) return 'und';
  if (best[1] - runnerUp[1] < LANGUAGE_MIN_MARGIN) return 'und';
  return best[0];
}
