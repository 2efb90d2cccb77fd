/**
 * `misfire run --max-failures` against the fake Messages API on 127.0.0.1: the flag is documented in --help,
 * checked (exit 2), and decides whether conversations without valid facets stop the run (exit 4, nothing
 * written, a message saying how many, the limit, and that a rerun retries only those) or fall back to the
 * offline facets (exit 0, a warning and a line in the summary).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFailureLimit, allowedFailures } from '../../src/providers/anthropic/failure-limit.js';
import { conversationText, fakeFacets, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { removeDir, tempDir, TEST_KEY } from '../helpers/anthropic-test-kit.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';

describe('--max-failures values', () => {
  it('reads a fraction, a percentage or a count; MORE than the limit stops the run', () => {
    expect(parseFailureLimit('0.01', '--max-failures')).toMatchObject({ kind: 'share', share: 0.01 });
    expect(parseFailureLimit('1%', '--max-failures')).toMatchObject({ kind: 'share', share: 0.01 });
    expect(parseFailureLimit(' 2.5 % ', '--max-failures')).toMatchObject({ kind: 'share', share: 0.025 });
    expect(parseFailureLimit('5', '--max-failures')).toMatchObject({ kind: 'count', count: 5 });
    expect(parseFailureLimit(1, '--max-failures')).toMatchObject({ kind: 'count', count: 1 });
    expect(parseFailureLimit('0', '--max-failures')).toMatchObject({ kind: 'share', share: 0 });
    expect(allowedFailures(parseFailureLimit('1%', 'x'), 250)).toBe(2);
    expect(allowedFailures(parseFailureLimit('0.05', 'x'), 40)).toBe(2);
    expect(allowedFailures(parseFailureLimit('100%', 'x'), 40)).toBe(40);
    expect(allowedFailures(parseFailureLimit('3', 'x'), 10)).toBe(3);
  });

  for (const bad of ['', 'abc', '-1', '1.5', '150%', '1%%', 'NaN', 'Infinity']) {
    it(`rejects "${bad}" with a config error that shows the accepted forms`, () => {
      expect(() => parseFailureLimit(bad, '--max-failures')).toThrow(
        `--max-failures must be a fraction below 1 (0.01), a percentage (1%) or a whole number of conversations (5); got "${bad.trim()}"`,
      );
    });
  }
});

describe('misfire run --provider anthropic --max-failures (CLI)', () => {
  let data: TinyDataset;
  let root: string;
  let server: FakeAnthropicServer;
  const input = () => ['-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--quiet', '--min-users', '2', '--min-conversations', '2'];
  const claude = (cache: string) => ['--provider', 'anthropic', '--cache-dir', join(root, cache), '--max-retries', '0'];
  const facetCalls = (): number => server.messageCalls().filter((c) => (c.body as MessagesBody).tool_choice?.name === 'record_facets').length;

  beforeAll(async () => {
    data = writeTinyDataset();
    root = await tempDir();
    server = await startFakeAnthropicServer({
      respond: (tool, body) => {
        const text = conversationText(body);
        return tool === 'record_facets' && text.includes('(variant 9)') ? { ...fakeFacets(text), concern: 0 } : undefined;
      },
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await server.close();
    await removeDir(root);
    await removeDir(data.dir);
  });

  const useFakeApi = (): void => {
    vi.stubEnv('ANTHROPIC_API_KEY', TEST_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
  };

  it('--help describes the flag with the Claude flags, its forms and its default', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
    try {
      await runCli('run', '--help');
    } finally {
      log.mockRestore();
    }
    const help = printed.join('\n').replace(/\s+/g, ' ');
    const claudeSection = help.slice(help.indexOf('Claude provider'));
    expect(claudeSection).toContain('--max-failures');
    expect(claudeSection).toContain('A fraction (0.01), a percentage (1%) or a count (5: any whole number ≥ 1); 0 tolerates none.');
    expect(claudeSection).toMatch(/--max-failures [^-]*\[default: 1%\]/);
  });

  it('a value it cannot read, or the flag without the Claude provider, is a usage error (exit 2)', async () => {
    useFakeApi();
    const bad = await runCli('run', ...input(), '-o', join(root, 'bad'), ...claude('bad-cache'), '--max-failures', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-failures must be a fraction below 1 (0.01), a percentage (1%) or a whole number of conversations (5); got "lots"');
    const offline = await runCli('run', ...input(), '-o', join(root, 'bad'), '--max-failures', '2');
    expect(offline.code).toBe(2);
    expect(offline.err).toContain('--max-failures only applies to the Claude provider');
    expect(existsSync(join(root, 'bad'))).toBe(false);
  });

  it('more failures than the limit: exit 4, nothing written, and a rerun within the limit asks again for that one only', async () => {
    useFakeApi();
    const out = join(root, 'strict');
    const strict = await runCli('run', ...input(), '-o', out, ...claude('cache'));
    expect(strict.code).toBe(4);
    expect(strict.err).toContain(
      'misfire: provider error: facets: 1 of 40 conversations (2.5%) failed, more than --max-failures 1% (at most 0 of 40 conversations) allows: ',
    );
    expect(strict.err).toContain('invalid record_facets input: concern must be an integer from 1 to 5');
    expect(strict.err).toContain('Nothing was written.');
    expect(strict.err).toContain('so a rerun retries only the 1 that failed.');
    expect(existsSync(out)).toBe(false);

    const before = facetCalls();
    const tolerant = await runCli('run', ...input(), '-o', out, ...claude('cache'), '--max-failures', '1');
    expect(tolerant.code).toBe(0);
    expect(facetCalls() - before).toBe(1);
    expect(tolerant.err).toContain('misfire: warning: facets: 1 of 40 conversations fell back: 1 got the offline facets');
    expect(tolerant.out).toContain(
      'facets fallback: 1 of 40 conversations (2.5%) have fallback facets: 1 got the offline facets (no valid answer from the model after every retry).',
    );
    expect(existsSync(join(out, 'run.json'))).toBe(true);
  });
});
