/**
 * `misfire sample` on the command line: --help teaches the rule with examples and exit codes, bad flags and
 * inputs exit 2 with a message naming the flag, file or field and write nothing, and a sample is written
 * with the command that uses it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { sharedDemoRun } from '../helpers/demo-run.js';
import { REPO } from '../helpers/paths.js';

const here = process.cwd();
afterEach(() => process.chdir(here));
const run = sharedDemoRun();

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'misfire-sample-cli-'));
  process.chdir(dir);
  return dir;
}

/** The compiled CLI in a child process (yargs prints --help with console.log and exits). */
function binary(...args: string[]): { code: number; out: string } {
  const child = spawnSync(process.execPath, [join(REPO, 'bin', 'misfire.js'), ...args], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
  return { code: child.status ?? -1, out: child.stdout.replace(/\s+/g, ' ') };
}

describe('misfire sample --help', () => {
  it('states the rule, shows examples and lists the exit codes', () => {
    const { code, out } = binary('sample', '--help');
    expect(code).toBe(0);
    for (const flag of ['--run', '--budget', '--classifier', '--out', '--seed', '--min-per-stratum', '--fn-cost']) expect(out).toContain(flag);
    expect(out).toContain('Neyman allocation, n_h ∝ N_h·S_h');
    expect(out).toContain('Examples: misfire sample --run reports/prod --budget 500');
    expect(out).toContain('--sample sample.csv');
    expect(out).toMatch(/Exit codes: 0 sample written; 2 bad usage or input.*; 3 unexpected error/);
  });

  it('is listed by misfire --help, and run --help documents --sample', () => {
    expect(binary('--help').out).toContain('misfire sample Choose which conversations to send for labelling');
    expect(binary('run', '--help').out).toMatch(/--sample sample\.csv written by `misfire sample`/);
  });
});

describe('misfire sample refuses, with exit 2, before writing anything', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing --budget', ['sample', '--run', 'r', '--classifier', 'v'], /Missing required argument: budget/],
    ['a budget that is not a number', ['sample', '--run', 'r', '--classifier', 'v', '--budget', 'abc'], /--budget must be a whole number, got "abc"/],
    ['a budget of 0', ['sample', '--run', 'r', '--classifier', 'v', '--budget', '0'], /--budget must be a whole number ≥ 1, got 0/],
    ['--budget given twice', ['sample', '--run', 'r', '--classifier', 'v', '--budget', '5', '--budget', '6'], /--budget was given 2 times/],
    ['a cost of 0', ['sample', '--run', 'r', '--classifier', 'v', '--budget', '5', '--fn-cost', '0'], /--fn-cost must be a number above 0, got 0/],
    ['a folder that is no run', ['sample', '--run', 'nowhere', '--classifier', 'v', '--budget', '5'], /nowhere[/\\]run\.json: unreadable run: run\.json is missing/],
  ];
  it.each(cases)('%s', async (_, args, message) => {
    const dir = freshDir();
    const { code, err } = await runCli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unknown classifier, a budget below the floors, or an --out misfire did not write', async () => {
    const dir = freshDir();
    const unknown = await runCli('sample', '--run', run, '--budget', '100', '--classifier', 'nope');
    expect([unknown.code, unknown.err]).toEqual([2, 'misfire: config error: unknown classifier "nope": the run has "detector-v2", "detector-v3", "keyword-v1"\n']);
    const small = await runCli('sample', '--run', run, '--budget', '10', '--classifier', 'keyword-v1');
    expect(small.code).toBe(2);
    expect(small.err).toMatch(/--budget 10 is below the floor: .*raise --budget to at least \d+ or lower --min-per-stratum/);
    writeFileSync(join(dir, 'sample.csv'), 'conversation_id,label\nc000001,1\n');
    const mine = await runCli('sample', '--run', run, '--budget', '150', '--classifier', 'keyword-v1');
    expect(mine.code).toBe(2);
    expect(mine.err).toMatch(/--out sample\.csv already exists and was not written by misfire sample/);
    expect(readFileSync(join(dir, 'sample.csv'), 'utf8')).toBe('conversation_id,label\nc000001,1\n');
  });
});

describe('misfire sample writes the sample and says what to do next', () => {
  it('prints the strata drawn most and the run command that uses the sample', async () => {
    const dir = freshDir();
    const { code, out, err } = await runCli('sample', '--run', run, '--budget', '150', '--classifier', 'keyword-v1', '-o', 'review/batch-1.csv');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^misfire sample: 150 of 3000 conversations \(5\.0%\) in \d+ strata, seed 42, error shares updated by the run's labels\n/);
    expect(out).toMatch(/\n {2}L0-\d{3}\/(not-)?flagged: \d+ of \d+\n/);
    expect(out).toMatch(/\nsample: review\/batch-1\.csv\n/);
    expect(out).toMatch(/\n {2}misfire run -c \S+conversations\.jsonl -v \S+verdicts\.csv --labels LABELS\.csv --sample review\/batch-1\.csv --out REPORT_DIR\n$/);
    expect(readFileSync(join(dir, 'review', 'batch-1.csv'), 'utf8').trim().split('\n')).toHaveLength(151);
    // a second run replaces its own file
    expect((await runCli('sample', '--run', run, '--budget', '160', '--classifier', 'keyword-v1', '-o', 'review/batch-1.csv')).code).toBe(0);
    expect(existsSync(join(dir, 'review', 'batch-1.csv'))).toBe(true);
  });
});
