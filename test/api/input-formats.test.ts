/**
 * The same data in any accepted format gives the same analysis: conversations as a gzipped JSON array or on
 * standard input, verdicts as Parquet, labels as TSV with other header spellings. run.json records each input
 * as named, hashed as stored; a blessed baseline keeps copies that read back the same way.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { blessRun } from '../../src/api/gate-bless.js';
import { loadStoredRun, readRunLabels, readRunVerdicts } from '../../src/api/gate-run-files.js';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import { REPO } from '../helpers/paths.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const artifacts = (dir: string) => ['metrics.json', 'clusters.json', 'assignments.csv'].map((name) => readFileSync(join(dir, name), 'utf8'));
const runJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));

let data: TinyDataset;
let reference: string[];

beforeAll(async () => {
  data = writeTinyDataset();
  await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(data.dir, 'reference') });
  reference = artifacts(join(data.dir, 'reference'));
});

describe('one data set, other formats, the same analysis', () => {
  it('a gzipped JSON array, Parquet verdicts and TSV labels', async () => {
    const lines = readFileSync(data.conversations, 'utf8').trim().split('\n');
    const conversations = join(data.dir, 'conversations.json.gz');
    writeFileSync(conversations, gzipSync(`[\n${lines.join(',\n')}\n]\n`));
    const verdictRows = readFileSync(data.verdicts, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const verdicts = join(data.dir, 'verdicts.parquet');
    writeFileSync(verdicts, Buffer.from(parquetWriteBuffer({
      columnData: [
        { name: 'Conversation_ID', data: verdictRows.map((r) => r[0]), type: 'STRING' },
        { name: 'classifier', data: verdictRows.map((r) => r[1]), type: 'STRING' },
        { name: 'score', data: verdictRows.map((r) => Number(r[2])), type: 'DOUBLE' },
        { name: 'flagged', data: verdictRows.map((r) => r[3] === '1'), type: 'BOOLEAN' },
      ],
    })));
    const labels = join(data.dir, 'labels.tsv');
    const labelRows = readFileSync(data.labels, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    writeFileSync(labels, `ID\tLABEL\tCategory\n${labelRows.map(([id, label, category]) => `${id}\t${label === '1' ? 'yes' : '0.0'}\t${category}`).join('\n')}\n`);
    const out = join(data.dir, 'formats');
    await runMisfire({ conversations, verdicts: [verdicts], labels, out });
    expect(artifacts(out)).toEqual(reference);
    const inputs = runJson(out).inputs;
    expect(inputs.conversations).toEqual({ file: '../conversations.json.gz', sha256: sha256(conversations), bytes: readFileSync(conversations).length });
    expect(inputs.verdicts[0].sha256).toBe(sha256(verdicts));
    expect(inputs.labels.file).toBe('../labels.tsv');
    const baseline = join(data.dir, 'baseline');
    await blessRun(out, baseline);
    const manifest = JSON.parse(readFileSync(join(baseline, 'baseline.json'), 'utf8'));
    expect(manifest.inputs.map((i: { copy: string }) => i.copy)).toEqual(['inputs/verdicts-1.parquet', 'inputs/labels.tsv']);
    const stored = await loadStoredRun(baseline);
    expect((await readRunVerdicts(stored)).rows).toHaveLength(40);
    expect((await readRunLabels(stored)).rows).toHaveLength(40);
  });
});

describe('conversations from standard input: misfire run -c -', () => {
  const cli = (args: string[], input: Buffer) => spawnSync(process.execPath, [join(REPO, 'bin/misfire.js'), ...args], { input, encoding: 'utf8' });

  it('reads them, records "-" with the sha256 of what came in, and gives the same analysis', () => {
    const out = join(data.dir, 'stdin');
    const input = readFileSync(data.conversations);
    const result = cli(['run', '-c', '-', '-v', data.verdicts, '-l', data.labels, '-o', out, '--quiet'], input);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(artifacts(out)).toEqual(reference);
    expect(runJson(out).inputs.conversations).toEqual({ file: '-', sha256: sha256(data.conversations), bytes: input.length });
  });

  it('refuses standard input for two inputs at once (exit 2)', () => {
    const result = cli(['run', '-c', '-', '-v', data.verdicts, '-l', '-', '-o', join(data.dir, 'never'), '--quiet'], Buffer.from(''));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('standard input (-) can feed only one input, not --conversations and --labels');
  });
});

describe('the run names the input at fault', () => {
  it('an empty conversations file is named as empty, not blamed on the verdict ids', async () => {
    const empty = writeTinyDataset({ conversations: '' });
    const err = (await runMisfire({ conversations: empty.conversations, verdicts: [empty.verdicts], labels: empty.labels, out: join(empty.dir, 'out') }).catch((e: unknown) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect(err.message).toBe(`${empty.conversations}: the file is empty: no conversations to cluster`);
  });

  it('invalid UTF-8 in an input is a warning in run.json and on stderr', async () => {
    const lines = readFileSync(data.conversations, 'utf8').trim().split('\n');
    const broken = writeTinyDataset();
    const [before, after] = lines[5].split('variant');
    const line6 = Buffer.concat([Buffer.from(`${before}vari`), Buffer.from([0xff]), Buffer.from(`nt${after}`)]);
    writeFileSync(broken.conversations, Buffer.concat([Buffer.from(`${lines.slice(0, 5).join('\n')}\n`), line6, Buffer.from(`\n${lines.slice(6).join('\n')}\n`)]));
    const told: string[] = [];
    const out = join(broken.dir, 'out');
    await runMisfire({ conversations: broken.conversations, verdicts: [broken.verdicts], labels: broken.labels, out, onWarning: (w) => told.push(w.message) });
    const expected = { code: 'invalid-utf8', message: `${broken.conversations}: an invalid UTF-8 byte sequence replaced with U+FFFD, the first on line 6` };
    expect(runJson(out).warnings).toContainEqual(expected);
    expect(told).toContain(expected.message);
  });
});
