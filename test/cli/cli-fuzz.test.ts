/**
 * No stack traces, whatever the arguments and the bytes of the inputs: random argument lists (known flags,
 * repeated flags, odd values, unknown flags, empty strings) against random or valid input files and a real
 * run folder. Every outcome is a documented exit code (never 3), stderr holds no stack trace, and nothing
 * changes outside what the arguments name as outputs. Seeded, so a failure replays the same way.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents } from '../helpers/tiny-dataset.js';
import { allowedOutputs, changedEntries, snapshotTree } from './fuzz-outputs.js';

const CONVERSATIONS = 12;
const INPUTS = ['data/conversations.jsonl', 'data/conversations.csv', 'data/verdicts.csv', 'data/labels.csv', 'data/config.json', 'data/vectors.jsonl'];
const RUN_ARTIFACTS = ['run/run.json', 'run/metrics.json', 'run/clusters.json', 'run/assignments.csv', 'run/model/centroids.bin'];
const DOCUMENTED_EXIT_CODES = [0, 1, 2, 4];

const FLAGS = [
  '--conversations', '-c', '--verdicts', '-v', '--labels', '-l', '--out', '-o', '--config', '--seed', '--k', '--levels',
  '--min-users', '--min-conversations', '--alpha', '--min-effect', '--min-support', '--threshold', '--allow-missing',
  '--embeddings', '--embedding-ids', '--embedding-dim', '--provider', '--model', '--concurrency', '--max-retries', '--batch',
  '--dry-run', '--cache-dir', '--quiet', '-q', '--run', '--baseline-run', '--baseline', '--candidate', '--max-increase',
  '--max-overall-increase', '--json', '--junit', '--markdown', '--html', '--baseline-dir', '--no-quiet', '--no-out', '--bogus', '-x', '',
  '--classifier', '--cluster', '--pocket', '--kind', '--format', '--limit',
];
const VALUES = [
  ...INPUTS, 'run', 'out', 'out/sub', 'g.json', 'g/h.xml', 'r.html', '', ' ', '.', '..', '/proc/x', '/proc/x/y.json', 'filter-a', 'filter-b',
  'toString', '__proto__', '0', '-1', '1.5', '3', 'abc', '1e400', '0x10', 'NaN', 'anthropic', 'offline', 'true', '--', 'run/index.html',
  'L0-000', 'L1-000', 'FP-1', 'fn-1', 'fp', 'flagged', 'csv', 'jsonl',
];
/** Plausible command lines that get past the flags, so random extras and random bytes reach the pipeline. */
const BASES: string[][] = [
  ['run', '-c', 'data/conversations.jsonl', '-v', 'data/verdicts.csv', '-l', 'data/labels.csv', '--min-users', '2', '-o', 'out'],
  ['run', '-c', 'data/conversations.csv', '-v', 'data/verdicts.csv', '--min-users', '2', '--allow-missing', '-o', 'out'],
  ['gate', '--run', 'run', '--baseline', 'filter-a', '--candidate', 'filter-b', '--min-support', '1'],
  ['gate', '--baseline-run', 'run', '-v', 'data/verdicts.csv', '--candidate', 'filter-b', '--min-support', '1'],
  ['report', '--run', 'run'],
  ['bless', '--run', 'run', '--baseline-dir', 'base'],
  ['show', '--run', 'run', '--classifier', 'filter-a', '--cluster', 'L0-000'],
];

