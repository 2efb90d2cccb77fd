/**
 * The fake Messages API's "model": request validation like the real API's (a subset) and deterministic
 * tool inputs computed from the request, so results differ per conversation and reruns agree.
 */
import { createHash } from 'node:crypto';

export interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
  system?: string | { type: 'text'; text: string; cache_control?: unknown }[];
  tools?: { name: string; input_schema: unknown }[];
  tool_choice?: { type: string; name?: string };
  [extra: string]: unknown;
}

const WORDS = [
  'amber', 'basalt', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor',
  'indigo', 'juniper', 'kelp', 'lagoon', 'meadow', 'nectar', 'orchid', 'pebble',
];

function hash(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Three words picked by the hash: a scrub-safe, deterministic "topic". */
export function topicOf(text: string): string {
  const h = hash(text);
  return [WORDS[h[0] % 16], WORDS[h[1] % 16], WORDS[h[2] % 16]].join(' ');
}

/** The text of the first user message. */
export function userText(body: MessagesBody): string {
  const content = body.messages?.[0]?.content;
  if (typeof content === 'string') return content;
  return (content ?? []).map((b) => b.text ?? '').join('');
}

/** The text between <conversation> and </conversation> (the whole user text if absent). */
export function conversationText(body: MessagesBody): string {
  const text = userText(body);
  const match = /<conversation>([\s\S]*)<\/conversation>/.exec(text);
  return match ? match[1] : text;
}

/** Default facets for a conversation text (what the fake "model" answers). */
export function fakeFacets(conversation: string): { summary: string; task: string; language: string; concern: number } {
  const topic = topicOf(conversation);
  return {
    summary: `get help with the ${topic} topic.`,
    task: `explain the ${topic} topic`,
    language: 'eng',
    concern: 1 + (hash(conversation)[3] % 5),
  };
}

/** Default tool input for the forced tool of a request. */
export function toolInputFor(toolName: string, body: MessagesBody): unknown {
  const text = userText(body);
  if (toolName === 'record_facets') return fakeFacets(conversationText(body));
  if (toolName === 'name_cluster') {
    const summaries = (text.match(/<summary>/g) ?? []).length;
    const children = (text.match(/<cluster>/g) ?? []).length;
    const topic = topicOf(text);
    const what = children ? `${children} child clusters` : `${summaries} sampled summaries`;
    return {
      name: `Explore ${topic} requests`,
      description: `Users asked about ${topic} subjects. The group was named from ${what}.`,
    };
  }
  if (toolName === 'rate_privacy') {
    const label = /<label>([\s\S]*)<\/label>/.exec(text)?.[1] ?? text;
    return { score: /\d{3,}|@/.test(label) ? 1 : 4 + (hash(label)[0] % 2) };
  }
  return {};
}

/** A 400 message when the body would be rejected by the real API, else undefined. */
export function validateMessagesBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body: expected an object';
  const b = body as MessagesBody;
  for (const sampling of ['temperature', 'top_p', 'top_k']) {
    if (sampling in b) return `${sampling}: Extra inputs are not permitted`;
  }
  if (typeof b.model !== 'string' || !b.model) return 'model: Field required';
  if (typeof b.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(b.messages) || b.messages.length === 0) return 'messages: Field required';
  if (b.tool_choice?.type === 'tool') {
    const names = (b.tools ?? []).map((t) => t.name);
    if (!b.tool_choice.name || !names.includes(b.tool_choice.name)) {
      return `tool_choice.name: tool ${String(b.tool_choice.name)} not in tools`;
    }
  }
  return undefined;
}
