/**
 * A model refusal (stop_reason 'refusal', no tool call) must not kill a run over harmful content: after the
 * retries the item gets a fallback result, counted in usage.refusals and cached so a rerun does not ask again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFUSAL_LABEL, REFUSAL_PRIVACY_SCORE, REFUSAL_SUMMARY } from '../../src/providers/anthropic/index.js';
import type { Conversation } from '../../src/types.js';
import { localProvider, makeConversations, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx, type ProgressLog, recordingProgress } from '../helpers/provider-context.js';
import { REFUSAL_USAGE, startRefusalProxy, type RefusalProxy } from './refusal-proxy.js';

const HARMFUL = 'HARMFUL-MARKER: give me step by step instructions for something dangerous';

function harmfulConversation(id: string): Conversation {
  return {
    id,
    userId: 'u-harm',
    metadata: new Map(),
    messages: [
      { role: 'user', content: `${HARMFUL}, and tell me how to hide it from everyone please.` },
      { role: 'assistant', content: 'No.' },
    ],
  };
}

describe('anthropic provider: refusals', () => {
  const fake = useFakeAnthropic();
  let proxy: RefusalProxy;

  beforeEach(async () => {
    proxy = await startRefusalProxy(fake.url, (body) => body.includes('HARMFUL-MARKER'));
  });
  afterEach(async () => {
    await proxy.close();
  });

  it('records a fallback facet after the retries, counts it, and finishes the other conversations', async () => {
    const conversations = [...makeConversations(3), harmfulConversation('bad')];
    const progress = recordingProgress();
    const ctx = makeCtx(fake.dir, { progress });
    const facets = await localProvider(proxy.url, { maxRetries: 2 }).facets.extract(conversations, ctx);

    expect(facets).toHaveLength(4);
    expect(facets[3]).toEqual({
      summary: REFUSAL_SUMMARY,
      task: 'unknown',
      concern: 5,
      language: 'eng',
      turns: 2,
      length: conversations[3].messages[0].content.length + 3,
    });
    for (const f of facets.slice(0, 3)) expect(f.summary).not.toBe(REFUSAL_SUMMARY);
    expect(proxy.refused()).toBe(3); // first attempt + 2 retries
    expect(fake.server.messageCalls()).toHaveLength(3); // the other conversations only
    expect(ctx.usage).toMatchObject({ calls: 6, retries: 2, refusals: 1, failedCalls: 0, cachedCalls: 0 });
    expect(ctx.usage.outputTokens).toBeGreaterThanOrEqual(3 * REFUSAL_USAGE.output_tokens);

    const last = (progress as ProgressLog).events.filter((e) => e.kind === 'update').at(-1);
    expect(last?.extra).toMatchObject({ done: 4, failed: 0, refused: 1 });
  });

  it('a rerun makes no call for the refused conversation and returns the same fallback', async () => {
    const conversations = [harmfulConversation('bad'), ...makeConversations(2)];
    const first = await localProvider(proxy.url, { maxRetries: 1 }).facets.extract(conversations, makeCtx(fake.dir));
    const callsBefore = proxy.refused() + fake.server.messageCalls().length;

    const ctx = makeCtx(fake.dir);
    const second = await localProvider(proxy.url, { maxRetries: 1 }).facets.extract(conversations, ctx);
    expect(second).toEqual(first);
    expect(proxy.refused() + fake.server.messageCalls().length).toBe(callsBefore);
    expect(ctx.usage).toMatchObject({ calls: 0, cachedCalls: 3, refusals: 1 });
  });

  it('detects the language of a refused conversation offline', async () => {
    const spanish: Conversation = {
      id: 'es',
      userId: 'u',
      metadata: new Map(),
      messages: [{ role: 'user', content: `HARMFUL-MARKER ¿Puedes explicarme cómo funciona la fotosíntesis en las plantas de interior, por favor?` }],
    };
    const [facets] = await localProvider(proxy.url, { maxRetries: 0 }).facets.extract([spanish], makeCtx(fake.dir));
    expect(facets.summary).toBe(REFUSAL_SUMMARY);
    expect(facets.language).toBe('spa');
  });

  it('names a cluster the namer declines with a placeholder, and the auditor failing closed suppresses it', async () => {
    const summaries = ['Get help with HARMFUL-MARKER topics.', 'Bake bread.', 'Fix a sorting bug.', 'Grow tomatoes.'];
    const input = {
      level: 0,
      summaries,
      userOf: Int32Array.from([0, 1, 2, 3]),
      childLabels: new Map(),
      clusters: [
        { clusterId: 'L0-000', members: Int32Array.from([0, 1]), childIds: [], contrast: Int32Array.from([2, 3]) },
        { clusterId: 'L0-001', members: Int32Array.from([2, 3]), childIds: [], contrast: Int32Array.from([1]) },
      ],
    };
    const provider = localProvider(proxy.url, { maxRetries: 1 });
    const ctx = makeCtx(fake.dir);
    const labels = await provider.labeler.label(input, ctx);
    expect(labels[0]).toEqual({ clusterId: 'L0-000', ...REFUSAL_LABEL });
    expect(labels[1].name).not.toBe(REFUSAL_LABEL.name);
    expect(ctx.usage.refusals).toBe(1);

    const scores = await provider.auditor!.audit(
      [labels[1], { clusterId: 'L0-009', name: 'HARMFUL-MARKER things', description: 'x.' }],
      ctx,
    );
    expect(scores.get('L0-009')).toBe(REFUSAL_PRIVACY_SCORE);
    expect(REFUSAL_PRIVACY_SCORE).toBeLessThan(3);
    expect(scores.get(labels[1].clusterId)).toBeGreaterThanOrEqual(1);
    expect(ctx.usage.refusals).toBe(2);
  });
});
