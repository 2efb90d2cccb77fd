/**
 * Messages as the common exports write them: `{role, content}` (OpenAI, Anthropic, LMSYS, WildChat),
 * `{from, value}` (ShareGPT), `{role, parts}` (Gemini); content as a string or a list of blocks. Text blocks
 * are joined; images, tool calls and tool results are counted (per conversation, into its metadata, and
 * per file, for one warning) and never fail the read.
 */
import { jsonPreview } from '../json-text.js';
import { inputError, type ErrorLocation } from '../errors.js';
import type { Message, Role } from '../types.js';
import type { WarningSink } from '../warnings.js';

const ROLES = new Map<string, Role>([
  ['user', 'user'],
  ['human', 'user'],
  ['assistant', 'assistant'],
  ['gpt', 'assistant'],
  ['model', 'assistant'],
  ['system', 'system'],
  ['developer', 'system'],
  ['tool', 'tool'],
  ['function', 'tool'],
  ['ipython', 'tool'],
]);
const ROLE_NAMES = 'user, assistant, system or tool (or human, gpt, model, developer, function, ipython)';

/** Counts of what a conversation's content held besides text, named as they go into its metadata. */
export interface BlockCounts {
  image_blocks: number;
  tool_calls: number;
  tool_results: number;
  other_blocks: number;
}

type BlockKind = keyof BlockCounts | 'text';

const KINDS = new Map<string, BlockKind>([
  ['text', 'text'],
  ['input_text', 'text'],
  ['output_text', 'text'],
  ['refusal', 'text'],
  ['image', 'image_blocks'],
  ['image_url', 'image_blocks'],
  ['input_image', 'image_blocks'],
  ['image_file', 'image_blocks'],
  ['tool_use', 'tool_calls'],
  ['server_tool_use', 'tool_calls'],
  ['tool_call', 'tool_calls'],
  ['function_call', 'tool_calls'],
  ['functionCall', 'tool_calls'],
  ['tool_result', 'tool_results'],
  ['function_call_output', 'tool_results'],
  ['function_response', 'tool_results'],
  ['functionResponse', 'tool_results'],
]);

/** Non-text content of one file, by block type (for its warning), and of the conversation being read. */
export class ContentTally {
  private readonly byType = new Map<string, number>();
  /** Counts of the current conversation; reset by `begin`. */
  readonly counts: BlockCounts = { image_blocks: 0, tool_calls: 0, tool_results: 0, other_blocks: 0 };

  /** Start counting a new conversation; returns its (reused) counts. */
  begin(): BlockCounts {
    const c = this.counts;
    c.image_blocks = c.tool_calls = c.tool_results = c.other_blocks = 0;
    return c;
  }

  add(type: string, count = 1): void {
    this.byType.set(type, (this.byType.get(type) ?? 0) + count);
  }

  report(sink: WarningSink | undefined, name: string): void {
    if (this.byType.size === 0 || !sink) return;
    let total = 0;
    for (const count of this.byType.values()) total += count;
    const kinds = [...this.byType].map(([type, count]) => `${type} ${count}`).join(', ');
    sink({
      code: 'content-not-text',
      message: `${name}: ${total} content blocks or tool calls are not text and were counted, not clustered (${kinds}); ` +
        'the counts are in each conversation\'s metadata (image_blocks, tool_calls, tool_results, other_blocks)',
    });
  }
}

/** The messages of a list field (`messages`, `conversation`, …); throws on a shape that is not a message list. */
export function readMessageList(list: unknown, listField: string, where: ErrorLocation, counts: BlockCounts, tally: ContentTally): Message[] {
  if (!Array.isArray(list)) throw inputError(`"${listField}" must be an array`, { ...where, field: listField });
  if (list.length === 0) throw inputError(`"${listField}" is empty`, { ...where, field: listField });
  const messages = new Array<Message>(list.length);
  for (let i = 0; i < list.length; i++) messages[i] = readMessage(list[i], listField, i, where, counts, tally);
  return messages;
}

