/** Messages that point at the right thing: empty inputs are named as empty; invalid UTF-8 is repaired, counted and warned. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { warningList } from '../helpers/input-fixtures.js';

const scratch = (name: string, content: string | Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'misfire-empty-')), name);
  writeFileSync(file, content);
  return file;
};
const message = async (promise: Promise<unknown>) => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MisfireError);
  return (err as MisfireError).message;
};

describe('an input without rows is named as empty', () => {
  it('conversations: 0 bytes, blank lines, a header only, an empty array, an empty gzip', async () => {
    const cases: [string, string | Buffer, string][] = [
      ['conversations.jsonl', '', 'the file is empty'],
      ['conversations.jsonl', '\n  \r\n\n', 'the file is empty'],
      ['conversations.csv', 'id,text\n', 'the file has only a header'],
      ['conversations.csv', '', 'the file is empty'],
      ['conversations.json', ' [\n] ', 'the JSON array is empty'],
      ['conversations.jsonl.gz', gzipSync(''), 'the file is empty'],
    ];
    for (const [name, content, reason] of cases) {
      const file = scratch(name, content);
      expect(await message(readConversations(file)), name).toBe(`${file}: ${reason}: no conversations to cluster`);
    }
  });

  it('verdicts and labels', async () => {
    const verdicts = scratch('verdicts.csv', 'conversation_id,classifier,score\n');
    expect(await message(readVerdicts([verdicts]))).toBe(`${verdicts}: the file has only a header: no verdicts to measure`);
    const labels = scratch('labels.tsv', '');
    expect(await message(readLabels(labels))).toBe(`${labels}: the file is empty: no labels (leave out --labels to run in proxy mode)`);
  });
});

describe('invalid UTF-8 is replaced with U+FFFD, counted and warned once per file with the first line', () => {
  const bad = Buffer.from([0xc3, 0x28]);
  it('in JSONL conversations', async () => {
    const file = scratch('c.jsonl', Buffer.concat([Buffer.from('{"id":"a","text":"fine \uFFFD"}\n{"id":"b","text":"caf'), bad, Buffer.from('"}\n{"id":"c","text":"'), bad, Buffer.from('"}\n')]));
    const sink = warningList();
    const { conversations } = await readConversations(file, { warnings: sink.warnings });
    expect(conversations.map((c) => c.messages[0].content)).toEqual(['fine \uFFFD', 'caf\uFFFD(', '\uFFFD(']);
    expect(sink.list).toEqual([{ code: 'invalid-utf8', message: `${file}: 2 invalid UTF-8 byte sequences replaced with U+FFFD, the first on line 2` }]);
  });

  it('in CSV verdicts and labels, and in a JSON array', async () => {
    const verdicts = scratch('v.csv', Buffer.concat([Buffer.from('id,classifier,flagged\n"c1",filter-'), bad, Buffer.from(',1\n')]));
    const labels = scratch('l.csv', Buffer.concat([Buffer.from('id,label,category\nc1,1,\nc2,0,"multi\nline '), Buffer.from([0xff]), Buffer.from('"\n')]));
    const array = scratch('c.json', Buffer.concat([Buffer.from('[\n{"id":"a",\n"text":"x'), Buffer.from([0xe2, 0x82]), Buffer.from('"}]')]));
    const sink = warningList();
    await readVerdicts([verdicts], { warnings: sink.warnings });
    await readLabels(labels, { warnings: sink.warnings });
    await readConversations(array, { warnings: sink.warnings });
    expect(sink.list.map((w) => w.message)).toEqual([
      `${verdicts}: an invalid UTF-8 byte sequence replaced with U+FFFD, the first on line 2`,
      `${labels}: an invalid UTF-8 byte sequence replaced with U+FFFD, the first on line 4`,
      `${array}: an invalid UTF-8 byte sequence replaced with U+FFFD, the first on line 3`,
    ]);
  });

  it('says nothing about valid text that holds U+FFFD itself', async () => {
    const sink = warningList();
    await readConversations(scratch('c.jsonl', '{"id":"a","text":"\uFFFD\uFFFD"}\n'), { warnings: sink.warnings });
    expect(sink.list).toEqual([]);
  });
});
