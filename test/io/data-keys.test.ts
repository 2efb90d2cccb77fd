/**
 * Names that come from the data are only data: `__proto__`, `constructor` and `toString` as an id, a user, a
 * classifier name, a metadata key or a column name round-trip like any other name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { inputFixture } from '../helpers/input-fixtures.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const scratch = (name: string, content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'misfire-keys-')), name);
  writeFileSync(file, content);
  return file;
};
const ownEntries = (metadata: ReadonlyMap<string, unknown>) => [...metadata];

describe('prototype names in conversations', () => {
  it('JSONL: as ids, users and metadata keys', async () => {
    const lines = NAMES.map((name, i) => JSON.stringify({ id: name, user_id: NAMES[(i + 1) % NAMES.length], text: `t${i}`, [name]: `m${i}`, constructor: i }));
    const { conversations } = await readConversations(scratch('c.jsonl', `${lines.join('\n')}\n`));
    expect(conversations.map((c) => [c.id, c.userId])).toEqual(NAMES.map((name, i) => [name, NAMES[(i + 1) % NAMES.length]]));
    expect(ownEntries(conversations[0].metadata)).toEqual([['__proto__', 'm0'], ['constructor', 0]]);
        expect(ownEntries(conversations[2].metadata)).toEqual([['toString', 'm2'], ['constructor', 2]]);
    expect([...conversations[0].metadata]).toEqual([['__proto__', 'm0'], ['constructor', 0]]);
  });

  it('a duplicate "__proto__" id is still a duplicate', async () => {
    const file = scratch('c.jsonl', '{"id":"__proto__","text":"a"}\n{"id":"__proto__","text":"b"}\n');
    await expect(readConversations(file)).rejects.toThrow(`${file}:2, field "id": duplicate conversation id "__proto__" (first seen on line 1)`);
  });

  it('CSV and Parquet: as column names kept as metadata', async () => {
    const csv = await readConversations(scratch('c.csv', 'id,text,__proto__,constructor\na,hello,p,c\n'));
    expect(ownEntries(csv.conversations[0].metadata)).toEqual([['__proto__', 'p'], ['constructor', 'c']]);
    const parquet = await readConversations(inputFixture('conversations.parquet'));
    expect(ownEntries(parquet.conversations[0].metadata)).toEqual([['turns', 3], ['__proto__', 'p1']]);
  });
});

describe('prototype names in verdicts and labels', () => {
  it('as conversation ids and classifier names, duplicates found across them', async () => {
    const rows = NAMES.flatMap((id) => NAMES.map((classifier, j) => `${id},${classifier},0.${j + 1},`));
    const { rows: read } = await readVerdicts([scratch('v.csv', `conversation_id,classifier,score,__proto__\n${rows.join('\n')}\n`)]);
    expect(read.map((r) => `${r.conversationId}/${r.classifier}/${r.score}`)).toEqual(NAMES.flatMap((id) => NAMES.map((c, j) => `${id}/${c}/0.${j + 1}`)));
    const duplicate = scratch('d.csv', 'id,classifier,flagged\n__proto__,constructor,1\nconstructor,__proto__,0\n__proto__,constructor,0\n');
    await expect(readVerdicts([duplicate])).rejects.toThrow('duplicate verdict for conversation "__proto__" and classifier "constructor"');
  });

  it('as label ids, and a header column named constructor', async () => {
    const { rows } = await readLabels(scratch('l.csv', 'constructor,id,label\nx,__proto__,1\ny,toString,0\n'));
    expect(rows.map((r) => [r.conversationId, r.label])).toEqual([['__proto__', true], ['toString', false]]);
  });
});
