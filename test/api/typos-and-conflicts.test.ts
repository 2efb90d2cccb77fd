/**
 * Typos and conflicting settings do not pass silently: a threshold for a classifier the verdicts lack and an
 * unknown config key are refused with the known names; --k above n is clamped with a warning; concern
 * values outside 1–5 are counted in one warning; warnings reach stderr, run.json, the report and report.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import type { RunWarning } from '../../src/warnings.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const small = { minUsers: 2, minConversations: 2 };

describe('config typos', () => {
  it('a threshold for a classifier that is not in the verdicts: exit 2 naming it and the known ones', async () => {
    const data = writeTinyDataset();
    const config = join(data.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ thresholds: { 'filter-A': 0.5 } }));
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--config', config, '-o', join(data.dir, 'out'), '-q');
    expect(result.code).toBe(2);
    expect(result.err).toContain('"thresholds" names a classifier the verdicts do not have: "filter-A" (known: "filter-a")');
  });

  it('an unknown setting: exit 2 naming the file, the key and the known settings', async () => {
    const data = writeTinyDataset();
    const config = join(data.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ minUser: 3 }));
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '--config', config, '-o', join(data.dir, 'out'), '-q');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/config\.json, field "minUser": unknown setting \(known: seed, provider, k, .*minUsers/);
  });

  it('a value of the wrong type is quoted as written', async () => {
    const data = writeTinyDataset();
    const err = (await runMisfire({
      conversations: data.conversations,
      verdicts: [data.verdicts],
      out: join(data.dir, 'out'),
      settings: JSON.parse('{"seed": "5", "thresholds": null}'),
    }).catch((e: unknown) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect(err.message).toBe('--seed must be a whole number from 0 to 4294967295, got "5"');
  });
});

describe('warnings for what the run works around', () => {
  it('--k above the number of conversations is clamped to it, with a warning on stderr and in run.json', async () => {
    const data = writeTinyDataset();
    const out = join(data.dir, 'out');
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--k', '500', '--min-users', '2', '-o', out, '-q');
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain('misfire: warning: --k 500 is more than the 40 conversations; using k = 40');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.warnings).toEqual([{ code: 'k-clamped', message: '--k 500 is more than the 40 conversations; using k = 40' }]);
    expect(run.settings.k).toBe(500);
  });

  it('concern values outside 1–5 are counted in one warning, shown (escaped) in the report and report.md', async () => {
    const concerns = ['7', '0', '<b>high</b>', '3', '', '2.5'];
    const lines = tinyContents().conversations.map((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(i < concerns.length ? { ...row, concern: concerns[i] } : row);
    });
    const data = writeTinyDataset({ conversations: `${lines.join('\n')}\n` });
    const warnings: RunWarning[] = [];
    const outcome = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], out: join(data.dir, 'out'), settings: small, onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('concern-out-of-range');
    expect(warnings[0].message).toBe(
      '4 conversations have a "concern" value that is not a whole number from 1 to 5 (e.g. c0: "7", c1: "0", c2: "<b>high</b>"); those values are ignored',
    );
    expect(outcome.run.warnings).toEqual(warnings);
    const html = readFileSync(join(outcome.outDir, 'index.html'), 'utf8');
    expect(html).toContain('c2: &quot;&lt;b&gt;high&lt;/b&gt;&quot;');
    expect(html).not.toContain('<b>high</b>');
    const markdown = readFileSync(join(outcome.outDir, 'report.md'), 'utf8');
    expect(markdown).toContain('**Warnings (what the run clamped, ignored or repaired):**');
    expect(markdown).toContain('c2: "\\<b\\>high\\</b\\>"');
  });
});