const token = fc.oneof(
  fc.constantFrom(...FLAGS),
  fc.constantFrom(...VALUES),
  fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)).map(([flag, value]) => `${flag}=${value}`),
  fc.string({ maxLength: 6 }),
);
const flagAndValue = fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES));
const argv = fc.oneof(
  fc.tuple(fc.constantFrom('run', 'gate', 'report', 'bless', 'show', 'nope', ''), fc.array(token, { maxLength: 8 })).map(([command, rest]) => [command, ...rest]),
  fc.tuple(fc.constantFrom(...BASES), fc.array(flagAndValue, { maxLength: 2 }), fc.array(token, { maxLength: 2 })).map(([base, pairs, rest]) => [...base, ...pairs.flat(), ...rest]),
);
/** Which files get damaged: replaced by random bytes, or given an extra line of random JSON or text (most cases keep them valid). */
const damage = fc.oneof(
  fc.constant<[string, Uint8Array | string][]>([]),
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...INPUTS, ...RUN_ARTIFACTS), fc.uint8Array({ maxLength: 160 })),
      fc.tuple(fc.constantFrom(...INPUTS), fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 })).map((line) => `${line}\n`)),
    ),
    { minLength: 1, maxLength: 2 },
  ),
);

let template: string;
let savedKey: string | undefined;

beforeAll(async () => {
  savedKey = process.env.ANTHROPIC_API_KEY;
  delete process.env.ANTHROPIC_API_KEY;
  template = mkdtempSync(join(tmpdir(), 'misfire-fuzz-template-'));
  const tiny = tinyContents();
  const ids = tiny.conversations.slice(0, CONVERSATIONS).map((line) => (JSON.parse(line) as { id: string }).id);
  const verdicts = tiny.verdicts.slice(0, CONVERSATIONS + 1);
  const files: [string, string][] = [
    ['data/conversations.jsonl', `${tiny.conversations.slice(0, CONVERSATIONS).join('\n')}\n`],
    ['data/conversations.csv', `id,text,user_id\n${ids.map((id, i) => `${id},question ${i % 4} about topic ${i % 3},u${i % 6}`).join('\n')}\n`],
    ['data/verdicts.csv', `${[...verdicts, ...verdicts.slice(1).map((row) => row.replace(',filter-a,', ',filter-b,'))].join('\n')}\n`],
    ['data/labels.csv', `${tiny.labels.slice(0, CONVERSATIONS + 1).join('\n')}\n`],
    ['data/config.json', '{"seed": 7, "k": 3}\n'],
    ['data/vectors.jsonl', `${ids.map((id, i) => JSON.stringify({ id, vector: [i % 3, 1, i / 10] })).join('\n')}\n`],
  ];
  mkdirSync(join(template, 'data'));
  for (const [name, content] of files) writeFileSync(join(template, name), content);
  const here = process.cwd();
  process.chdir(template);
  try {
    await runMisfire({ conversations: INPUTS[0], verdicts: [INPUTS[2]], labels: INPUTS[3], out: 'run', settings: { minUsers: 2, minConversations: 2 } });
  } finally {
    process.chdir(here);
  }
});

afterAll(() => {
  if (savedKey !== undefined) process.env.ANTHROPIC_API_KEY = savedKey;
  rmSync(template, { recursive: true, force: true });
});

describe('the CLI on random arguments and random input bytes', () => {
  it('exits with a documented code, prints no stack trace and writes only its outputs', async () => {
    const here = process.cwd();
    await fc.assert(
      fc.asyncProperty(argv, damage, async (args, damaged) => {
        const dir = mkdtempSync(join(tmpdir(), 'misfire-fuzz-'));
        try {
          cpSync(template, dir, { recursive: true });
          for (const [name, bytes] of damaged) writeFileSync(join(dir, name), bytes, { flag: typeof bytes === 'string' ? 'a' : 'w' });
          const before = snapshotTree(dir);
          process.chdir(dir);
          const result = await runCli(...args).finally(() => process.chdir(here));
          const shown = `misfire ${JSON.stringify(args)} (damaged: ${damaged.map(([name]) => name).join(', ') || 'none'})\n${result.err}`;
          expect(DOCUMENTED_EXIT_CODES, shown).toContain(result.code);
          expect(result.err, shown).not.toMatch(/^\s+at |unexpected error/m);
          const outputs = allowedOutputs(dir, args);
          const stray = changedEntries(before, snapshotTree(dir)).filter((path) => !outputs(path));
          expect(stray, shown).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20261201, numRuns: 100, endOnFailure: true },
    );
  }, 60_000);
});
