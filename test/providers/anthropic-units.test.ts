import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMisfireError } from '../../src/errors.js';
import { cacheKey, canonicalJson } from '../../src/providers/anthropic/cache.js';
import { estimateCost, loadPricing } from '../../src/providers/anthropic/index.js';
import { normaliseLanguage } from '../../src/providers/anthropic/language.js';
import { validateFacetOutput, validateNameOutput, validatePrivacyOutput } from '../../src/providers/anthropic/validate.js';
import { localProvider, makeConversations, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';

const good = { summary: 'get help fixing a sorting bug.', task: 'debug code', language: 'eng', concern: 2 };

describe('validation of tool inputs', () => {
  it('accepts a well-formed record_facets input and normalises the Clio prefix away', () => {
    const result = validateFacetOutput({ ...good, summary: "The user's overall request for the assistant is to get help with a bug." });
    expect(result).toEqual({ ok: true, value: { summary: 'Get help with a bug.', task: 'Debug code', language: 'eng', concern: 2 } });
  });

  it.each([
    ['concern as a word', { ...good, concern: 'high' }],
    ['concern as a string digit', { ...good, concern: '3' }],
    ['fractional concern', { ...good, concern: 3.5 }],
    ['concern below 1', { ...good, concern: 0 }],
    ['concern above 5', { ...good, concern: 6 }],
    ['missing summary', { task: 'x', language: 'eng', concern: 1 }],
    ['empty summary', { ...good, summary: '   ' }],
    ['overlong summary', { ...good, summary: 'word '.repeat(200) }],
    ['non-string language', { ...good, language: 7 }],
    ['an array', [good]],
    ['null', null],
  ])('rejects %s', (_name, input) => {
    expect(validateFacetOutput(input).ok).toBe(false);
  });

  it('checks cluster names (≤ 10 words) and privacy scores (integer 1–5)', () => {
    expect(validateNameOutput({ name: 'Plan gardens.', description: 'Users planned. They dug.' })).toEqual({
      ok: true,
      value: { name: 'Plan gardens', description: 'Users planned. They dug.' },
    });
    expect(validateNameOutput({ name: 'a b c d e f g h i j k', description: 'x' }).ok).toBe(false);
    expect(validateNameOutput({ name: 'ok', description: '' }).ok).toBe(false);
    expect(validatePrivacyOutput({ score: 4 })).toEqual({ ok: true, value: { score: 4 } });
    expect(validatePrivacyOutput({ score: 'low' }).ok).toBe(false);
    expect(validatePrivacyOutput({ score: 0 }).ok).toBe(false);
  });

  it('maps language names and two-letter codes to ISO 639-3', () => {
    expect(normaliseLanguage('English')).toBe('eng');
    expect(normaliseLanguage('ja')).toBe('jpn');
    expect(normaliseLanguage('Arabic; Indonesian')).toBe('arb');
    expect(normaliseLanguage('fra')).toBe('fra');
    expect(normaliseLanguage('Klingon')).toBe('und');
  });
});

describe('cache keys', () => {
  it('ignore object key order but not content, model or prompt version', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const key = cacheKey('m', 'facets/v1', { x: 1, y: 2 });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('m', 'facets/v1', { y: 2, x: 1 })).toBe(key);
    expect(cacheKey('m', 'facets/v2', { x: 1, y: 2 })).not.toBe(key);
    expect(cacheKey('m2', 'facets/v1', { x: 1, y: 2 })).not.toBe(key);
    expect(cacheKey('m', 'facets/v1', { x: 1, y: 3 })).not.toBe(key);
  });
});

describe('estimateCost', () => {
  const fake = useFakeAnthropic();

  it('counts one facet call per conversation and prices tokens from config/pricing.json', () => {
    const conversations = makeConversations(10);
    const estimate = estimateCost(conversations);
    const pricing = JSON.parse(readFileSync(new URL('../../config/pricing.json', import.meta.url), 'utf8'));
    const haiku = pricing.models['claude-haiku-4-5'];
    const textChars = conversations.reduce((s, c) => s + c.messages.reduce((t, m) => t + m.content.length, 0), 0);
    expect(estimate.calls).toBe(10);
    expect(estimate.cachedCalls).toBe(0);
    expect(estimate.inputTokens).toBeGreaterThan(textChars / 4);
    expect(estimate.outputTokens).toBe(10 * 150);
    expect(estimate.usd).toBeCloseTo((estimate.inputTokens * haiku.input + estimate.outputTokens * haiku.output) / 1e6, 10);
    expect(estimate.usdBatch).toBeCloseTo(estimate.usd * pricing.batchDiscount, 10);
    expect(pricing.batchDiscount).toBe(0.5);

    const withClusters = estimateCost(conversations, { clusters: 4 });
    expect(withClusters.calls).toBe(10 + 2 * 4);
    expect(withClusters.usd).toBeGreaterThan(estimate.usd);
  });

  it('skips conversations whose facets are already cached', async () => {
    const conversations = makeConversations(6);
    await localProvider(fake.url).facets.extract(conversations.slice(0, 4), makeCtx(fake.dir));
    const estimate = estimateCost(conversations, { cacheDir: fake.dir });
    expect(estimate.calls).toBe(2);
    expect(estimate.cachedCalls).toBe(4);
  });

  it('refuses a model without a price (config error)', () => {
    let err: unknown;
    try {
      estimateCost(makeConversations(1), { model: 'claude-unknown-9' });
    } catch (e) {
      err = e;
    }
    expect(isMisfireError(err) && err.code).toBe('config');
    expect(Object.keys(loadPricing().models)).toContain('claude-sonnet-4-6');
  });
});