function readMessage(value: unknown, listField: string, index: number, where: ErrorLocation, counts: BlockCounts, tally: ContentTally): Message {
  const at = (key?: string) => ({ ...where, field: `${listField}[${index}]${key === undefined ? '' : `.${key}`}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw inputError('each message must be an object', at());
  const message = value as Record<string, unknown>;
  const roleKey = message.role === undefined && message.from !== undefined ? 'from' : 'role';
  const rawRole = message[roleKey];
  const role = typeof rawRole === 'string' ? (ROLES.get(rawRole) ?? ROLES.get(rawRole.trim().toLowerCase())) : undefined;
  if (role === undefined) throw inputError(`role must be ${ROLE_NAMES}, got ${rawRole === undefined ? 'nothing' : jsonPreview(rawRole)}`, at(roleKey));
  let calls = 0;
  if (message.tool_calls !== undefined && Array.isArray(message.tool_calls)) calls += message.tool_calls.length;
  if (message.function_call !== undefined && typeof message.function_call === 'object' && message.function_call !== null) calls++;
  if (calls > 0) {
    counts.tool_calls += calls;
    tally.add('tool_calls', calls);
  }
  const contentKey = message.content !== undefined ? 'content' : message.value !== undefined ? 'value' : message.parts !== undefined ? 'parts' : 'content';
  const content = message[contentKey];
  if (typeof content === 'string') return { role, content };
  if (content === null || (content === undefined && calls > 0)) return { role, content: '' };
  if (content === undefined) throw inputError('needs "content" (a string or a list of content blocks)', at('content'));
  if (typeof content !== 'object') throw inputError(`content must be a string or a list of content blocks, got ${jsonPreview(content)}`, at(contentKey));
  return { role, content: blocksText(Array.isArray(content) ? content : [content], counts, tally) };
}

/** The text of a list of content blocks, joined by newlines; every other block is counted. */
function blocksText(blocks: readonly unknown[], counts: BlockCounts, tally: ContentTally): string {
  const texts: string[] = [];
  for (const block of blocks) {
    if (typeof block === 'string') {
      texts.push(block);
      continue;
    }
    const { kind, type, text } = classify(block);
    if (kind === 'text' && text !== null) {
      texts.push(text);
      continue;
    }
    const counted = kind === 'text' ? 'other_blocks' : kind;
    counts[counted]++;
    tally.add(type);
  }
  return texts.join('\n');
}

function classify(block: unknown): { kind: BlockKind; type: string; text: string | null } {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return { kind: 'other_blocks', type: Array.isArray(block) ? 'array' : typeof block, text: null };
  const b = block as Record<string, unknown>;
  if (typeof b.type === 'string') {
    const kind = KINDS.get(b.type) ?? 'other_blocks';
    return { kind, type: b.type, text: kind === 'text' ? textOf(b.type === 'refusal' ? b.refusal : b.text) : null };
  }
  if (b.text !== undefined) return { kind: 'text', type: 'text', text: textOf(b.text) };
  for (const key of Object.keys(b)) {
    const kind = KINDS.get(key);
    if (kind !== undefined) return { kind, type: key, text: null };
    if (key === 'inlineData' || key === 'inline_data' || key === 'fileData' || key === 'file_data') {
      const data = b[key] as { mimeType?: unknown; mime_type?: unknown } | null;
      const mime = String(data?.mimeType ?? data?.mime_type ?? '');
      return { kind: mime.startsWith('image/') ? 'image_blocks' : 'other_blocks', type: key, text: null };
    }
  }
  return { kind: 'other_blocks', type: '(untyped)', text: null };
}

/** A block's text: a string, or OpenAI Assistants' `{value}`. */
function textOf(text: unknown): string | null {
  if (typeof text === 'string') return text;
  if (typeof text === 'object' && text !== null && typeof (text as { value?: unknown }).value === 'string') return (text as { value: string }).value;
  return null;
}
