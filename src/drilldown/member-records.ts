/**
 * A listing as data for a review queue or a training set: JSON Lines (one object per conversation, with its
 * messages and metadata) or CSV (a fixed column order, RFC 4180 quoting). Verdicts and labels are written the
 * way misfire reads them (`flagged` and `label` as 1/0, empty when unknown), so the CSV can go back in as labels.
 */
import { csvLine } from '../artifacts/canonical-json.js';
import type { Message } from '../types.js';
import type { Listing, ShownConversation } from './listing.js';

/** The CSV header, in order. */
export const MEMBER_CSV_COLUMNS = [
  'conversation_id',
  'user_id',
  'cluster_id',
  'classifier',
  'outcome',
  'flagged',
  'score',
  'label',
  'category',
  'prompt',
  'messages',
] as const;

const bit = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/**
 * The text of the first user turn with text (the request), else of the first turn with text; '' when none.
 * @example
 * promptOf([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'how do I kill -9 a process?' }]); // 'how do I kill -9 a process?'
 */
export function promptOf(messages: readonly Message[]): string {
  const withText = messages.filter((m) => m.content.trim() !== '');
  return (withText.find((m) => m.role === 'user') ?? withText[0])?.content ?? '';
}

/**
 * One JSON object per line, keys in a fixed order.
 * @example
 * listingJsonl(listing); // '{"conversation_id":"c000017","user_id":"u0042","cluster_id":"L0-002","classifier":"keyword-v1","outcome":"fp",…}\n…'
 */
export function listingJsonl(listing: Listing): string {
  return listing.conversations.map((c) => `${JSON.stringify(jsonRecord(c, listing.classifier))}\n`).join('');
}

function jsonRecord(c: ShownConversation, classifier: string) {
  return {
    conversation_id: c.conversationId,
    user_id: c.userId,
    cluster_id: c.clusterId,
    classifier,
    outcome: c.outcome,
    flagged: c.flagged,
    score: c.score,
    label: c.label,
    category: c.category,
    messages: c.messages.map((m) => ({ role: m.role, content: m.content })),
    metadata: c.metadata,
  };
}

/**
 * A header line and one line per conversation (`messages` as JSON text).
 * @example
 * listingCsv(listing); // 'conversation_id,user_id,cluster_id,classifier,outcome,flagged,score,label,category,prompt,messages\nc000017,u0042,…'
 */
export function listingCsv(listing: Listing): string {
  const lines = [csvLine(MEMBER_CSV_COLUMNS)];
  for (const c of listing.conversations) {
    lines.push(
      csvLine([
        c.conversationId,
        c.userId,
        c.clusterId,
        listing.classifier,
        c.outcome,
        bit(c.flagged),
        c.score,
        bit(c.label),
        c.category,
        promptOf(c.messages),
        JSON.stringify(c.messages.map((m) => ({ role: m.role, content: m.content }))),
      ]),
    );
  }
  return lines.join('');
}
