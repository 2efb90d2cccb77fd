#!/usr/bin/env node
/**
 * Writes the binary input fixtures of test/fixtures/inputs/ (Parquet and gzip files), so that they can be
 * remade and reviewed: `node scripts/make-input-fixtures.mjs`. Parquet is written with hyparquet-writer
 * (a devDependency); the text fixtures beside them are written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';

const DIR = new URL('../test/fixtures/inputs/', import.meta.url);
const write = (name, bytes) => writeFileSync(new URL(name, DIR), Buffer.from(bytes));
const utf8 = (name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
const messagesColumn = (name) => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  utf8('role'),
  utf8('content'),
];

const CONVERSATIONS = [
  { id: 'pq1', user: 'u1', messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'how do I rotate a pdf page?' }, { role: 'assistant', content: 'Use Rotate.' }], turns: 3n },
  { id: 'pq2', user: 'u2', messages: [{ role: 'user', content: 'write a haiku about rain' }], turns: 1n },
  { id: 'pq3', user: null, messages: [{ role: 'user', content: 'what is the capital of australia' }, { role: 'assistant', content: 'Canberra.' }], turns: 2n },
];

write('conversations.parquet', parquetWriteBuffer({
  columnData: [
    { name: 'id', data: CONVERSATIONS.map((c) => c.id) },
    { name: 'user_id', data: CONVERSATIONS.map((c) => c.user) },
    { name: 'messages', data: CONVERSATIONS.map((c) => c.messages) },
    { name: 'turns', data: CONVERSATIONS.map((c) => c.turns) },
    { name: '__proto__', data: ['p1', 'p2', 'p3'] },
  ],
  schema: [
    { name: 'root', num_children: 5 },
    utf8('id'),
    utf8('user_id'),
    ...messagesColumn('messages'),
    { name: 'turns', type: 'INT64', repetition_type: 'OPTIONAL' },
    utf8('__proto__'),
  ],
}));

write('lmsys-chat-1m.parquet', parquetWriteBuffer({
  columnData: [
    { name: 'conversation_id', data: ['lm1', 'lm2'] },
    { name: 'model', data: ['vicuna-13b', 'koala-13b'] },
    { name: 'conversation', data: [[{ role: 'user', content: 'name three primes' }, { role: 'assistant', content: '2, 3 and 5.' }], [{ role: 'user', content: 'reverse a list in python' }]] },
  ],
  schema: [{ name: 'root', num_children: 3 }, utf8('conversation_id'), utf8('model'), ...messagesColumn('conversation')],
}));

const verdictColumns = (scores) => [
  { name: 'conversation_id', data: ['c1', 'c2', 'c3', 'c4'], type: 'STRING' },
  { name: 'classifier', data: ['filter-a', 'filter-a', 'filter-a', 'filter-a'], type: 'STRING' },
  { name: 'score', data: scores, type: 'DOUBLE' },
  { name: 'flagged', data: [true, false, null, true], type: 'BOOLEAN' },
];
write('verdicts.parquet', parquetWriteBuffer({ columnData: verdictColumns([0.91, 0.12, 0.5, null]) }));
write('verdicts-gzip-pages.parquet', parquetWriteBuffer({
  columnData: verdictColumns([0.91, 0.12, 0.5, null]),
  codec: 'GZIP',
  compressors: { GZIP: (input) => new Uint8Array(gzipSync(input)) },
}));
write('verdicts-bad-score.parquet', parquetWriteBuffer({
  columnData: [
    { name: 'conversation_id', data: ['c1', 'c2'], type: 'STRING' },
    { name: 'classifier', data: ['filter-a', 'filter-a'], type: 'STRING' },
    { name: 'Score', data: ['0.5', '0x10'], type: 'STRING' },
  ],
}));
write('labels.parquet', parquetWriteBuffer({
  columnData: [
    { name: 'conversation_id', data: ['c1', 'c2', 'c3', 'c4'], type: 'STRING' },
    { name: 'label', data: [1n, 0n, null, 1n], type: 'INT64' },
    { name: 'category', data: ['drugs', null, null, 'weapons'], type: 'STRING' },
  ],
}));

const gzip = (source, target) => write(target, gzipSync(readFileSync(new URL(source, DIR))));
gzip('openai-chat.jsonl', 'openai-chat.jsonl.gz');
gzip('verdicts-headers.csv', 'verdicts-headers.csv.gz');
gzip('labels-pandas.csv', 'labels-pandas.csv.gz');
console.log('wrote the Parquet and gzip fixtures to test/fixtures/inputs/');
