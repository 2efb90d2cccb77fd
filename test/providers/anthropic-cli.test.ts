/**
 * `misfire run --provider anthropic` from the command line, against the fake Messages API on 127.0.0.1
 * (ANTHROPIC_BASE_URL): the Claude flags reach the provider, --dry-run prints the estimate table without a
 * call, a key or a file, a missing key is a config error (exit 2) that says how to set it, and an API that
 * keeps failing is a provider error (exit 4).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../src/artifacts/run-record.js';
import { main } from '../../src/cli/main.js';
import { generateDataset } from '../../src/demo/index.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { estimateRun, formatDryRun } from '../../src/providers/anthropic/index.js';
import { expectedClusters } from '../../src/providers/anthropic/dry-run.js';
import type { MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { removeDir, tempDir, TEST_KEY } from '../helpers/anthropic-test-kit.js';

const N = 120;

interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run the CLI in-process, capturing stdout, stderr and the exit code. */
async function cli(args: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  process.exitCode = undefined;
  try {
    await main(args);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

/** The number in the dry-run table row `label`. */
function row(table: string, label: string): number {
  const match = new RegExp(`^  ${label}\\s+\\$?([\\d,.]+)`, 'm').exec(table);
  if (!match) throw new Error(`no row "${label}" in:\n${table}`);
  return Number(match[1].replace(/,/g, ''));
}

describe('misfire run --provider anthropic (CLI)', () => {
  let root: string;
  let server: FakeAnthropicServer;
  let data: { conversations: string; verdicts: string; labels: string };
  const input = () => ['-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--quiet'];

  beforeAll(async () => {
    root = await tempDir();
    // Batches end at the first poll: the CLI uses real sleeps, and a poll delay is 5 s.
    server = await startFakeAnthropicServer({ pollsUntilEnded: 0 });
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    data = (await generateDataset({ n: N, seed: 9, outDir: join(root, 'data') })).files;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await server.close();
    await removeDir(root);
  });

  it('a missing ANTHROPIC_API_KEY is a config error (exit 2) that says how to set it, and nothing is written', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const out = join(root, 'no-key');
    const result = await cli(['run', ...input(), '-o', out, '--provider', 'anthropic', '--cache-dir', join(root, 'no-key-cache')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('config error');
    expect(result.stderr).toContain('export ANTHROPIC_API_KEY=');
    expect(result.stderr).toContain('--dry-run');
    expect(result.stderr).not.toMatch(/sk-ant-[A-Za-z0-9]/);
    expect(existsSync(out)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects Claude-only flags with the offline provider, and impossible numbers (exit 2)', async () => {
    const offline = await cli(['run', ...input(), '-o', join(root, 'x'), '--model', 'claude-haiku-4-5', '--batch']);
    expect(offline.exitCode).toBe(2);
    expect(offline.stderr).toContain('--model, --batch only applies to the Claude provider: add --provider anthropic');
    vi.stubEnv('ANTHROPIC_API_KEY', TEST_KEY);
    const zero = await cli(['run', ...input(), '-o', join(root, 'x'), '--provider', 'anthropic', '--concurrency', '0']);
    expect(zero.exitCode).toBe(2);
    expect(zero.stderr).toContain('--concurrency must be a whole number ≥ 1, got 0');
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('--dry-run prints the estimate table, needs no key, makes no API call and writes nothing', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const out = join(root, 'dry');
    const cacheDir = join(root, 'dry-cache');
    const before = server.requests.length;
    const result = await cli(['run', ...input(), '-o', out, '--provider', 'anthropic', '--dry-run', '--cache-dir', cacheDir]);

    expect(result.exitCode).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
    const clusters = expectedClusters(N, null, 2);
    expect(row(result.stdout, 'conversations')).toBe(N);
    expect(row(result.stdout, 'cached')).toBe(0);
    expect(row(result.stdout, 'calls')).toBe(N + 2 * clusters);
    expect(row(result.stdout, 'input tokens')).toBeGreaterThan(N * 100);
    expect(row(result.stdout, 'output tokens')).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/estimated USD\s+\$[\d.]+\s+standard\n\s+\$[\d.]+\s+with --batch/);
    const { conversations } = await readConversations(data.conversations);
    const estimate = estimateRun(conversations, { cacheDir });
    expect(estimate.usdBatch).toBeCloseTo(estimate.usd / 2, 10);
    expect(result.stdout).toBe(formatDryRun(estimate));
  });

  it('passes --model, --naming-model, --concurrency, --max-retries and --batch to the provider; the dry run then counts the cache', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', TEST_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const out = join(root, 'batch-run');
    const cacheDir = join(root, 'batch-cache');
    const flags = ['--provider', 'anthropic', '--cache-dir', cacheDir, '--model', 'claude-haiku-4-5-20251001'];
    flags.push('--naming-model', 'claude-sonnet-4-5-20250929', '--concurrency', '2', '--max-retries', '1', '--batch');
    const result = await cli(['run', ...input(), '-o', out, ...flags]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_KEY);

    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    expect(run.provider.usage.models).toEqual({
      facets: 'claude-haiku-4-5-20251001',
      naming: 'claude-sonnet-4-5-20250929',
      privacy: 'claude-sonnet-4-5-20250929',
    });
    expect(server.callsTo('POST', '/v1/messages/batches').length).toBeGreaterThan(0);
    const models = new Set(server.messageCalls().map((c) => (c.body as MessagesBody).model));
    expect(models.has('claude-haiku-4-5')).toBe(false);

    const dry = await cli(['run', ...input(), '-o', join(root, 'dry-2'), ...flags, '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(row(dry.stdout, 'cached')).toBe(N);
    expect(row(dry.stdout, 'calls')).toBe(2 * expectedClusters(N, null, 2));
    expect(dry.stdout).toContain('claude-haiku-4-5-20251001');
  });

  it('an API that keeps failing is a provider error: exit 4, the key never printed, nothing written', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', TEST_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const out = join(root, 'api-down');
    server.addFaults({ on: /./, kind: 'server_error', times: 1 });
    const before = server.messageCalls().length;
    const flags = ['--provider', 'anthropic', '--cache-dir', join(root, 'api-down-cache'), '--concurrency', '1', '--max-retries', '0'];
    const result = await cli(['run', ...input(), '-o', out, ...flags]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('misfire: provider error: ');
    expect(result.stderr).toMatch(/HTTP 500/);
    expect(result.stderr).not.toContain(TEST_KEY);
    expect(server.messageCalls().length - before).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
