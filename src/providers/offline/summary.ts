/**
 * The offline request summary: the opening request condensed to at most {@link SUMMARY_MAX_CHARS} characters,
 * PII-scrubbed. It feeds TF-IDF embeddings and is the example text a report shows, so it keeps the request's
 * words and drops what carries no meaning (code, runs of ≥ 4 symbols, blobs, greetings and "can you please").
 */
import { scrubPii } from '../../text/scrub.js';
import { facetText, type JudgedSide, type Turn } from '../../text/conversation-text.js';

export const SUMMARY_MAX_CHARS = 240;
/** The summary of a request with no letters or digits left. */
export const EMPTY_REQUEST = '(empty request)';
/** Placeholder for a fenced code block. */
export const CODE_PLACEHOLDER = '[code]';
/** Placeholder for one very long unbroken token (base64, hashes, minified code, keys). */
export const BLOB_PLACEHOLDER = '[blob]';

/**
 * Characters of the cleaned request that are scrubbed and condensed at all (bounds the work on huge pastes).
 * Far more than the summary keeps, so an identifier split by this coarse cut never reaches the summary.
 */
const WORKING_WINDOW = 4000;
/** Tokens at least this long without whitespace become {@link BLOB_PLACEHOLDER}. */
const BLOB_MIN_CHARS = 40;
/** A sentence cut is used only when it keeps at least this many characters; otherwise cut at a word. */
const MIN_SENTENCE_CUT = 80;

const FENCED_CODE = /(```|~~~)[^\n]*\n?[\s\S]*?(?:\1|$)/g;
const WHITESPACE = /\s+/g;
const SYMBOL_RUN = /[^\p{L}\p{N}\s]{4,}/gu;
const DOUBLE_SPACE = / {2,}/g;
const LONG_TOKEN = new RegExp(`\\S{${BLOB_MIN_CHARS},}`, 'g');
const LEADING_MARKUP = /^[\s>#*\-–—•·=_~|:]+/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Openers that carry no request meaning, removed repeatedly from the start (case-insensitive). */
const OPENERS: readonly RegExp[] = [
  new RegExp(
    '^(?:hi|hello|hey|hiya|howdy|greetings|yo|good (?:morning|afternoon|evening|day))' +
      '(?: there| all| everyone| guys| folks| team| friend| chatgpt| claude| gpt| bot| assistant| ai)?' +
      '(?:\\s*[,!.:;]+\\s*|\\s+|$)',
    'i',
  ),
  /^dear (?:chatgpt|claude|assistant|ai|sir|madam|sir or madam)\s*[,!.:;]*\s*/i,
  /^(?:please|pls|plz|kindly)(?:\s*[,!:]+\s*|\s+|$)/i,
  /^(?:can|could|would|will) (?:you|u)(?: please| pls| kindly)?(?:\s*,\s*|\s+|$)/i,
  /^i (?:was wondering if you could|would like you to|'d like you to|need you to|want you to)(?:\s*,\s*|\s+|$)/i,
];

/** Remove greetings and politeness openers; keep the text if nothing meaningful would be left. */
export function stripOpeners(text: string): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const opener of OPENERS) {
      const next = out.replace(opener, '');
      if (next !== out) {
        out = next;
        changed = true;
      }
    }
  }
  if (!HAS_WORD_CHAR.test(out)) return text;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Cut `text` to at most `max` characters: whole sentences if that keeps enough, else at a word, with "…". */
export function truncateAtBoundary(text: string, max: number = SUMMARY_MAX_CHARS): string {
  if (text.length <= max) return text;
  const sentenceEnd = /[.!?](?=\s)|[。！？]/g;
  let lastSentenceEnd = -1;
  for (let m = sentenceEnd.exec(text); m !== null && m.index < max; m = sentenceEnd.exec(text)) {
    lastSentenceEnd = m.index + 1;
  }
  if (lastSentenceEnd >= MIN_SENTENCE_CUT) return text.slice(0, lastSentenceEnd);
  const room = max - 1; // leave space for the ellipsis
  const space = text.lastIndexOf(' ', room);
  let cut = space >= room / 2 ? space : room;
  const code = text.charCodeAt(cut - 1);
  if (cut === room && code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return text.slice(0, cut).trimEnd() + '…';
}

/** Cut at the last whitespace before `max` (a coarse first cut that never splits a word). */
function windowOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > 0 ? space : max);
}

/** Code blocks out, whitespace collapsed: the text used for both the summary and language detection. */
export function plainRequestText(text: string): string {
  return text.replace(FENCED_CODE, ` ${CODE_PLACEHOLDER} `).replace(WHITESPACE, ' ').trim();
}

/**
 * Condense an opening request into a scrubbed summary of at most {@link SUMMARY_MAX_CHARS} characters.
 * Never empty: {@link EMPTY_REQUEST} when no letter or digit is left.
 * @example
 * summarizeRequest('Hi! Can you please email bob@example.com a short   apology?');
 * // 'Email [EMAIL] a short apology?'
 */
export function summarizeRequest(text: string): string {
  return condense(plainRequestText(text), SUMMARY_MAX_CHARS);
}

/**
 * The scrubbed facet text of a conversation: the judged side's turns (see facetText) with code blocks
 * replaced and whitespace collapsed in each turn first, then condensed like a request, within the word
 * budget instead of a character limit. Never empty.
 * @example
 * summarizeConversation([{ role: 'user', content: 'Hi! Write a poem' }, { role: 'user', content: 'make it rhyme' }], 'prompt');
 * // 'Write a poem make it rhyme'
 */
export function summarizeConversation(turns: readonly Turn[], side: JudgedSide): string {
  const cleaned = turns.map((t) => ({ role: t.role, content: plainRequestText(t.content) }));
  return condense(facetText(cleaned, side), null);
}

function condense(plain: string, maxChars: number | null): string {
  let out = plain.replace(SYMBOL_RUN, ' ').replace(DOUBLE_SPACE, ' ').trim();
  // Blobs go before the window so that the window keeps real words; URLs and emails are left to the scrubber.
  out = out.replace(LONG_TOKEN, (token) => (token.includes('://') || token.includes('@') ? token : BLOB_PLACEHOLDER));
  // Scrub before anything short is cut, so no identifier is ever half-kept by the truncation.
  out = scrubPii(windowOf(out, WORKING_WINDOW));
  out = out.replace(LONG_TOKEN, BLOB_PLACEHOLDER).replace(LEADING_MARKUP, '');
  out = stripOpeners(out).trim();
  if (!HAS_WORD_CHAR.test(out)) return EMPTY_REQUEST;
  return maxChars === null ? out : scrubPii(truncateAtBoundary(out, maxChars));
}
