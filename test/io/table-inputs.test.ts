/** Verdict and label tables as people write them: header case and spaces, TSV, pandas' index column and labels. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { inputFixture } from '../helpers/input-fixtures.js';

const scratch = (name: string, content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'misfire-tables-')), name);
  writeFileSync(file, content);
  return file;
};
const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MisfireError);
  const e = err as MisfireError;
  return { line: e.line, field: e.field, message: e.message };
};

describe('CSV headers match without regard to case or surrounding spaces', () => {
  it('reads " ID , Classifier ,Score,FLAGGED" and every flag spelling', async () => {
    const { rows } = await readVerdicts([inputFixture('verdicts-headers.csv')]);
    expect(rows.map((r) => [r.conversationId, r.classifier, r.score, r.flagged])).toEqual([
      ['c1', 'filter-a', 0.91, true],
      ['c2', 'filter-a', 0.5, false],
      ['c3', 'filter-a', 0.001, true],
      ['c4', 'filter-a', 2, false],
      ['c5', 'filter-a', -0.5, true],
      ['c6', 'filter-a', null, false],
    ]);
  });

  it('names the column as the file writes it in errors', async () => {
    const file = scratch('v.csv', 'Conversation_ID,Classifier,SCORE\nc1,a,0x10\n');
    expect(await failure(readVerdicts([file]))).toEqual({ line: 2, field: 'SCORE', message: `${file}:2, field "SCORE": expected a number, got "0x10"` });
  });

  it('refuses a column named twice (one of them would be lost)', async () => {
    const file = scratch('l.csv', 'id,label,Label\nc1,1,0\n');
    expect(await failure(readLabels(file))).toMatchObject({ line: 1, field: 'Label', message: expect.stringContaining('column "Label" appears twice (columns 2 and 3)') });
  });

  it('reads conversations as Id,Text,User_ID', async () => {
    const file = scratch('c.csv', 'Id,Text,User_ID,Channel\nc1,hello there,u1,web\n');
    const { conversations } = await readConversations(file);
    expect(conversations).toEqual([{ id: 'c1', userId: 'u1', messages: [{ role: 'user', content: 'hello there' }], metadata: new Map([['Channel', 'web']]) }]);
  });
});

describe('labels as pandas writes them', () => {
  it('reads 1.0/0.0, True, no and the unnamed index column', async () => {
    const { rows, unknown } = await readLabels(inputFixture('labels-pandas.csv'));
    expect(rows.map((r) => [r.conversationId, r.label, r.category])).toEqual([
      ['c1', true, 'drugs'],
      ['c2', false, null],
      ['c3', null, null],
      ['c4', true, 'weapons'],
      ['c5', false, null],
    ]);
    expect(unknown).toBe(1);
  });
});

describe('TSV (.tsv): the same reader with a tab between fields', () => {
  it('reads tab-separated verdicts, quoted fields included', async () => {
    const { rows } = await readVerdicts([inputFixture('verdicts.tsv')]);
    expect(rows.map((r) => [r.conversationId, r.score, r.flagged])).toEqual([['c1', 0.9, true], ['c2', 0.1, false], ['c3', 0.5, true]]);
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const file = scratch('l.tsv', 'id\tlabel\nc1\t1\nc2,0\n');
    expect(await failure(readLabels(file))).toMatchObject({ line: 3, message: expect.stringContaining('malformed TSV: the row has 1 fields, the header has 2') });
  });
});
