/**
 * Read conversations: JSON Lines or a JSON array of objects (`{"id","user_id"?,"messages":[...]}` or
 * `{"id","text"}`, with the field names of the common exports as aliases), CSV or TSV (`id,text[,user_id]`),
 * or Parquet (the same columns). Every other field is kept as metadata. Malformed rows stop the read with an
 * input error naming file, line and field.
 */
import { inputError, type ErrorLocation } from '../errors.js';
import type { Conversation, Message, MetadataValue } from '../types.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { IdTable } from '../counts/id-table.js';
import { displayName, type ReadOptions } from './input-bytes.js';
import { parseId, truncate } from './input-values.js';
import { readJsonRecordBatches, type JsonRecord, type JsonShape } from './json-records.js';
import { setField } from './data-objects.js';
import { jsonText } from '../json-text.js';
import { ContentTally, readMessageList, type BlockCounts } from './message-content.js';
import { plainValue, readParquetRowGroups } from './parquet-input.js';
import { emptyInput, inputFormat, readTableRows } from './table-batches.js';

export interface ConversationsRead {
  conversations: Conversation[];
  digest: FileDigest;
  rows: number;
}

/** Field names, in order of preference: ours, then WildChat's and LMSYS-Chat-1M's, ShareGPT's, Gemini's. */
const ID_FIELDS = ['id', 'conversation_id', 'conversation_hash'];
const USER_FIELDS = ['user_id', 'hashed_ip'];
const MESSAGE_FIELDS = ['messages', 'conversation', 'conversations', 'contents'];
const NOTHING = 'no conversations to cluster';
/** The fields above: one that is null says nothing and is not kept as metadata. */
const ALIAS_FIELDS = new Set([...ID_FIELDS, ...USER_FIELDS, ...MESSAGE_FIELDS, 'text']);

/**
 * Read every conversation into memory (see conversation-batches.ts for reading them a batch at a time).
 * @example const { conversations, digest } = await readConversations('conversations.jsonl');
 */
export async function readConversations(file: string, options: ReadOptions = {}): Promise<ConversationsRead> {
  const digest = newDigest(file);
  const conversations: Conversation[] = [];
  for await (const batch of readConversationBatches(file, digest, options)) for (const c of batch.conversations) conversations.push(c);
  return { conversations, digest, rows: conversations.length };
}

/** One batch of conversations in file order, with the line (or Parquet row) each started on. */
export interface ConversationBatch {
  conversations: Conversation[];
  lines: number[];
}

export interface BatchReadOptions extends ReadOptions {
  /**
   * Refuse a conversation id seen before (the default). A second pass over a file already checked may turn
   * this off; the ids are then not held at all.
   */
  checkDuplicates?: boolean;
  /** The table duplicates are found with, left holding every id (slot = position in the file); default a fresh one. */
  ids?: IdTable;
  /** Yield batches of at least this many conversations (the last may hold fewer); default: one per chunk read. */
  minBatch?: number;
}

/**
 * The conversations of a file a batch at a time (one batch per chunk of text or Parquet row group), so any
 * number of them can be read in bounded memory: duplicates are found through a compact table of id hashes
 * (src/counts/id-table.ts, about 16 bytes per conversation), not the ids themselves. The digest is complete
 * once iteration finishes.
 */
