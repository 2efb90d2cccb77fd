/**
 * The offline summary: the judged side of a conversation within the facet word budget (see
 * src/text/conversation-text.ts), PII-scrubbed before any cut. It feeds the embedding, the cluster names and
 * the keyword examples (never shown as it is), so it keeps the conversation's words and drops what carries
 * no meaning (code, runs of ≥ 4 symbols, blobs, greetings and "can you please").
 */
import { scrubPii } from '../../text/scrub.js';
import { CUT_MARK, facetText, type JudgedSide, type Turn } from '../../text/conversation-text.js';

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
 * The scrubbed facet text of a conversation: the judged side's turns (see facetText) with code blocks
 * replaced and whitespace collapsed in each turn first, then condensed like a request, within the word
 * budget instead of a character limit. Never empty.
 * @example
 * summarizeConversation([{ role: 'user', content: 'Hi! Write a poem' }, { role: 'user', content: 'make it rhyme' }], 'prompt');
 * // 'Write a poem make it rhyme'
 */
export function summarizeConversation(turns: readonly Turn[], side: JudgedSide): string {
  // Scrub every turn before the word budget cuts it, so no identifier is ever half-kept by a cut. A long turn
  // is scrubbed in two windows, its start and its end: the budget keeps words from nowhere else.
  const cleaned = turns.map((t) => ({ role: t.role, content: scrubPii(startAndEndWindows(plainRequestText(t.content))) }));
  return condense(facetText(cleaned, side));
}

/** The first and the last {@link WORKING_WINDOW} characters of a long text (cut at whitespace), joined. */
function startAndEndWindows(text: string): string {
  if (text.length <= 2 * WORKING_WINDOW) return text;
  const head = windowOf(text, WORKING_WINDOW);
  const tailStart = text.indexOf(' ', text.length - WORKING_WINDOW);
  return `${head} ${CUT_MARK} ${text.slice(tailStart < 0 ? text.length - WORKING_WINDOW : tailStart + 1)}`;
}

function condense(plain: string): string {
  let out = plain.replace(SYMBOL_RUN, ' ').replace(DOUBLE_SPACE, ' ').trim();
  // Blobs go before the window so that the window keeps real words; URLs and emails are left to the scrubber.
  out = out.replace(LONG_TOKEN, (token) => (token.includes('://') || token.includes('@') ? token : BLOB_PLACEHOLDER));
  // Scrub before anything short is cut, so no identifier is ever half-kept by the truncation.
  out = scrubPii(windowOf(out, WORKING_WINDOW));
  out = out.replace(LONG_TOKEN, BLOB_PLACEHOLDER).replace(LEADING_MARKUP, '');
  out = stripOpeners(out).trim();
  if (!HAS_WORD_CHAR.test(out)) return EMPTY_REQUEST;
  return out;
}
