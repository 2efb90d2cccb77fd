/**
 * `runMisfire` with the Claude provider when the model keeps answering two conversations with an invalid
 * field: the run completes with `facets_fallback` in run.json (read back through the checked reader), a
 * warning, and a line in the report and report.md; a rerun once the model behaves asks for exactly those two.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire, type RunOptions, type RunOutcome } from '../../src/api/run.js';
import { readRunFolder } from '../../src/artifacts/read-run.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { conversationText, fakeFacets, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { recordingSleep, removeDir, tempDir, TEST_KEY } from '../helpers/anthropic-test-kit.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';
import { readConversations } from '../../src/io/read-conversations.js';

const BAD = ['(variant 5)', '(variant 22)'];

describe('a Claude run where two conversations never get valid facets', () => {
  let data: TinyDataset;
  let root: string;
  let server: FakeAnthropicServer;
  let poisoned = true;
  let first: RunOutcome;
  let second: RunOutcome;
  let firstFacetCalls: number;
  let secondFacetCalls: number;

  const facetCalls = (): number => server.messageCalls().filter((c) => (c.body as MessagesBody).tool_choice?.name === 'record_facets').length;
  const options = (out: string): RunOptions => ({
    conversations: data.conversations,
    verdicts: [data.verdicts],
    labels: data.labels,
    out: join(root, out),
    cacheDir: join(root, 'cache'),
    settings: { provider: 'anthropic', seed: 4, minUsers: 2, minConversations: 2 },
    anthropic: { apiKey: TEST_KEY, baseURL: server.url, sleep: recordingSleep().sleep, maxRetries: 1, maxFailures: '5%' },
    now: new Date('2025-01-01T00:00:00Z'),
  });

  beforeAll(async () => {
    data = writeTinyDataset();
    root = await tempDir();
    server = await startFakeAnthropicServer({
      respond: (tool, body) => {
        const text = conversationText(body);
        if (tool !== 'record_facets' || !poisoned || !BAD.some((b) => text.includes(b))) return undefined;
        return { ...fakeFacets(text), language: 'x'.repeat(41) };
      },
    });
    first = await runMisfire(options('first'));
    firstFacetCalls = facetCalls();
    poisoned = false;
    second = await runMisfire(options('second'));
    secondFacetCalls = facetCalls() - firstFacetCalls;
  });
  afterAll(async () => {
    await server.close();
    await removeDir(root);
    await removeDir(data.dir);
  });

  it('completes below the limit and records facets_fallback in run.json, read back through the checked reader', async () => {
    expect(first.run.facets_fallback).toEqual({ conversations: 2, failed: 2, refused: 0 });
    const folder = await readRunFolder(first.outDir);
    expect(folder.run.facets_fallback).toEqual({ conversations: 2, failed: 2, refused: 0 });
    expect(first.run.provider.usage.failedCalls).toBe(2);
    expect(firstFacetCalls).toBe(38 + 2 * 2);
  });

  it('warns how many conversations fell back, in run.json too', () => {
    const warning = first.run.warnings.find((w) => w.code === 'facets-fallback');
    expect(warning?.message).toMatch(/^facets: 2 of 40 conversations fell back: 2 got the offline facets/);
  });

  it('gives them the offline facets and never shows their summaries as examples', async () => {
    const { conversations } = await readConversations(data.conversations);
    const bad = conversations.map((c, i) => [c, i] as const).filter(([c]) => BAD.some((b) => c.messages[0].content.includes(b)));
    expect(bad).toHaveLength(2);
    const examples = new Set(first.result.clusters.flatMap((c) => c.examples));
    for (const [conversation, i] of bad) {
      expect(first.result.facets[i]).toEqual(extractOfflineFacets(conversation));
      expect(examples.has(first.result.facets[i].summary)).toBe(false);
    }
  });

  it('says so in the report and in report.md', async () => {
    const line = '2 of 40 conversations (5.0%) have fallback facets: 2 got the offline facets (no valid answer from the model after every retry).';
    const markdown = await readFile(join(first.outDir, 'report.md'), 'utf8');
    expect(markdown).toContain('> **Fallback facets:** 2 of 40 conversations (5.0%) have fallback facets:');
    const html = await readFile(join(first.outDir, 'index.html'), 'utf8');
    expect(html).toContain(`<strong>Fallback facets.</strong> ${line}`);
  });

  it('a rerun once the model behaves makes exactly two facet calls, and nothing falls back', async () => {
    expect(secondFacetCalls).toBe(2);
    expect(second.run.facets_fallback).toEqual({ conversations: 0, failed: 0, refused: 0 });
    expect(second.run.warnings.some((w) => w.code === 'facets-fallback')).toBe(false);
    expect(await readFile(join(second.outDir, 'report.md'), 'utf8')).not.toContain('Fallback facets');
  });
});
