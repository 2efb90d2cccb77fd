/**
 * The slicing flags: --slice-by takes comma-separated or repeated field names, checked against the
 * conversations (an unknown field exits 2 naming it and the fields there are, writing nothing); --cross adds
 * value × cluster slices; --help teaches both; the run's summary names the slice pockets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/api/settings.js';
import { runCli } from '../helpers/run-cli.js';
import { REPO } from '../helpers/paths.js';

const root = mkdtempSync(join(tmpdir(), 'misfire-slice-flags-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--slice-by and --cross', () => {
  it('refuses an unknown field with exit 2, naming it and listing the fields, and writes nothing', async () => {
    const out = join(root, 'unknown');
    const { code, err } = await runCli('run', '--demo', '--slice-by', 'chanel,language', '-o', out, '-q');
    expect(code).toBe(2);
    expect(err).toBe('misfire: config error: --slice-by names a field the conversations do not have: "chanel" (fields: "channel", "concern", "language", "topic")\n');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an empty name and a field named twice', async () => {
    const empty = await runCli('run', '--demo', '--slice-by', 'channel,,language', '-o', join(root, 'x'));
    expect([empty.code, empty.err]).toEqual([2, 'misfire: --slice-by has an empty name in "channel,,language": separate names with single commas\nRun with --help for usage.\n']);
    const twice = await runCli('run', '--demo', '--slice-by', 'channel', '--slice-by', 'channel', '-o', join(root, 'y'));
    expect([twice.code, twice.err]).toEqual([2, 'misfire: config error: --slice-by names the field "channel" twice: give each field once\n']);
    expect(() => resolveSettings({ sliceBy: 'channel' as unknown as string[] })).toThrow('--slice-by must name one or more fields (e.g. channel,language), got "channel"');
    expect(() => resolveSettings({ cross: 'yes' as unknown as boolean })).toThrow('--cross must be true or false, got "yes"');
  });

  it('teaches both flags in --help, with examples', () => {
    // yargs ends the process after --help, so ask the compiled CLI in a child process.
    const out = execFileSync(process.execPath, [join(REPO, 'bin', 'misfire.js'), 'run', '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
    expect(out).toMatch(/Slices \(metadata fields, the language facet\):\s+--slice-by/);
    expect(out).toMatch(/--cross/);
    expect(out).toMatch(/misfire run --demo --slice-by channel,language/);
    expect(out).toMatch(/misfire run --demo --slice-by channel --cross/);
    expect(out).toMatch(/unknown field in --slice-by is a usage error \(exit 2\)/);
  });

  it('slices the demo by the named field and its value × cluster slices, and prints the slice pockets', async () => {
    const out = join(root, 'channel');
    const result = await runCli('run', '--demo', '--slice-by', 'channel', '--cross', '-o', out, '-q');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^keyword-v1: [^]*\n {2}over-flags, slice: channel = api \[S0-000\] FPR \d+\.\d% \(\d+ benign, q [\d.e-]+\)/m);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { slicing: { chosen_by: string; cross: boolean; dimensions: { field: string; cross_level: number | null }[] } };
    expect(metrics.slicing).toMatchObject({ chosen_by: 'slice-by', cross: true });
    expect(metrics.slicing.dimensions.map((d) => [d.field, d.cross_level])).toEqual([['channel', null], ['channel', 1]]);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { settings: { sliceBy: string[]; cross: boolean } };
    expect(run.settings).toMatchObject({ sliceBy: ['channel'], cross: true });
  });
});
