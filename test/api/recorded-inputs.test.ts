/**
 * `misfire show` reads the run's original inputs from the paths run.json records (relative to the run
 * folder) and checks each against its recorded sha256: an input that is gone, changed (validly or into
 * something malformed) or was standard input is exit 2 naming run.json and the field of that input. A run
 * without labels lists flagged conversations but refuses kinds that need labels.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A run of a fresh tiny dataset (its own files, so a test may change them). */
async function tinyRun(options: { labels?: boolean } = {}): Promise<{ data: TinyDataset; run: string }> {
  const data = writeTinyDataset();
  made.push(data.dir);
  const run = join(data.dir, 'run');
  await runMisfire({
    conversations: data.conversations,
    verdicts: [data.verdicts],
    labels: options.labels === false ? null : data.labels,
    out: run,
    settings: { minUsers: 2 },
  });
  return { data, run };
}

const show = (run: string, ...args: string[]) => runCli('show', '--run', run, '--classifier', 'filter-a', '--cluster', 'L0-000', ...args);

describe('a recorded input that is gone or changed is exit 2 naming run.json and the field', () => {
  it('lists the cluster while the inputs are as the run read them', async () => {
    const { run } = await tinyRun();
    const result = await show(run, '--format', 'jsonl');
    expect(result.code, result.err).toBe(0);
    expect(result.out.trim().split('\n').length).toBeGreaterThan(0);
  });

  it('a verdicts file that is gone', async () => {
    const { data, run } = await tinyRun();
    rmSync(data.verdicts);
    const result = await show(run);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${join(run, 'run.json')}, field "inputs.verdicts[0].file": the verdicts file "../verdicts.csv" (from the run folder: ${data.verdicts}) is gone`);
    expect(result.out).toBe('');
  });

  it('a conversations file that is gone', async () => {
    const { data, run } = await tinyRun();
    rmSync(data.conversations);
    const result = await show(run);
    expect(result.code).toBe(2);
    expect(result.err).toContain('field "inputs.conversations.file": the conversations file "../conversations.jsonl"');
  });

  it('a labels file changed since the run (still valid): the sha256 differs', async () => {
    const { data, run } = await tinyRun();
    writeFileSync(data.labels, readFileSync(data.labels, 'utf8').replace('\nc0,0,', '\nc0,1,'));
    const result = await show(run);
    expect(result.code).toBe(2);
    const recorded = (JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')) as { inputs: { labels: { sha256: string } } }).inputs.labels.sha256;
    expect(result.err).toContain(`${join(run, 'run.json')}, field "inputs.labels.sha256": the labels file ${data.labels} changed since the run`);
    expect(result.err).toContain(`the run recorded ${recorded}`);
  });

  it('a verdicts file edited into something malformed is reported as changed, not as malformed', async () => {
    const { data, run } = await tinyRun();
    writeFileSync(data.verdicts, `${readFileSync(data.verdicts, 'utf8')}c1,filter-a,abc,1\n`);
    const result = await show(run);
    expect(result.code).toBe(2);
    expect(result.err).toContain('field "inputs.verdicts[0].sha256": the verdicts file');
    expect(result.err).not.toMatch(/expected a number/);
  });

  it('conversations the run read from standard input cannot be read again', async () => {
    const { run } = await tinyRun();
    const file = join(run, 'run.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as { inputs: { conversations: { file: string } } };
    record.inputs.conversations.file = '-';
    writeFileSync(file, JSON.stringify(record));
    const result = await show(run);
    expect(result.code).toBe(2);
    expect(result.err).toContain('field "inputs.conversations.file": the run read its conversations from standard input ("-")');
  });
});

describe('a run without labels', () => {
  it('lists the flagged members, without a label column, and refuses kinds that need labels', async () => {
    const { data, run } = await tinyRun({ labels: false });
    const flagged = await show(run, '--kind', 'flagged', '--limit', '0');
    expect(flagged.code, flagged.err).toBe(0);
    const header = flagged.out.split('\n').find((line) => line.startsWith('conversation '));
    expect(header).toMatch(/^conversation\s+user\s+cluster\s+flagged\s+score\s+request/);
    const rows = flagged.out.split('\n').filter((line) => /^c\d+ /.test(line));
    const verdicts = new Map(readFileSync(data.verdicts, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((f) => [f[0], f[3]]));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(verdicts.get(row.split(' ')[0])).toBe('1');
    const fp = await show(run, '--kind', 'fp');
    expect(fp.code).toBe(2);
    expect(fp.err).toContain('--kind fp needs labels, and this run has none (proxy mode)');
  });
});
