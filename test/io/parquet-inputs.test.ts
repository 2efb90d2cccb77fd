/** Parquet conversations, verdicts and labels (hyparquet), from fixtures made by scripts/make-input-fixtures.mjs. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { inputFixture } from '../helpers/input-fixtures.js';

describe('Parquet conversations: the same columns as JSON', () => {
  it('reads id, user_id, a list of {role, content} structs and keeps the other columns as metadata', async () => {
    const { conversations, digest } = await readConversations(inputFixture('conversations.parquet'));
    expect(conversations.map((c) => [c.id, c.userId, c.messages.map((m) => m.role)])).toEqual([
      ['pq1', 'u1', ['system', 'user', 'assistant']],
      ['pq2', 'u2', ['user']],
      ['pq3', 'pq3', ['user', 'assistant']],
    ]);
    expect(conversations[0].messages[1]).toEqual({ role: 'user', content: 'how do I rotate a pdf page?' });
    expect(conversations[0].metadata.get('turns')).toBe(3);
    expect(digest.bytes).toBe(readFileSync(inputFixture('conversations.parquet')).length);
    expect(digest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the LMSYS-Chat-1M columns (conversation_id, conversation)', async () => {
    const fromFile = await readConversations(inputFixture('lmsys-chat-1m.parquet'));
    expect(fromFile.conversations.map((c) => [c.id, c.messages.length, c.metadata.get('model')])).toEqual([['lm1', 2, 'vicuna-13b'], ['lm2', 1, 'koala-13b']]);
  });
});

describe('Parquet verdicts and labels', () => {
  it('maps conversation_id, classifier, score (double) and flagged (boolean); row numbers stand for lines', async () => {
    const { rows } = await readVerdicts([inputFixture('verdicts.parquet')]);
    expect(rows).toEqual([
      { conversationId: 'c1', classifier: 'filter-a', score: 0.91, flagged: true, line: 1 },
      { conversationId: 'c2', classifier: 'filter-a', score: 0.12, flagged: false, line: 2 },
      { conversationId: 'c3', classifier: 'filter-a', score: 0.5, flagged: null, line: 3 },
      { conversationId: 'c4', classifier: 'filter-a', score: null, flagged: true, line: 4 },
    ]);
  });

  it('reads pages compressed with gzip (hyparquet-compressors)', async () => {
    expect((await readVerdicts([inputFixture('verdicts-gzip-pages.parquet')])).rows).toEqual((await readVerdicts([inputFixture('verdicts.parquet')])).rows);
  });

  it('maps label (int64) and category', async () => {
    const { rows, unknown } = await readLabels(inputFixture('labels.parquet'));
    expect(rows.map((r) => [r.conversationId, r.label, r.category, r.line])).toEqual([['c1', true, 'drugs', 1], ['c2', false, null, 2], ['c3', null, null, 3], ['c4', true, 'weapons', 4]]);
    expect(unknown).toBe(1);
  });

  it('names the file, the row and the column of a bad value', async () => {
    const err = (await readVerdicts([inputFixture('verdicts-bad-score.parquet')]).catch((e: unknown) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect({ line: err.line, field: err.field }).toEqual({ line: 2, field: 'Score' });
    expect(err.message).toContain('verdicts-bad-score.parquet:2, field "Score": expected a number, got "0x10"');
  });

  it('says so when a .parquet file is not Parquet, and when Parquet comes on standard input', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'misfire-pq-')), 'labels.parquet');
    writeFileSync(file, 'conversation_id,label\nc1,1\n');
    const notParquet = (await readLabels(file).catch((e: unknown) => e)) as MisfireError;
    expect(notParquet.message).toMatch(/labels\.parquet: not a readable Parquet file: /);
    const err = (await readConversations('-', { stdin: Readable.from([readFileSync(inputFixture('conversations.parquet'))]) }).catch((e: unknown) => e)) as MisfireError;
    expect(err.message).toBe('stdin: Parquet cannot be read from standard input: name the file (*.parquet)');
  });
});