export async function* readConversationBatches(file: string, digest: FileDigest, options: BatchReadOptions = {}): AsyncGenerator<ConversationBatch> {
  const name = displayName(file);
  const ids = options.checkDuplicates === false ? null : (options.ids ?? new IdTable(4096));
  let firstLines = new Int32Array(ids ? 4096 : 0);
  let rows = 0;
  const tally = new ContentTally();
  let batch: ConversationBatch = { conversations: [], lines: [] };
  const add = (conversation: Conversation, line: number, idField: () => string) => {
    if (ids) {
      const { slot, added } = ids.insert(conversation.id);
      if (!added) {
        throw inputError(`duplicate conversation id "${truncate(conversation.id)}" (first seen on line ${firstLines[slot]})`, { file: name, line, field: idField() });
      }
      if (slot >= firstLines.length) {
        const grown = new Int32Array(firstLines.length * 2);
        grown.set(firstLines);
        firstLines = grown;
      }
      firstLines[slot] = line;
    }
    rows++;
    batch.conversations.push(conversation);
    batch.lines.push(line);
  };
  const minBatch = options.minBatch ?? 0;
  const full = () => batch.conversations.length >= Math.max(1, minBatch);
  const take = (): ConversationBatch => {
    const out = batch;
    batch = { conversations: [], lines: [] };
    return out;
  };
  const addRecords = (records: readonly JsonRecord[]) => {
    for (const { line, value } of records) {
      add(conversationFromJson(value, { file: name, line }, tally), line, () => firstSet(value as Record<string, unknown>, ID_FIELDS) ?? 'id');
    }
  };
  const format = inputFormat(file, 'json');
  if (format === 'csv' || format === 'tsv') {
    const spec = {
      columns: { id: { names: ID_FIELDS, required: true }, text: { names: ['text'], required: true }, user: { names: USER_FIELDS, required: false } },
      nothing: NOTHING,
    };
    for await (const { line, cells, record, names } of readTableRows(file, spec, digest, options)) {
      const id = parseId(cells.id, { file: name, line, field: names.id });
      const userId = cells.user.trim() === '' ? id : cells.user.trim();
      const metadata = new Map<string, MetadataValue>();
      for (const key in record) if (key !== names.id && key !== names.text && key !== names.user) metadata.set(key, record[key]);
      add({ id, userId, messages: [{ role: 'user', content: cells.text }], metadata }, line, () => names.id);
      if (batch.conversations.length >= Math.max(TABLE_BATCH, minBatch)) yield take();
    }
  } else if (format === 'parquet') {
    for await (const { names, firstRow, rows: values } of readParquetRowGroups(file, digest, options)) {
      addRecords(values.map((row, i) => ({ line: firstRow + i, value: parquetRowObject(names, row) })));
      if (full()) yield take();
    }
    if (rows === 0) throw emptyInput(file, 'the Parquet file has no rows', NOTHING);
  } else {
    const shape: JsonShape = { kind: null };
    for await (const records of readJsonRecordBatches(file, digest, options, shape)) {
      addRecords(records);
      if (full()) yield take();
    }
    if (rows === 0) throw emptyInput(file, shape.kind === 'array' ? 'the JSON array is empty' : 'the file is empty', NOTHING);
  }
  if (batch.conversations.length) yield take();
  tally.report(options.warnings, name);
}

/** Rows of a CSV or TSV of conversations per batch. */
const TABLE_BATCH = 4096;

/**
 * Validate one parsed JSON value (a JSONL line, an array element or a Parquet row) into a Conversation.
 * `tally` collects what the content held besides text, for the file's warning.
 */
export function conversationFromJson(value: unknown, where: ErrorLocation, tally = new ContentTally()): Conversation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw inputError('each conversation must be a JSON object', { ...where, field: '(json)' });
  }
  const row = value as Record<string, unknown>;
  const idField = firstSet(row, ID_FIELDS);
  if (idField === null) throw inputError(`missing id (${ID_FIELDS.map((f) => `"${f}"`).join(', ')})`, { ...where, field: 'id' });
  const id = parseId(row[idField], { ...where, field: idField });
  const userField = firstSet(row, USER_FIELDS);
  const userId = userField === null || row[userField] === '' ? id : parseId(row[userField], { ...where, field: userField });
  const listField = firstSet(row, MESSAGE_FIELDS);
  const counts = tally.begin();
  const messages = listField === null ? textMessage(row, where) : readMessageList(row[listField], listField, where, counts, tally);
  const metadata = metadataOf(row, [idField, userField, listField ?? 'text']);
  if (counts.image_blocks + counts.tool_calls + counts.tool_results + counts.other_blocks > 0) addCounts(metadata, counts);
  return { id, userId, messages, metadata };
}

/** The counts of non-text content that are not zero, unless the row has a field of the same name. */
function addCounts(metadata: Map<string, MetadataValue>, counts: BlockCounts): void {
  for (const key of Object.keys(counts) as (keyof BlockCounts)[]) if (counts[key] > 0 && !metadata.has(key)) metadata.set(key, counts[key]);
}

function textMessage(row: Record<string, unknown>, where: ErrorLocation): Message[] {
  if (typeof row.text === 'string') return [{ role: 'user', content: row.text }];
  if (row.text !== undefined && row.text !== null) throw inputError('"text" must be a string', { ...where, field: 'text' });
  throw inputError(`needs "messages" (a list of {role, content}; also ${MESSAGE_FIELDS.slice(1).map((f) => `"${f}"`).join(', ')}) or "text"`, {
    ...where,
    field: 'messages',
  });
}

/** The first of `fields` that the row sets (not undefined, not null), or null. */
function firstSet(row: Record<string, unknown>, fields: readonly string[]): string | null {
  for (const field of fields) if (row[field] !== undefined && row[field] !== null && Object.hasOwn(row, field)) return field;
  return null;
}

/**
 * Every field of the row but the ones read, as metadata (keyed by whatever names the data uses, `__proto__`
 * included); nested values are kept as JSON text, written without recursion however deep they are.
 */
function metadataOf(row: Record<string, unknown>, read: readonly (string | null)[]): Map<string, MetadataValue> {
  const metadata = new Map<string, MetadataValue>();
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (read.includes(key) || (v === null && ALIAS_FIELDS.has(key))) continue;
    metadata.set(key, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : jsonText(v));
  }
  return metadata;
}

function parquetRowObject(names: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) setField(object, names[i], plainValue(row[i]));
  return object;
}
