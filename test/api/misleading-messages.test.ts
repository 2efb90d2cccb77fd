/**
 * Messages and counts say what happened: gap examples list distinct ids, a run's recorded inputs are found
 * from any working folder, empty labels are counted as unknown (not rejected), and a verdict file named
 * twice is called that, before anything is read.
 */
import { cpSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const here = process.cwd();
afterEach(() => process.chdir(here));
const small = { minUsers: 2, minConversations: 2 };

describe('"inputs do not line up" lists distinct example ids', () => {
  it('one unknown id with verdicts from three classifiers is shown once', async () => {
    const base = tinyContents();
    const ghosts = ['filter-a', 'filter-b', 'filter-c'].map((name) => `ghost-1,${name},0.9,1`);
    const twins = ['filter-b', 'filter-c'].flatMap((name) => base.verdicts.slice(1).map((row) => row.replace(',filter-a,', `,${name},`)));
    const data = writeTinyDataset({ verdicts: `${[...base.verdicts, ...twins, ...ghosts, 'ghost-2,filter-a,0.1,0'].join('\n')}\n` });
    const err = (await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(data.dir, 'out') }).catch((e: unknown) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect(err.message).toContain('4 verdict rows name a conversation id that is not in the conversations (e.g. ghost-1, ghost-2)');
  });
});

describe('run.json records inputs relative to the run folder', () => {
  it('so `gate --run sub/out` from another folder finds them', async () => {
    const data = writeTinyDataset();
    const base = tinyContents();
    const twin = base.verdicts.slice(1).map((row) => row.replace(',filter-a,', ',filter-b,'));
    const project = join(data.dir, 'project');
    mkdirSync(join(project, 'data'), { recursive: true });
    for (const name of ['conversations.jsonl', 'labels.csv']) cpSync(join(data.dir, name), join(project, 'data', name));
    writeFileSync(join(project, 'data', 'verdicts.csv'), `${[...base.verdicts, ...twin].join('\n')}\n`);
    process.chdir(project);
    const made = await runCli('run', '-c', 'data/conversations.jsonl', '-v', 'data/verdicts.csv', '-l', 'data/labels.csv', '-o', 'sub/out', '--min-users', '2', '-q');
    expect(made.code, made.err).toBe(0);
    const run = JSON.parse(readFileSync(join(project, 'sub', 'out', 'run.json'), 'utf8'));
    expect(run.inputs.verdicts[0].file).toBe('../../data/verdicts.csv');
    expect(run.inputs.labels.file).toBe('../../data/labels.csv');
    process.chdir(data.dir);
    const gate = await runCli('gate', '--run', relative(data.dir, join(project, 'sub', 'out')), '--baseline', 'filter-a', '--candidate', 'filter-b', '--min-support', '1');
    expect(gate.err).not.toMatch(/is gone/);
    expect(gate.code, gate.err).toBe(0);
  });

  it('a recorded input that really is gone is named with where it was looked for', async () => {
    const data = writeTinyDataset();
    const out = join(data.dir, 'out');
    const base = tinyContents();
    const twin = base.verdicts.slice(1).map((row) => row.replace(',filter-a,', ',filter-b,'));
    const verdicts = join(data.dir, 'both.csv');
    writeFileSync(verdicts, `${[...base.verdicts, ...twin].join('\n')}\n`);
    await runMisfire({ conversations: data.conversations, verdicts: [verdicts], labels: data.labels, out, settings: small });
    unlinkSync(verdicts);
    const gate = await runCli('gate', '--run', out, '--baseline', 'filter-a', '--candidate', 'filter-b');
    expect(gate.code).toBe(2);
    expect(gate.err).toContain(`input file "../both.csv" recorded in run.json (relative to the run folder: ${verdicts}) is gone`);
  });
});

describe('row counts in run.json', () => {
  it('an empty label is unknown, not rejected; rows that name no conversation are rejected', async () => {
    const base = tinyContents();
    const labels = base.labels.map((line, i) => (i === 3 || i === 4 ? line.replace(/^(c\d+),\d/, '$1,') : line));
    const verdicts = [...base.verdicts.map((line, i) => (i === 5 ? line.replace(/,[\d.]+,\d$/, ',,') : line)), 'ghost,filter-a,0.2,0'];
    const data = writeTinyDataset({ labels: `${[...labels, 'ghost,1,', 'ghost-2,0,'].join('\n')}\n`, verdicts: `${verdicts.join('\n')}\n` });
    const outcome = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(data.dir, 'out'), settings: { ...small, allowMissing: true } });
    expect(outcome.run.rows.labels_unknown).toBe(2);
    expect(outcome.run.rows.verdict_rows_without_verdict).toBe(1);
    expect(outcome.run.rows.rejected).toBe(4);
  });
});

describe('the same verdict file passed twice', () => {
  it('is named as such, before anything is read (exit 2)', async () => {
    const data = writeTinyDataset();
    process.chdir(data.dir);
    const result = await runCli('run', '-c', 'missing.jsonl', '-v', 'verdicts.csv', '-v', './verdicts.csv', '-o', 'out', '-q');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--verdicts names the same file twice: "verdicts.csv" and "./verdicts.csv"; give each file once');
    expect(result.err).not.toMatch(/duplicate verdict|missing\.jsonl/);
  });
});
