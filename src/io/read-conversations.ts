/**
 * Read conversations from JSONL (`{"id","user_id"?,"messages":[...]}` or `{"id","text"}`) or CSV
 * (`id,text[,user_id]`). Every other field is kept as metadata. Malformed rows stop the read with an
 * input error naming file, line and field.
 */
import { inputError, type ErrorLocation } from '../errors.js';
import type { Conversation, Message, MetadataValue } from '../types.js';
import { readCsvRows } from './csv-rows.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { readJsonlBatches } from './jsonl-lines.js';
import { parseId, truncate } from './input-values.js';
import { jsonPreview, jsonText } from '../json-text.js';

export interface ConversationsRead {
  conversations: Conversation[];
  digest: FileDigest;
  rows: number;
}

const KEY_FIELDS = ['id', 'conversation_id'];
const RESERVED = new Set(['id', 'conversation_id', 'user_id', 'messages', 'text']);

export async function readConversations(file: string): Promise<ConversationsRead> {
  const digest = newDigest(file);
  const seen = new Map<string, number>();
  const conversations: Conversation[] = [];
  const add = (conversation: Conversation, line: number, field: string) => {
    const first = seen.get(conversation.id);
    if (first !== undefined) {
      throw inputError(`duplicate conversation id "${truncate(conversation.id)}" (first seen on line ${first})`, { file, line, field });
    }
    seen.set(conversation.id, line);
    conversations.push(conversation);
  };
  if (/\.csv$/i.test(file)) {
    const spec = {
      columns: {
        id: { names: KEY_FIELDS, required: true },
        text: { names: ['text'], required: true },
        user: { names: ['user_id'], required: false },
      },
    };
    for await (const row of readCsvRows(file, spec, digest)) {
      const keyField = 'id' in row.record ? 'id' : 'conversation_id';
      const id = parseId(row.cells.id, { file, line: row.line, field: keyField });
      const userId = row.cells.user.trim() === '' ? id : row.cells.user.trim();
      const metadata = new Map<string, MetadataValue>(Object.entries(row.record).filter(([key]) => !RESERVED.has(key)));
      add({ id, userId, messages: [{ role: 'user', content: row.cells.text }], metadata }, row.line, keyField);
    }
  } else {
    for await (const batch of readJsonlBatches(file, digest)) {
      for (const { line, value } of batch) {
        const conversation = conversationFromJson(value, { file, line });
        add(conversation, line, (value as Record<string, unknown>).id !== undefined ? 'id' : 'conversation_id');
      }
    }
  }
  return { conversations, digest, rows: conversations.length };
}

/** Validate one parsed JSONL value into a Conversation. */
export function conversationFromJson(value: unknown, where: ErrorLocation): Conversation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw inputError('each line must be a JSON object', { ...where, field: '(json)' });
  }
  const row = value as Record<string, unknown>;
  const keyField = row.id === undefined && row.conversation_id !== undefined ? 'conversation_id' : 'id';
  const id = parseId(row[keyField], { ...where, field: keyField });
  const userRaw = row.user_id;
  const userId = userRaw === undefined || userRaw === null || userRaw === '' ? id : parseId(userRaw, { ...where, field: 'user_id' });
  const messages = readMessages(row, where);
  const metadata = new Map<string, MetadataValue>();
  for (const [key, v] of Object.entries(row)) {
    if (RESERVED.has(key)) continue;
    metadata.set(key, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : jsonText(v));
  }
  return { id, userId, messages, metadata };
}

function readMessages(row: Record<string, unknown>, where: ErrorLocation): Message[] {
  if (row.messages !== undefined) {
    if (!Array.isArray(row.messages)) throw inputError('"messages" must be an array', { ...where, field: 'messages' });
    if (row.messages.length === 0) throw inputError('"messages" is empty', { ...where, field: 'messages' });
    return row.messages.map((m, i) => {
      const field = `messages[${i}]`;
      if (typeof m !== 'object' || m === null) throw inputError('each message must be an object', { ...where, field });
      const { role, content } = m as Record<string, unknown>;
      if (role !== 'user' && role !== 'assistant') {
        throw inputError(`role must be "user" or "assistant", got ${jsonPreview(role)}`, { ...where, field: `${field}.role` });
      }
      if (typeof content !== 'string') throw inputError('content must be a string', { ...where, field: `${field}.content` });
      return { role, content };
    });
  }
  if (typeof row.text === 'string') return [{ role: 'user', content: row.text }];
  if (row.text !== undefined && row.text !== null) throw inputError('"text" must be a string', { ...where, field: 'text' });
  throw inputError('needs "messages" (a list of {role, content}) or "text"', { ...where, field: 'messages' });
}
