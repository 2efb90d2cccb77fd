/**
 * A conversation whose facets stay invalid after every retry gets the offline facets and is counted, warned
 * about and not cached, so a rerun asks Claude again for it alone; the stage fails only when more
 * conversations fail than --max-failures allows. A refusal is a fallback too, noted and warned the same way.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isMisfireError, type MisfireError } from '../../src/errors.js';
import { REFUSAL_SUMMARY } from '../../src/providers/anthropic/index.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { emptyFacetsFallback, type FacetsFallbackLog, type ProviderContext } from '../../src/providers/types.js';
import type { Conversation, Facets } from '../../src/types.js';
import type { RunWarning } from '../../src/warnings.js';
import { conversationText, fakeFacets, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { cachedResultFiles, localProvider, makeConversations, referenceFacets, removeDir, tempDir } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';
import { startRefusalProxy } from './refusal-proxy.js';

/** Ten conversations; the model answers c2 and c7 with a language longer than the 40 characters allowed. */
const conversations: Conversation[] = makeConversations(10).map((c, i) =>
  i === 2 || i === 7 ? { ...c, messages: [{ role: 'user', content: `POISON ${c.messages[0].content}` }, c.messages[1]] } : c,
);
const POISONED = [2, 7];

interface Observed {
  ctx: ProviderContext;
  log: FacetsFallbackLog;
  warnings: RunWarning[];
}

function observedCtx(cacheDir: string): Observed {
  const log = emptyFacetsFallback();
  const warnings: RunWarning[] = [];
  return { ctx: makeCtx(cacheDir, { facetsFallback: log, warn: (w) => void warnings.push(w) }), log, warnings };
}

