/**
 * Flags are checked before any work: a single-valued flag given twice, a number that is not one, a switch
 * given a value, a stray argument — each exits 2 with a message that names the flag and quotes what was
 * typed, without reading an input or writing a file. `run --out` is the documented exception: the last wins.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runOptions } from '../../src/cli/run-options.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset } from '../helpers/tiny-dataset.js';

const here = process.cwd();
afterEach(() => process.chdir(here));

/** Run the CLI in an empty temporary folder; the inputs named do not exist, so any read would say so. */
async function refusedBeforeWork(args: string[], message: RegExp): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'misfire-flags-'));
  process.chdir(dir);
  const result = await runCli(...args);
  expect(result.code, args.join(' ')).toBe(2);
  expect(result.err, args.join(' ')).toMatch(message);
  expect(result.err).not.toMatch(/not found|no such file|unexpected error|\n\s+at /i);
  expect(readdirSync(dir), args.join(' ')).toEqual([]);
  return result.err;
}

describe('a single-valued flag given twice is a usage error naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['run', '-c', 'a.jsonl', '-c', 'b.jsonl', '-v', 'v.csv'], /--conversations was given 2 times \("a\.jsonl", "b\.jsonl"\): give it once/],
    [['run', '-c', 'a.jsonl', '-v', 'v.csv', '-l', 'l1.csv', '--labels', 'l2.csv'], /--labels was given 2 times/],
    [['run', '-c', 'a.jsonl', '-v', 'v.csv', '--config', 'x.json', '--config', 'y.json'], /--config was given 2 times/],
    [['run', '-c', 'a.jsonl', '-v', 'v.csv', '--k', '4', '--k', '5'], /--k was given 2 times \("4", "5"\)/],
    [['run', '-c', 'a.jsonl', '-v', 'v.csv', '--provider', 'offline', '--provider', 'anthropic'], /--provider was given 2 times/],
    [['gate', '--run', 'a', '--run', 'b', '--baseline', 'x', '--candidate', 'y'], /--run was given 2 times \("a", "b"\)/],
    [['gate', '--run', 'a', '--baseline', 'x', '--candidate', 'y', '--candidate', 'z'], /--candidate was given 2 times/],
    [['gate', '--run', 'a', '--baseline', 'x', '--candidate', 'y', '--json', 'g1.json', '--json', 'g2.json'], /--json was given 2 times/],
    [['report', '--run', 'a', '--run', 'b'], /--run was given 2 times/],
    [['report', '--run', 'a', '-o', 'x.html', '-o', 'y.html'], /--out was given 2 times/],
    [['bless', '--run', 'a', '--run', 'b'], /--run was given 2 times/],
    [['bless', '--run', 'a', '--baseline-dir', 'x', '--baseline-dir', 'y'], /--baseline-dir was given 2 times/],
  ];
  for (const [args, message] of cases) it(args.join(' '), () => refusedBeforeWork(args, message));
});

describe('run --out given twice: the last one wins, as --help says', () => {
  it('writes to the last --out only (what `npm start -- --out DIR` means)', async () => {
    const data = writeTinyDataset();
    const first = join(data.dir, 'first');
    const last = join(data.dir, 'last');
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--min-users', '2', '-o', first, '--out', last, '-q');
    expect(result.code, result.err).toBe(0);
    expect(existsSync(join(last, 'run.json'))).toBe(true);
    expect(existsSync(first)).toBe(false);
  });

  it('is said in run --help', () => {
    expect(runOptions.out.describe).toMatch(/Given twice, the last one wins/);
  });
});

describe('numbers are parsed from what was typed, never reported as NaN', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--demo', '--k', 'abc'], /--k must be a whole number, got "abc"/],
    [['run', '--demo', '--k', '2.5'], /--k must be a whole number, got "2\.5"/],
    [['run', '--demo', '--seed', '0x10'], /--seed must be a whole number, got "0x10"/],
    [['run', '--demo', '--alpha', 'abc'], /--alpha must be a number, got "abc"/],
    [['run', '--demo', '--threshold', 'Infinity'], /--threshold must be a number, got "Infinity"/],
    [['run', '--demo', '--k'], /--k is empty/],
    [['run', '--demo', '--provider', 'anthropic', '--concurrency', 'lots'], /--concurrency must be a whole number, got "lots"/],
    [['gate', '--run', 'a', '--baseline', 'x', '--candidate', 'y', '--max-increase', 'abc'], /--max-increase must be a number, got "abc"/],
    [['gate', '--run', 'a', '--baseline', 'x', '--candidate', 'y', '--min-support', '1e400'], /--min-support must be a whole number, got "1e400"/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      expect(await refusedBeforeWork(args, message)).not.toMatch(/NaN/);
    });
  }
});

describe('other misuse of flags', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--demo=abc'], /--demo is a switch and takes no value, got "abc"/],
    [['run', '--demo', '--no-out'], /--out needs a value \(there is no --no-out\)/],
    [['run', '--demo', '--out'], /--out is empty \(an unset variable in a script\?\)/],
    [['run', '--demo', '--cache-dir'], /--cache-dir is empty/],
    [['bless', '--run', 'r', '--baseline-dir'], /--baseline-dir is empty/],
    [['run', '--demo', '--out.x', 'y'], /--out takes a value, not a sub-option \(--out\.x\)/],
    [['run', '--demo', '--', 'extra.csv'], /unexpected argument "extra\.csv"/],
    [['run', '--demo', '-c', 'c.jsonl'], /--demo uses the shipped demo inputs: drop --conversations/],
    [['run', '--demo', '-v', 'v.csv', '-l', 'l.csv'], /drop --verdicts, --labels/],
  ];
  for (const [args, message] of cases) it(args.join(' '), () => refusedBeforeWork(args, message));
});
