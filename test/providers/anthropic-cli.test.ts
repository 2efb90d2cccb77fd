/**
 * `misfire run --provider anthropic` from the command line, against the fake Messages API on 127.0.0.1
 * (ANTHROPIC_BASE_URL): the Claude flags reach the provider, --dry-run prints the estimate table without a
 * call, a key or a file, a missing key is a config error (exit 2) that says how to set it, and an API that
 * keeps failing is a provider error (exit 4).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/artifacts/run-record.js';
import { generateDataset } from '../../src/demo/index.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { estimateRun, formatDryRun } from '../../src/providers/anthropic/index.js';
import { expectedClusters } from '../../src/providers/anthropic/dry-run.js';
import type { MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { TEST_KEY, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { runCli } from '../helpers/run-cli.js';

const N = 120;

/** The number in the dry-run table row `label`. */
function tableValue(table: string, label: string): number {
  const match = new RegExp(`^  ${label}\\s+\\$?([\\d,.]+)`, 'm').exec(table);
  if (!match) throw new Error(`no row "${label}" in:\n${table}`);
  return Number(match[1].replace(/,/g, ''));
}

describe('misfire run --provider anthropic (CLI)', () => {
  // Batches end at the first poll: the CLI uses real sleeps, and a poll delay is 5 s.
  const fake = useFakeAnthropic({ per: 'file', pollsUntilEnded: 0 });
  let root: string;
  let data: { conversations: string; verdicts: string; labels: string };
  const inputFlags = () => ['-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--quiet'];

  beforeAll(async () => {
    root = fake.dir;
    data = (await generateDataset({ n: N, seed: 9, outDir: join(root, 'data') })).files;
  });

  it('a missing ANTHROPIC_API_KEY is a config error (exit 2) that says how to set it, and nothing is written', async () => {
    fake.setEnv('');
    const out = join(root, 'no-key');
    const result = await runCli('run', ...inputFlags(), '-o', out, '--provider', 'anthropic', '--cache-dir', join(root, 'no-key-cache'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('config error');
    expect(result.err).toContain('export ANTHROPIC_API_KEY=');
    expect(result.err).toContain('--dry-run');
    expect(result.err).not.toMatch(/sk-ant-[A-Za-z0-9]/);
    expect(existsSync(out)).toBe(false);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('rejects Claude-only flags with the offline provider, and impossible numbers (exit 2)', async () => {
    const offline = await runCli('run', ...inputFlags(), '-o', join(root, 'x'), '--model', 'claude-haiku-4-5', '--batch');
    expect(offline.code).toBe(2);
    expect(offline.err).toContain('--model, --batch only applies to the Claude provider: add --provider anthropic');
    fake.setEnv(TEST_KEY);
    const zero = await runCli('run', ...inputFlags(), '-o', join(root, 'x'), '--provider', 'anthropic', '--concurrency', '0');
    expect(zero.code).toBe(2);
    expect(zero.err).toContain('--concurrency must be a whole number ≥ 1, got 0');
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('--dry-run prints the estimate table, needs no key, makes no API call and writes nothing', async () => {
    fake.setEnv('');
    const out = join(root, 'dry');
    const cacheDir = join(root, 'dry-cache');
    const before = fake.server.requests.length;
    const result = await runCli('run', ...inputFlags(), '-o', out, '--provider', 'anthropic', '--dry-run', '--cache-dir', cacheDir);

    expect(result.code).toBe(0);
    expect(fake.server.requests.length).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
    const clusters = expectedClusters(N, null, 2);
    expect(tableValue(result.out, 'conversations')).toBe(N);
    expect(tableValue(result.out, 'cached')).toBe(0);
    expect(tableValue(result.out, 'calls')).toBe(N + 2 * clusters);
    expect(tableValue(result.out, 'input tokens')).toBeGreaterThan(N * 100);
    expect(tableValue(result.out, 'output tokens')).toBeGreaterThan(0);
    expect(result.out).toMatch(/estimated USD\s+\$[\d.]+\s+standard\n\s+\$[\d.]+\s+with --batch/);
    const { conversations } = await readConversations(data.conversations);
    const estimate = estimateRun(conversations, { cacheDir });
    expect(estimate.usdBatch).toBeCloseTo(estimate.usd / 2, 10);
    expect(result.out).toBe(formatDryRun(estimate));
  });

  it('passes --model, --naming-model, --concurrency, --max-retries and --batch to the provider; the dry run then counts the cache', async () => {
    fake.setEnv(TEST_KEY);
    const out = join(root, 'batch-run');
    const cacheDir = join(root, 'batch-cache');
    const flags = ['--provider', 'anthropic', '--cache-dir', cacheDir, '--model', 'claude-haiku-4-5-20251001'];
    flags.push('--naming-model', 'claude-sonnet-4-5-20250929', '--concurrency', '2', '--max-retries', '1', '--batch');
    const result = await runCli('run', ...inputFlags(), '-o', out, ...flags);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(`${result.out}${result.err}`).not.toContain(TEST_KEY);

    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    expect(run.provider.usage.models).toEqual({
      facets: 'claude-haiku-4-5-20251001',
      naming: 'claude-sonnet-4-5-20250929',
      privacy: 'claude-sonnet-4-5-20250929',
    });
    expect(fake.server.callsTo('POST', '/v1/messages/batches').length).toBeGreaterThan(0);
    const models = new Set(fake.server.messageCalls().map((c) => (c.body as MessagesBody).model));
    expect(models.has('claude-haiku-4-5')).toBe(false);

    const dry = await runCli('run', ...inputFlags(), '-o', join(root, 'dry-2'), ...flags, '--dry-run');
    expect(dry.code).toBe(0);
    expect(tableValue(dry.out, 'cached')).toBe(N);
    expect(tableValue(dry.out, 'calls')).toBe(2 * expectedClusters(N, null, 2));
    expect(dry.out).toContain('claude-haiku-4-5-20251001');
  });

  it('an API that keeps failing is a provider error: exit 4, the key never printed, nothing written', async () => {
    fake.setEnv(TEST_KEY);
    const out = join(root, 'api-down');
    fake.server.addFaults({ on: /./, kind: 'server_error', times: 1 });
    const before = fake.server.messageCalls().length;
    const flags = ['--provider', 'anthropic', '--cache-dir', join(root, 'api-down-cache'), '--concurrency', '1', '--max-retries', '0'];
    const result = await runCli('run', ...inputFlags(), '-o', out, ...flags);
    expect(result.code).toBe(4);
    expect(result.err).toContain('misfire: provider error: ');
    expect(result.err).toMatch(/HTTP 500/);
    expect(result.err).not.toContain(TEST_KEY);
    expect(fake.server.messageCalls().length - before).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