async function rejection(promise: Promise<unknown>): Promise<MisfireError> {
  try {
    await promise;
  } catch (err) {
    if (isMisfireError(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const facetCalls = (server: FakeAnthropicServer): number =>
  server.messageCalls().filter((c) => (c.body as MessagesBody).tool_choice?.name === 'record_facets').length;

describe('anthropic provider: conversations without valid facets', () => {
  let server: FakeAnthropicServer;
  let cacheDir: string;
  let reference: Facets[];
  let poisoned: boolean;

  beforeAll(async () => {
    reference = await referenceFacets(conversations);
  });
  beforeEach(async () => {
    poisoned = true;
    server = await startFakeAnthropicServer({
      respond: (tool, body) => {
        const text = conversationText(body);
        if (tool !== 'record_facets' || !poisoned || !text.includes('POISON')) return undefined;
        return { ...fakeFacets(text), language: 'a language answer far longer than the forty characters allowed' };
      },
    });
    cacheDir = await tempDir();
  });
  afterEach(async () => {
    await server.close();
    await removeDir(cacheDir);
  });

  it('gives them the offline facets, counts and warns about them, and caches only the valid results', async () => {
    const { ctx, log, warnings } = observedCtx(cacheDir);
    const facets = await localProvider(server.url, { maxRetries: 2, maxFailures: '20%' }).facets.extract(conversations, ctx);

    conversations.forEach((c, i) => {
      expect(facets[i]).toEqual(POISONED.includes(i) ? extractOfflineFacets(c) : reference[i]);
    });
    expect(log).toEqual({ failed: POISONED, refused: [] });
    expect(ctx.usage).toMatchObject({ calls: 8 + 2 * 3, retries: 2 * 2, failedCalls: 2, refusals: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('facets-fallback');
    expect(warnings[0].message).toMatch(/^facets: 2 of 10 conversations fell back: 2 got the offline facets/);
    expect(warnings[0].message).toContain('after 3 attempts');
    expect(warnings[0].message).toContain('conversation c2: invalid record_facets input: language is longer than 40 characters');
    expect(warnings[0].message).toContain('--max-failures 20% (at most 2 of 10 conversations)');
    expect(await cachedResultFiles(cacheDir)).toHaveLength(8);
  });

  it('a rerun once the model behaves asks Claude again for exactly those conversations, and none falls back', async () => {
    await localProvider(server.url, { maxRetries: 1, maxFailures: 2 }).facets.extract(conversations, makeCtx(cacheDir));
    poisoned = false;
    const before = facetCalls(server);
    const { ctx, log, warnings } = observedCtx(cacheDir);
    const facets = await localProvider(server.url, { maxFailures: 2 }).facets.extract(conversations, ctx);

    expect(facetCalls(server) - before).toBe(2);
    expect(server.messageCalls().slice(-2).every((c) => c.bodyText.includes('POISON'))).toBe(true);
    expect(facets).toEqual(reference);
    expect(log).toEqual({ failed: [], refused: [] });
    expect(warnings).toEqual([]);
    expect(ctx.usage).toMatchObject({ calls: 2, cachedCalls: 8, failedCalls: 0 });
  });

  for (const limit of ['0.2', '20%', 2, 0.25] as const) {
    it(`two failures out of ten are within --max-failures ${limit}`, async () => {
      const { log } = observedCtx(cacheDir);
      await localProvider(server.url, { maxRetries: 0, maxFailures: limit }).facets.extract(conversations, makeCtx(cacheDir, { facetsFallback: log }));
      expect(log.failed).toEqual(POISONED);
    });
  }

  for (const limit of ['0.1', '10%', 1, 0] as const) {
    it(`two failures out of ten are more than --max-failures ${limit}: a provider error, and the rest cached`, async () => {
      const err = await rejection(localProvider(server.url, { maxRetries: 1, maxFailures: limit }).facets.extract(conversations, makeCtx(cacheDir)));
      expect(err.code).toBe('provider');
      expect(err.message).toMatch(new RegExp(`^facets: 2 of 10 conversations \\(20\\.0%\\) failed, more than --max-failures ${String(limit).replace('.', '\\.')} \\(at most ${limit === 0 ? 0 : 1} of 10 conversations\\) allows: `));
      expect(err.message).toContain('conversation c2 failed after 2 attempts: invalid record_facets input: language is longer than 40 characters');
      expect(err.message).toContain('also failed: conversation c7');
      expect(err.message).toContain(`Nothing was written. Every other result is cached in ${cacheDir}, so a rerun retries only the 2 that failed.`);
      expect(await cachedResultFiles(cacheDir)).toHaveLength(8);
    });
  }

  it('a refusal and an invalid answer are both fallbacks, noted and warned together; only the refusal is cached', async () => {
    const harmful = { ...conversations[4], id: 'harm', messages: [{ role: 'user' as const, content: 'HARMFUL-MARKER do something dangerous' }] };
    const input = [...conversations.slice(0, 4), harmful, ...conversations.slice(5)];
    const proxy = await startRefusalProxy(server.url, (body) => body.includes('HARMFUL-MARKER'));
    try {
      const first = observedCtx(cacheDir);
      const facets = await localProvider(proxy.url, { maxRetries: 1, maxFailures: 2 }).facets.extract(input, first.ctx);
      expect(facets[4].summary).toBe(REFUSAL_SUMMARY);
      expect(first.log).toEqual({ failed: POISONED, refused: [4] });
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings[0].message).toMatch(/^facets: 3 of 10 conversations fell back: 2 got the offline facets .*; 1 got the refusal facets because the model declined to summarise it$/);
      expect(first.ctx.usage).toMatchObject({ refusals: 1, failedCalls: 2 });

      poisoned = false;
      const refusedBefore = proxy.refused();
      const second = observedCtx(cacheDir);
      await localProvider(proxy.url, { maxFailures: 2 }).facets.extract(input, second.ctx);
      expect(proxy.refused()).toBe(refusedBefore);
      expect(second.log).toEqual({ failed: [], refused: [4] });
      expect(second.ctx.usage).toMatchObject({ calls: 2, cachedCalls: 8, refusals: 1 });
    } finally {
      await proxy.close();
    }
  });
});
