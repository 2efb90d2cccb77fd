import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMisfireError } from '../../src/errors.js';
import { buildFacetRequest } from '../../src/providers/anthropic/facets.js';
import type { Facets } from '../../src/types.js';
import { cachedResultFiles, localProvider, makeConversations, recordingSleep, referenceFacets, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';
import { listFiles } from '../helpers/files.js';

const conversations = makeConversations(5, 'b');

interface BatchCreateBody {
  requests: { custom_id: string; params: unknown }[];
}

describe('anthropic provider: Message Batches', () => {
  const fake = useFakeAnthropic({ pollsUntilEnded: 2 });
  let reference: Facets[];

  beforeAll(async () => {
    reference = await referenceFacets(conversations);
  });

  const creates = () => fake.server.callsTo('POST', '/v1/messages/batches');
  const polls = () => fake.server.requests.filter((r) => r.method === 'GET' && /^\/v1\/messages\/batches\/[^/]+$/.test(r.path));
  const resultFetches = () => fake.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/results'));

  it('creates one batch, polls until ended, streams results into the cache; a rerun sends nothing', async () => {
    const recorder = recordingSleep();
    const ctx = makeCtx(fake.dir);
    const facets = await localProvider(fake.url, { batch: true, sleep: recorder.sleep }).facets.extract(conversations, ctx);

    expect(facets).toEqual(reference);
    expect(creates()).toHaveLength(1);
    // Two polls, then the retrieve that the SDK's results() makes to find results_url.
    expect(polls()).toHaveLength(3);
    expect(resultFetches()).toHaveLength(1);
    expect(fake.server.messageCalls()).toHaveLength(0);
    expect(recorder.delays).toEqual([5000]);
    expect(ctx.usage.calls).toBe(5);
    expect(ctx.usage.inputTokens).toBeGreaterThan(0);

    const body = creates()[0].body as BatchCreateBody;
    expect(body.requests).toHaveLength(5);
    body.requests.forEach((r, i) => {
      expect(r.custom_id).toMatch(/^[0-9a-f]{64}$/);
      expect(r.params).toEqual(JSON.parse(JSON.stringify(buildFacetRequest(conversations[i], 'claude-haiku-4-5'))));
    });
    expect(await cachedResultFiles(fake.dir)).toHaveLength(5);
    expect(listFiles(join(fake.dir, 'anthropic', 'batches'))).toEqual([]);

    const before = fake.server.requests.length;
    const again = await localProvider(fake.url, { batch: true }).facets.extract(conversations, makeCtx(fake.dir));
    expect(again).toEqual(reference);
    expect(fake.server.requests.length).toBe(before);
  });

  it('does not send requests that are already cached', async () => {
    await localProvider(fake.url).facets.extract(conversations.slice(0, 2), makeCtx(fake.dir));
    const facets = await localProvider(fake.url, { batch: true }).facets.extract(conversations, makeCtx(fake.dir));
    expect(facets).toEqual(reference);
    expect((creates()[0].body as BatchCreateBody).requests).toHaveLength(3);
    expect(fake.server.messageCalls()).toHaveLength(2);
  });

  it('a run killed while polling resumes by polling the same batch instead of creating a new one', async () => {
    const controller = new AbortController();
    await fake.restart({
      pollsUntilEnded: 3,
      onRequest: (r) => {
        if (r.method === 'GET' && r.path.startsWith('/v1/messages/batches/')) controller.abort();
      },
    });
    const killed = localProvider(fake.url, { batch: true }).facets.extract(
      conversations,
      makeCtx(fake.dir, { signal: controller.signal }),
    );
    const err = await killed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMisfireError(err) && err.code === 'provider' && /aborted/.test(err.message)).toBe(true);
    expect(creates()).toHaveLength(1);
    const states = listFiles(join(fake.dir, 'anthropic', 'batches'));
    expect(states).toHaveLength(1);
    expect(states[0]).toContain('msgbatch_fake_1');
    expect(await cachedResultFiles(fake.dir)).toHaveLength(0);

    const facets = await localProvider(fake.url, { batch: true }).facets.extract(conversations, makeCtx(fake.dir));
    expect(facets).toEqual(reference);
    expect(creates()).toHaveLength(1);
    expect(polls().every((p) => p.path === '/v1/messages/batches/msgbatch_fake_1')).toBe(true);
    expect(fake.server.messageCalls()).toHaveLength(0);
    expect(listFiles(join(fake.dir, 'anthropic', 'batches'))).toEqual([]);
  });

  it('falls back to a synchronous call for a batch item with malformed output', async () => {
    const marker = conversations[3].messages[0].content.replace(/[?]/g, '');
    fake.server.addFaults({ on: new RegExp(marker), kind: 'malformed' });
    const ctx = makeCtx(fake.dir);
    const facets = await localProvider(fake.url, { batch: true }).facets.extract(conversations, ctx);
    expect(facets).toEqual(reference);
    expect(creates()).toHaveLength(1);
    expect(fake.server.messageCalls()).toHaveLength(1);
    expect(fake.server.messageCalls()[0].bodyText).toContain(marker);
  });
});
