/** Serialises generated conversations into misfire's input formats (pure string functions). */
import type { Conversation, MetadataValue } from '../types.js';
import { CLASSIFIER_NAMES, isFlagged } from './classifiers.js';
import type { GeneratedConversation } from './generate.js';

export const CONVERSATIONS_FILE = 'conversations.jsonl';
export const VERDICTS_FILE = 'verdicts.csv';
export const LABELS_FILE = 'labels.csv';

export const VERDICTS_HEADER = 'conversation_id,classifier,score,flagged\n';
export const LABELS_HEADER = 'conversation_id,label,category\n';

/**
 * One `conversations.jsonl` line (with trailing newline): id, user_id, messages, then the metadata fields
 * topic, channel and concern.
 * @example
 * conversationJsonLine(c); // '{"id":"c000000","user_id":"u0042","messages":[…],"topic":"cooking",…}\n'
 */
export function conversationJsonLine(c: GeneratedConversation): string {
  return (
    JSON.stringify({
      id: c.id,
      user_id: c.userId,
      messages: c.messages,
      topic: c.topic,
      channel: c.channel,
      concern: c.concern,
    }) + '\n'
  );
}

/** The `verdicts.csv` rows of one conversation, one per classifier (score with 4 decimals, flagged 0/1). */
export function verdictLines(c: GeneratedConversation): string {
  let out = '';
  for (let k = 0; k < CLASSIFIER_NAMES.length; k++) {
    const score = c.scores[k];
    out += `${c.id},${CLASSIFIER_NAMES[k]},${score.toFixed(4)},${isFlagged(score) ? 1 : 0}\n`;
  }
  return out;
}

/** The `labels.csv` row of one conversation (category empty when the label is 0). */
export function labelLine(c: GeneratedConversation): string {
  return `${c.id},${c.label},${c.category}\n`;
}

/**
 * The conversation as the pipeline's `Conversation` type (what the JSONL reader would produce), for tests
 * that skip the file round trip.
 */
export function toConversation(c: GeneratedConversation): Conversation {
  return {
    id: c.id,
    userId: c.userId,
    messages: c.messages.map((m) => ({ ...m })),
    metadata: new Map<string, MetadataValue>([['topic', c.topic], ['channel', c.channel], ['concern', c.concern]]),
  };
}
