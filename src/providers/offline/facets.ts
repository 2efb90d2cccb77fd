/**
 * Offline facet extraction: no model, deterministic, fast enough for a million conversations. The summary is
 * the condensed, scrubbed text of the side the classifiers judged (every user turn by default; see
 * src/text/conversation-text.ts), within a word budget that keeps the start and the end of long turns;
 * language comes from franc on the same text; turns and length are counted; concern is passed through from
 * metadata when present and valid.
 */
import type { Conversation, Facets, Message, MetadataValue } from '../../types.js';
import type { FacetExtractor, ProviderContext } from '../types.js';
import { detectLanguage } from './language.js';
import { plainRequestText, summarizeConversation } from './summary.js';
import { judgedTurns, type JudgedSide } from '../../text/conversation-text.js';

/** Progress is reported (and the event loop given a turn) after every this many conversations. */
export const FACETS_PROGRESS_EVERY = 5000;

const HAS_TEXT = /\S/;

/**
 * The opening request: the first user message with text (one that only returned a tool result or an image
 * has none), else the first user message, else the first assistant message. A system or tool message is
 * never the request.
 */
export function openingRequest(messages: readonly Message[]): Message | undefined {
  return (
    messages.find((m) => m.role === 'user' && HAS_TEXT.test(m.content)) ??
    messages.find((m) => m.role === 'user') ??
    messages.find((m) => m.role === 'assistant')
  );
}

/**
 * A `concern` metadata value as an integer 1–5 (number or numeric string such as "4"), else undefined.
 * @example
 * parseConcern('3'); // 3
 * parseConcern(7); // undefined
 * parseConcern('high'); // undefined
 */
export function parseConcern(value: MetadataValue | undefined): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value.trim());
  else return undefined;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

/** Characters of judged text the language detector reads. */
const LANGUAGE_SAMPLE = 1000;

/**
 * Facets of one conversation, computed offline, from the side the classifiers judged. Pure and deterministic.
 * @example
 * extractOfflineFacets({ id: 'c1', userId: 'u1', metadata: new Map(),
 *   messages: [{ role: 'user', content: 'Hello! Please explain how tides work.' }] });
 * // { summary: 'Explain how tides work.', language: 'eng', turns: 1, length: 37 }
 */
export function extractOfflineFacets(conversation: Conversation, side: JudgedSide = 'prompt'): Facets {
  const { messages } = conversation;
  let length = 0;
  for (const message of messages) length += message.content.length;
  const judged = judgedTurns(messages, side)
    .map((m) => m.content)
    .join('\n')
    .slice(0, LANGUAGE_SAMPLE);
  const facets: Facets = {
    summary: summarizeConversation(messages, side),
    language: detectLanguage(plainRequestText(judged)),
    turns: messages.length,
    length,
  };
  const concern = parseConcern(conversation.metadata.get('concern'));
  if (concern !== undefined) facets.concern = concern;
  return facets;
}

/** {@link extractOfflineFacets} for each judged side, by name, for worker threads. */
export const extractPromptFacets = (conversation: Conversation): Facets => extractOfflineFacets(conversation, 'prompt');
export const extractResponseFacets = (conversation: Conversation): Facets => extractOfflineFacets(conversation, 'response');
export const extractConversationFacets = (conversation: Conversation): Facets => extractOfflineFacets(conversation, 'conversation');
const WORKER_EXPORTS: Record<JudgedSide, string> = { prompt: 'extractPromptFacets', response: 'extractResponseFacets', conversation: 'extractConversationFacets' };
const EXTRACT_ONE: Record<JudgedSide, (conversation: Conversation) => Facets> = {
  prompt: extractPromptFacets,
  response: extractResponseFacets,
  conversation: extractConversationFacets,
};

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The offline {@link FacetExtractor}: {@link extractOfflineFacets} of the judged side over every conversation,
 * in order, reporting progress on stage 'facets' and honouring `ctx.signal` between chunks. Its summaries
 * condense the conversation's own words (not abstractive), and it offers the extraction as a worker task.
 */
export function createOfflineFacetExtractor(options: { judge?: JudgedSide } = {}): FacetExtractor {
  const side = options.judge ?? 'prompt';
  const extractOne = EXTRACT_ONE[side];
  return {
    name: 'offline',
    abstractiveSummaries: false,
    workerTask: { extractOne, moduleUrl: import.meta.url, exportName: WORKER_EXPORTS[side] },
    async extract(conversations: readonly Conversation[], ctx: ProviderContext): Promise<Facets[]> {
      const total = conversations.length;
      const out: Facets[] = new Array<Facets>(total);
      ctx.signal?.throwIfAborted();
      ctx.progress.start('facets', total);
      try {
        for (let i = 0; i < total; i++) {
          if (i > 0 && i % FACETS_PROGRESS_EVERY === 0) {
            ctx.progress.update(i);
            await yieldToEventLoop();
            ctx.signal?.throwIfAborted();
          }
          out[i] = extractOne(conversations[i]);
        }
        ctx.progress.update(total);
      } finally {
        ctx.progress.end();
      }
      return out;
    },
  };
}
