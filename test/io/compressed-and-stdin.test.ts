/** Gzipped inputs (any of them, streamed) and conversations from standard input (`-`). */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { assertStdinUse } from '../../src/io/input-bytes.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { readLabels } from '../../src/io/read-labels.js';
import { readVerdicts } from '../../src/io/read-verdicts.js';
import { inputFixture } from '../helpers/input-fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('.gz inputs are decompressed while streaming; the digest is of the bytes as stored', () => {
  it('conversations, verdicts and labels read the same as their plain files', async () => {
    const plain = await readConversations(inputFixture('openai-chat.jsonl'));
    const packed = await readConversations(inputFixture('openai-chat.jsonl.gz'));
    expect(packed.conversations).toEqual(plain.conversations);
    expect(packed.digest.sha256).toBe(sha256(readFileSync(inputFixture('openai-chat.jsonl.gz'))));
    expect(packed.digest.bytes).toBe(readFileSync(inputFixture('openai-chat.jsonl.gz')).length);
    expect((await readVerdicts([inputFixture('verdicts-headers.csv.gz')])).rows).toEqual((await readVerdicts([inputFixture('verdicts-headers.csv')])).rows);
    expect((await readLabels(inputFixture('labels-pandas.csv.gz'))).rows).toEqual((await readLabels(inputFixture('labels-pandas.csv'))).rows);
  });

  it('names a truncated gzip file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'misfire-gz-')), 'c.jsonl.gz');
    const whole = gzipSync(Buffer.from(Array.from({ length: 50 }, (_, i) => `{"id":"c${i}","text":"hello"}\n`).join('')));
    writeFileSync(file, whole.subarray(0, whole.length - 12));
    const err = (await readConversations(file).catch((e: unknown) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect(err.message).toMatch(/c\.jsonl\.gz: cannot decompress \(gzip\): unexpected end of file/);
  });
});

describe('conversations from standard input (-)', () => {
  it('reads JSONL, a JSON array or gzip from the stream, hashed and recorded as "-"', async () => {
    const text = readFileSync(inputFixture('sharegpt.json'));
    const read = await readConversations('-', { stdin: Readable.from([text.subarray(0, 100), text.subarray(100)]) });
    expect(read.conversations.map((c) => c.id)).toEqual(['sg1', 'sg2']);
    expect(read.digest).toEqual({ file: '-', bytes: text.length, sha256: sha256(text) });
    const packed = readFileSync(inputFixture('openai-chat.jsonl.gz'));
    expect((await readConversations('-', { stdin: Readable.from([packed]) })).conversations).toHaveLength(3);
    const byteByByte = Readable.from(Array.from(packed, (byte) => Buffer.from([byte])));
    expect((await readConversations('-', { stdin: byteByByte })).conversations).toHaveLength(3);
  });

  it('names stdin in errors', async () => {
    const err = (await readConversations('-', { stdin: Readable.from([Buffer.from('{"id": "a", "text": "x"}\n{"id": \n')]) }).catch((e: unknown) => e)) as MisfireError;
    expect(err.message).toMatch(/^stdin:2, field "\(json\)": invalid JSON/);
  });

  it('feeds one input only, and only the conversations', () => {
    expect(() => assertStdinUse([['--conversations', '-'], ['--verdicts', 'v.csv']])).not.toThrow();
    expect(() => assertStdinUse([['--conversations', '-'], ['--verdicts', '-']])).toThrow('standard input (-) can feed only one input, not --conversations and --verdicts');
    expect(() => assertStdinUse([['--conversations', 'c.jsonl'], ['--labels', '-']])).toThrow('--labels -: standard input is accepted for --conversations only');
  });
});
