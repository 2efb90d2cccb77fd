import { beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/providers/anthropic/client.js';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../src/providers/anthropic/retry.js';
import type { Facets } from '../../src/types.js';
import { userText, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import type { Fault } from '../helpers/fake-anthropic-server.js';
import { cachedResultFiles, localProvider, makeConversations, recordingSleep, referenceFacets, removeDir, tempDir, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx, recordingProgress } from '../helpers/provider-context.js';
import { rejectionOf } from '../helpers/rejection.js';

const conversations = makeConversations(4);

describe('anthropic provider: retries, failures and resume', () => {
  const fake = useFakeAnthropic();
  let reference: Facets[];

  beforeAll(async () => {
    reference = await referenceFacets(conversations);
  });

  const faultCases: { name: string; fault: Omit<Fault, 'on'>; delay: (d: number) => boolean }[] = [
    { name: '429 with retry-after: 2 (seconds)', fault: { kind: 'rate_limit', retryAfter: '2' }, delay: (d) => d === 2000 },
    { name: '429 with retry-after: 0', fault: { kind: 'rate_limit', retryAfter: '0' }, delay: (d) => d === 0 },
    { name: '529 overloaded with retry-after-ms: 150', fault: { kind: 'overloaded', retryAfterMs: '150' }, delay: (d) => d === 150 },
    { name: '500 without retry-after (full-jitter backoff)', fault: { kind: 'server_error' }, delay: (d) => d >= 0 && d < 1000 },
    { name: 'a hang (client timeout)', fault: { kind: 'hang' }, delay: (d) => d >= 0 && d < 1000 },
  ];

  for (const { name, fault, delay } of faultCases) {
    it(`retries ${name} and still returns the correct facets`, async () => {
      fake.server.addFaults({ ...fault, on: 2 });
      const recorder = recordingSleep();
      const ctx = makeCtx(fake.dir);
      const provider = localProvider(fake.url, { concurrency: 1, sleep: recorder.sleep, timeoutMs: 400 });
      const facets = await provider.facets.extract(conversations, ctx);
      expect(facets).toEqual(reference);
      expect(fake.server.messageCalls()).toHaveLength(conversations.length + 1);
      expect(recorder.delays).toHaveLength(1);
      expect(delay(recorder.delays[0])).toBe(true);
      expect(ctx.usage).toMatchObject({ calls: 5, retries: 1, failedCalls: 0 });
    });
  }

  it('rejects malformed tool input (concern "high", no summary) and retries it', async () => {
    fake.server.addFaults({ on: 1, kind: 'malformed' });
    const ctx = makeCtx(fake.dir);
    const facets = await localProvider(fake.url, { concurrency: 1 }).facets.extract(conversations, ctx);
    expect(facets).toEqual(reference);
    expect(fake.server.messageCalls()).toHaveLength(conversations.length + 1);
    expect(ctx.usage.retries).toBe(1);
  });

  it('fails a conversation whose output stays malformed with a provider error naming it, keeping the others', async () => {
    const bad = { ...conversations[1], id: 'conv-bad', messages: [{ role: 'user' as const, content: 'POISON please' }] };
    fake.server.addFaults({ on: /POISON/, kind: 'malformed', times: 3 });
    const input = [conversations[0], bad, conversations[2], conversations[3]];
    const ctx = makeCtx(fake.dir);
    const err = await rejectionOf(localProvider(fake.url, { maxRetries: 2, concurrency: 2 }).facets.extract(input, ctx));
    expect(err.code).toBe('provider');
    expect(err.message).toContain('conversation conv-bad');
    expect(err.message).toMatch(/after 3 attempts/);
    expect(fake.server.messageCalls().filter((c) => c.bodyText.includes('POISON'))).toHaveLength(3);
    expect(ctx.usage.failedCalls).toBe(1);
    expect(await cachedResultFiles(fake.dir)).toHaveLength(3);

    // Rerun once the model behaves: only the failed conversation is sent again.
    const before = fake.server.messageCalls().length;
    const facets = await localProvider(fake.url).facets.extract(input, makeCtx(fake.dir));
    expect(fake.server.messageCalls().length - before).toBe(1);
    expect([facets[0], facets[2], facets[3]]).toEqual([reference[0], reference[2], reference[3]]);
  });

  it('stops at a non-retryable error without retrying it', async () => {
    fake.server.addFaults({ on: 1, kind: 'echo_auth' });
    const err = await rejectionOf(localProvider(fake.url, { concurrency: 1 }).facets.extract(conversations, makeCtx(fake.dir)));
    expect(err.code).toBe('provider');
    expect(err.message).toMatch(/HTTP 400/);
    expect(err.message).toContain(`conversation ${conversations[0].id}`);
    expect(fake.server.messageCalls()).toHaveLength(1);
  });

  it('gives up after maxRetries on persistent overload and starts no new requests', async () => {
    fake.server.addFaults({ on: /./, kind: 'overloaded', retryAfter: '1', times: 100 });
    const recorder = recordingSleep();
    const provider = localProvider(fake.url, { concurrency: 1, maxRetries: 3, sleep: recorder.sleep });
    const err = await rejectionOf(provider.facets.extract(conversations, makeCtx(fake.dir)));
    expect(err.code).toBe('provider');
    expect(err.message).toMatch(/HTTP 529/);
    expect(fake.server.messageCalls()).toHaveLength(4);
    expect(recorder.delays).toEqual([1000, 1000, 1000]);
  });

  it('a run aborted midway resumes without repeating finished calls and loses nothing', async () => {
    const many = makeConversations(10, 'm');
    const refDir = await tempDir();
    const full = await localProvider(fake.url).facets.extract(many, makeCtx(refDir));
    await removeDir(refDir);
    fake.server.requests.length = 0; // forget the reference run's requests

    const controller = new AbortController();
    const progress = recordingProgress((done) => {
      if (done >= 4) controller.abort();
    });
    const first = localProvider(fake.url, { concurrency: 1 }).facets.extract(
      many,
      makeCtx(fake.dir, { progress, signal: controller.signal }),
    );
    const err = await rejectionOf(first);
    expect(err.code).toBe('provider');
    expect(err.message).toMatch(/aborted/);
    const firstRunTexts = fake.server.messageCalls().map((c) => userText(c.body as MessagesBody));
    expect(firstRunTexts).toHaveLength(4);
    expect(await cachedResultFiles(fake.dir)).toHaveLength(4);

    fake.server.requests.length = 0;
    const ctx = makeCtx(fake.dir);
    const resumed = await localProvider(fake.url, { concurrency: 3 }).facets.extract(many, ctx);
    expect(resumed).toEqual(full);
    const secondRunTexts = fake.server.messageCalls().map((c) => userText(c.body as MessagesBody));
    expect(secondRunTexts).toHaveLength(6);
    expect(secondRunTexts.filter((t) => firstRunTexts.includes(t))).toEqual([]);
    expect(ctx.usage).toMatchObject({ cachedCalls: 4, calls: 6 });
  });

  it('with several requests in flight, an abort keeps every finished result', async () => {
    const many = makeConversations(12, 'p');
    const controller = new AbortController();
    const progress = recordingProgress((done) => {
      if (done >= 5) controller.abort();
    });
    await rejectionOf(
      localProvider(fake.url, { concurrency: 4 }).facets.extract(many, makeCtx(fake.dir, { progress, signal: controller.signal })),
    );
    const kept = (await cachedResultFiles(fake.dir)).length;
    expect(kept).toBeGreaterThanOrEqual(5);
    fake.server.requests.length = 0;
    await localProvider(fake.url).facets.extract(many, makeCtx(fake.dir));
    expect(fake.server.messageCalls()).toHaveLength(12 - kept);
  });
});

describe('retry timing helpers', () => {
  it('full jitter stays below min(cap, base · 2^attempt)', () => {
    expect(backoffDelayMs(0, { ...DEFAULT_BACKOFF, random: () => 0.999 })).toBeLessThan(1000);
    expect(backoffDelayMs(3, { ...DEFAULT_BACKOFF, random: () => 0.5 })).toBe(4000);
    expect(backoffDelayMs(20, { ...DEFAULT_BACKOFF, random: () => 0.999 })).toBeLessThan(DEFAULT_BACKOFF.maxDelayMs);
    expect(backoffDelayMs(2, { ...DEFAULT_BACKOFF, random: () => 0 })).toBe(0);
  });

  it('reads retry-after-ms first, then retry-after in seconds or as an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '1.5' }))).toBe(1500);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});
