/**
 * sample.csv: what `misfire sample` writes reads back as it was, a damaged or edited file is refused with its
 * file, line and field, and the writer never replaces a file misfire did not write.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSampleFile, sampleCsv, type SampleRow } from '../../src/artifacts/sample-file.js';
import { assertSampleOutput, writeSampleFile } from '../../src/artifacts/sample-output.js';
import { rejectionOf } from '../helpers/rejection.js';

const ROWS: SampleRow[] = [
  { conversationId: 'c1', stratum: 'L0-000/flagged', inclusionProbability: 0.5 },
  { conversationId: 'c2', stratum: 'L0-000/not-flagged', inclusionProbability: 1 / 3 },
  { conversationId: 'c,3', stratum: 'L0-000/flagged', inclusionProbability: 0.5 },
  { conversationId: 'c4', stratum: 'L0-000/not-flagged', inclusionProbability: 1 / 3 },
];

let dir: string;
let run: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'misfire-sample-file-'));
  run = join(dir, 'run');
  mkdirSync(run);
});
const protect = () => ({ runDir: run, inputs: [join(dir, 'verdicts.csv')] });
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('readSampleFile', () => {
  it('reads back what sampleCsv writes, with each stratum\'s size N_h = rows / inclusion probability', async () => {
    const file = write('sample.csv', sampleCsv(ROWS));
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('conversation_id,stratum,inclusion_probability');
    const read = await readSampleFile(file);
    expect(read.rows.map(({ line, ...row }) => row)).toEqual(ROWS);
    expect(read.strata).toEqual([
      { name: 'L0-000/flagged', drawn: 2, population: 4, line: 2 },
      { name: 'L0-000/not-flagged', drawn: 2, population: 6, line: 3 },
    ]);
    expect(read.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  const damaged: [string, string, RegExp][] = [
    ['a repeated id', 'c1,A,0.5\nc1,A,0.5\n', /:3, field "conversation_id": conversation "c1" is listed twice \(first on line 2\)/],
    ['a probability that is not one', 'c1,A,2\n', /:2, field "inclusion_probability": expected an inclusion probability above 0 and at most 1, got "2"/],
    ['a probability of 0', 'c1,A,0\n', /:2, field "inclusion_probability": expected an inclusion probability above 0/],
    ['text for a probability', 'c1,A,half\n', /:2, field "inclusion_probability": expected an inclusion probability above 0 and at most 1, got "half"/],
    ['two probabilities in one stratum', 'c1,A,0.5\nc2,A,0.25\n', /:3, field "inclusion_probability": stratum "A" has inclusion probability 0.5 on line 2 but 0.25 here/],
    ['a stratum whose rows stand for no whole number of conversations', 'c1,A,0.4\n', /:2, field "inclusion_probability": stratum "A": its 1 rows at inclusion probability 0.4 stand for 2.5 conversations, not a whole number/],
    ['an empty stratum', 'c1,,0.5\n', /:2, field "stratum": missing stratum/],
    ['an empty id', ',A,0.5\n', /:2, field "conversation_id": missing id/],
  ];
  it.each(damaged)('refuses %s, naming file, line and field', async (_, body, message) => {
    const file = write('sample.csv', `conversation_id,stratum,inclusion_probability\n${body}`);
    const err = await rejectionOf(readSampleFile(file));
    expect(err.code).toBe('input');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(message);
  });

  it('refuses a file without the columns, with only a header, or missing', async () => {
    expect((await rejectionOf(readSampleFile(write('a.csv', 'conversation_id,label\nc1,1\n')))).message).toMatch(/stratum/);
    expect((await rejectionOf(readSampleFile(write('b.csv', 'conversation_id,stratum,inclusion_probability\n')))).message).toMatch(/only a header/);
    expect((await rejectionOf(readSampleFile(join(dir, 'none.csv')))).message).toMatch(/file not found \(write it with `misfire sample/);
  });
});

describe('writeSampleFile', () => {
  it('writes a new file, and replaces a sample file it wrote before', async () => {
    const out = join(dir, 'deep', 'sample.csv');
    await writeSampleFile(out, ROWS, protect());
    expect(readFileSync(out, 'utf8')).toBe(sampleCsv(ROWS));
    await writeSampleFile(out, ROWS.slice(0, 2), protect());
    expect(readFileSync(out, 'utf8')).toBe(sampleCsv(ROWS.slice(0, 2)));
  });

  it('never replaces a file it did not write: a labels file, an edited sample, anything else', async () => {
    for (const [name, text] of [
      ['labels.csv', 'conversation_id,label\nc1,1\n'],
      ['edited.csv', 'conversation_id,stratum,inclusion_probability,label\nc1,A,0.5,1\n'],
      ['broken.csv', 'conversation_id,stratum,inclusion_probability\nc1,A,0.4\n'],
      ['notes.txt', 'my notes\n'],
    ]) {
      const file = write(name, text);
      const err = await rejectionOf(writeSampleFile(file, ROWS, protect()));
      expect(err.code).toBe('config');
      expect(err.message).toMatch(/already exists and was not written by misfire sample .* misfire will not overwrite it; move it away or choose another --out/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('refuses an empty --out, a folder, a path inside the run folder and an input of the run', async () => {
    expect((await rejectionOf(assertSampleOutput('', protect()))).message).toMatch(/--out is empty \(an unset variable in a script\?\)/);
    expect((await rejectionOf(assertSampleOutput(dir, protect()))).message).toMatch(/is a folder: name a file/);
    expect((await rejectionOf(assertSampleOutput(join(run, 'sample.csv'), protect()))).message).toMatch(/is inside the run folder .*: misfire keeps run folders to its own files/);
    const verdicts = write('verdicts.csv', sampleCsv(ROWS));
    expect((await rejectionOf(assertSampleOutput(verdicts, protect()))).message).toMatch(/is an input of the run/);
  });

  it('leaves no temporary file behind', async () => {
    await writeSampleFile(join(dir, 'sample.csv'), ROWS, protect());
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).sort()).toEqual(['run', 'sample.csv']);
  });
});
