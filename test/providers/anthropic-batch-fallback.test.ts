/**
 * With --batch, items that expired, errored or came back invalid follow the same rule as the synchronous
 * path: they get the synchronous retries; a conversation still without valid facets gets the offline facets
 * and is counted, nothing of it is cached, and a rerun sends only those conversations.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { emptyFacetsFallback } from '../../src/providers/types.js';
import type { Conversation, Facets } from '../../src/types.js';
import { conversationText, fakeFacets, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { cachedResultFiles, localProvider, makeConversations, referenceFacets, removeDir, tempDir } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';
import { startBatchResultProxy, type BatchItemEnd, type BatchResultProxy } from './batch-result-proxy.js';

/** c1 expires, c3 errors, c5 comes back invalid in the batch; c7 expires but the model answers it later. */
const MARKS: Record<number, string> = { 1: 'EXPIRE POISON', 3: 'ERROR POISON', 5: 'POISON', 7: 'EXPIRE' };
const conversations: Conversation[] = makeConversations(10, 'q').map((c, i) =>
  MARKS[i] ? { ...c, messages: [{ role: 'user', content: `${MARKS[i]} ${c.messages[0].content}` }, c.messages[1]] } : c,
);
const POISONED = [1, 3, 5];

function batchEnd(paramsJson: string): BatchItemEnd | undefined {
  if (paramsJson.includes('EXPIRE')) return 'expired';
  if (paramsJson.includes('ERROR')) return 'errored';
  return undefined;
}

interface BatchCreateBody {
  requests: { custom_id: string; params: MessagesBody }[];
}

describe('anthropic provider: batch items that do not succeed', () => {
  let server: FakeAnthropicServer;
  let proxy: BatchResultProxy;
  let cacheDir: string;
  let poisoned: boolean;
  let reference: Facets[];

  beforeEach(async () => {
    reference ??= await referenceFacets(conversations);
    poisoned = true;
    server = await startFakeAnthropicServer({
      pollsUntilEnded: 1,
      respond: (tool, body) => {
        const text = conversationText(body);
        if (tool !== 'record_facets' || !poisoned || !text.includes('POISON')) return undefined;
        return { ...fakeFacets(text), concern: 9 };
      },
    });
    proxy = await startBatchResultProxy(server.url, batchEnd);
    cacheDir = await tempDir();
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
    await removeDir(cacheDir);
  });

  const creates = () => server.callsTo('POST', '/v1/messages/batches').map((r) => r.body as BatchCreateBody);

  it('retries them synchronously; those still invalid get the offline facets, are counted and are not cached', async () => {
    const log = emptyFacetsFallback();
    const ctx = makeCtx(cacheDir, { facetsFallback: log });
    const facets = await localProvider(proxy.url, { batch: true, maxRetries: 1, maxFailures: 3 }).facets.extract(conversations, ctx);

    expect(proxy.rewritten()).toEqual({ expired: 2, errored: 1 });
    expect(creates()).toHaveLength(1);
    expect(creates()[0].requests).toHaveLength(10);
    // Two synchronous attempts for each poisoned item, one for the expired item the model then answers.
    expect(server.messageCalls()).toHaveLength(2 * 3 + 1);
    conversations.forEach((c, i) => {
      expect(facets[i]).toEqual(POISONED.includes(i) ? extractOfflineFacets(c) : reference[i]);
    });
    expect(log).toEqual({ failed: POISONED, refused: [] });
    expect(ctx.usage.failedCalls).toBe(3);
    expect(await cachedResultFiles(cacheDir)).toHaveLength(7);
  });

  it('a rerun sends only those conversations, in one new batch, and none falls back', async () => {
    await localProvider(proxy.url, { batch: true, maxRetries: 0, maxFailures: 3 }).facets.extract(conversations, makeCtx(cacheDir));
    poisoned = false;
    const callsBefore = server.messageCalls().length;
    const log = emptyFacetsFallback();
    const facets = await localProvider(server.url, { batch: true, maxFailures: 3 }).facets.extract(conversations, makeCtx(cacheDir, { facetsFallback: log }));

    expect(creates()).toHaveLength(2);
    const resent = creates()[1].requests.map((r) => conversationText(r.params));
    expect(resent).toHaveLength(3);
    for (const i of POISONED) expect(resent.some((text) => text.includes(conversations[i].messages[0].content))).toBe(true);
    expect(server.messageCalls().length).toBe(callsBefore);
    expect(facets).toEqual(reference);
    expect(log).toEqual({ failed: [], refused: [] });
  });

  it('more of them than --max-failures allows stops the run with the count and the limit', async () => {
    const provider = localProvider(proxy.url, { batch: true, maxRetries: 0, maxFailures: '20%' });
    await expect(provider.facets.extract(conversations, makeCtx(cacheDir))).rejects.toThrow(
      /^facets: 3 of 10 conversations \(30\.0%\) failed, more than --max-failures 20% \(at most 2 of 10 conversations\) allows: /,
    );
    expect(await cachedResultFiles(cacheDir)).toHaveLength(7);
  });
});
