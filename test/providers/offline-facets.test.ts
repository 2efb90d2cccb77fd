import { describe, expect, it } from 'vitest';
import { createOfflineFacetExtractor, extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { CUT_MARK, FACET_WORD_BUDGET } from '../../src/text/conversation-text.js';
import type { Conversation, Message, MetadataValue, ProgressReporter } from '../../src/types.js';
import { silentProgress } from '../../src/types.js';
import { makeCtx } from '../helpers/provider-context.js';

function conversation(messages: Message[], metadata: Record<string, MetadataValue> = {}): Conversation {
  return { id: 'c1', userId: 'u1', messages, metadata: new Map(Object.entries(metadata)) };
}

const user = (content: string): Message => ({ role: 'user', content });
const assistant = (content: string): Message => ({ role: 'assistant', content });
const summaryOf = (content: string): string => extractOfflineFacets(conversation([user(content)])).summary;

describe('summary', () => {
  it.each([
    ['Hi there! Can you please explain how vaccines work?', 'Explain how vaccines work?'],
    ['hello, could you kindly summarise this report', 'Summarise this report'],
    ['Please, translate "good night" into Italian', 'Translate "good night" into Italian'],
    ['Good morning Claude. I need you to draft a polite complaint letter', 'Draft a polite complaint letter'],
    ['History of the Roman empire', 'History of the Roman empire'],
    ['Explain   the\n\n  difference\tbetween TCP and UDP ', 'Explain the difference between TCP and UDP'],
    ['Why does this fail?\n```js\nconst x = 1;\nx = 2;\n```\nThanks', 'Why does this fail? [code] Thanks'],
    ['======== Fix my essay ******** now', 'Fix my essay now'],
    ['Decode aGVsbG8gd29ybGQgdGhpcyBpcyBhIGxvbmcgYmFzZTY0IGJsb2I= for me', 'Decode [blob] for me'],
    ['Hello!', 'Hello!'],
    ['```\nonly code\n```', '[code]'],
  ])('%j → %j', (input, expected) => {
    expect(summaryOf(input)).toBe(expected);
  });

  it('is "(empty request)" when nothing meaningful is left', () => {
    expect(extractOfflineFacets(conversation([])).summary).toBe('(empty request)');
    expect(summaryOf('')).toBe('(empty request)');
    expect(summaryOf('   \n\t ')).toBe('(empty request)');
    expect(summaryOf('!!!! ???? ....')).toBe('(empty request)');
  });

  it('keeps a long request whole up to the word budget, then its start and its end', () => {
    const first = 'Plan a two week trip through Japan for a family of four with two young children in spring.';
    const second = 'We like temples, food markets and quiet countryside towns more than big cities and nightlife.';
    expect(summaryOf(`${first} ${second}`)).toBe(`${first} ${second}`);
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const summary = summaryOf(`${words.join(' ')} so which train should we take`);
    const kept = summary.split(' ');
    expect(kept).toHaveLength(FACET_WORD_BUDGET + 1);
    expect(kept.slice(1, 100)).toEqual(words.slice(1, 100));
    expect(kept).toContain(CUT_MARK);
    expect(summary.endsWith('so which train should we take')).toBe(true);
  });

  it('is scrubbed: an email or phone in the first turn never reaches the summary', () => {
    const summary = summaryOf('Hi, please send the invoice to jane.doe@example.com and call 555-123-4567');
    expect(summary).toBe('Send the invoice to [EMAIL] and call [PHONE]');
    expect(summary).not.toContain('jane.doe');
  });

  it('scrubs before the word budget cuts, so an identifier straddling a cut is not half-kept', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    // Unscrubbed, the budget's cut (after 107 words) would fall inside the phone number and keep "555 123".
    const summary = summaryOf(`${words(105)} call 555 123 4567 ${words(300)}`);
    expect(summary).not.toMatch(/\d/);
    expect(summary).toContain('call [PHONE]');
    const longTurn = `${words(20)} mail jane.doe@example.com ${words(2000)} ring 555-123-4567 now`;
    expect(summaryOf(longTurn)).not.toMatch(/jane|\d/);
  });

  it('summarises every user turn for a prompt classifier, the assistant turns for a response classifier, and falls back to every turn', () => {
    const withUser = conversation([
      assistant('Welcome! How can I help you today?'),
      user('Plan a weekend trip to Rome'),
      user('Also book a hotel'),
    ]);
    expect(extractOfflineFacets(withUser).summary).toBe('Plan a weekend trip to Rome\n\nAlso book a hotel');
    expect(extractOfflineFacets(withUser, 'response').summary).toBe('Welcome! How can I help you today?');
    expect(extractOfflineFacets(withUser, 'conversation').summary).toBe('Welcome! How can I help you today?\n\nPlan a weekend trip to Rome\n\nAlso book a hotel');
    const noUser = conversation([assistant('System notice: maintenance at noon'), assistant('Done')]);
    expect(extractOfflineFacets(noUser).summary).toBe('System notice: maintenance at noon\n\nDone');
  });
});

describe('language', () => {
  const languageOf = (text: string): string => extractOfflineFacets(conversation([user(text)])).language;

  it.each([
    ['eng', 'Can you help me write a cover letter for a software engineering job at a startup?'],
    ['eng', 'Recipe for chocolate chip cookies without eggs or butter'],
    ['fra', 'Explique-moi comment fonctionne la photosynthèse chez les plantes, s’il te plaît.'],
    ['spa', '¿Puedes ayudarme a escribir un correo electrónico para mi jefe sobre las vacaciones?'],
    ['deu', 'Kannst du mir bitte erklären, wie man einen Kuchen ohne Eier backt?'],
    ['cmn', '如何学习编程？我想成为一名软件工程师。'],
  ])('%s for %j', (expected, text) => {
    expect(languageOf(text)).toBe(expected);
  });

  it.each(['ok', 'hola amigo', 'write a poem', '12345 67890 !!!', ''])("is 'und' for too-short or letterless %j", (text) => {
    expect(languageOf(text)).toBe('und');
  });

  it('reads the first user turn, not the assistant or later turns', () => {
    const c = conversation([
      assistant('Bonjour ! Comment puis-je vous aider aujourd’hui avec votre projet ?'),
      user('Please explain what the difference is between a virus and a bacterium'),
      user('Und bitte auf Deutsch, wenn das möglich ist, danke schön für alles'),
    ]);
    expect(extractOfflineFacets(c).language).toBe('eng');
  });

  it('ignores code blocks when detecting the language', () => {
    const text = 'Pourquoi mon programme ne marche pas du tout ?\n```python\nfor item in items:\n    print(item)\n```';
    expect(extractOfflineFacets(conversation([user(text)])).language).toBe('fra');
  });
});

describe('turns and length', () => {
  it('counts every message and every character', () => {
    const c = conversation([user('abc'), assistant('de'), user(''), assistant('héllo')]);
    const facets = extractOfflineFacets(c);
    expect(facets.turns).toBe(4);
    expect(facets.length).toBe(3 + 2 + 0 + 5);
  });

  it('is zero for an empty conversation', () => {
    const facets = extractOfflineFacets(conversation([]));
    expect(facets.turns).toBe(0);
    expect(facets.length).toBe(0);
  });
});

describe('concern', () => {
  const concernOf = (value: MetadataValue): number | undefined =>
    extractOfflineFacets(conversation([user('Explain tides')], { concern: value })).concern;

  it.each([
    [1, 1],
    [5, 5],
    ['3', 3],
    [' 4 ', 4],
    [2.0, 2],
  ] as const)('passes %j through as %d', (value, expected) => {
    expect(concernOf(value)).toBe(expected);
  });

  it.each([7, 0, -1, 2.5, 'high', '', '3.5', true, null])('rejects %j', (value) => {
    expect(concernOf(value)).toBeUndefined();
  });

  it('is absent when the metadata has no concern field', () => {
    const facets = extractOfflineFacets(conversation([user('Explain tides')], { source: 'web' }));
    expect('concern' in facets).toBe(false);
  });
});

describe('createOfflineFacetExtractor', () => {
  const corpus = (n: number): Conversation[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      userId: `u${i % 7}`,
      messages: [user(i % 2 ? `Please explain topic number ${i} in simple words` : `hi, mail me at u${i}@example.com`)],
      metadata: new Map([['concern', (i % 6) + 1]]),
    }));

  it('returns one Facets per conversation, in order, equal to extractOfflineFacets', async () => {
    const conversations = corpus(50);
    const facets = await createOfflineFacetExtractor().extract(conversations, makeCtx('.misfire-cache', { seed: 1, progress: silentProgress }));
    expect(facets).toEqual(conversations.map((c) => extractOfflineFacets(c)));
    expect(facets[1].summary).toBe('Explain topic number 1 in simple words');
    expect(facets[0].summary).toBe('Mail me at [EMAIL]');
    expect(facets[5].concern).toBeUndefined(); // concern 6 is out of range
  });

  it('is deterministic across runs and instances', async () => {
    const conversations = corpus(200);
    const a = await createOfflineFacetExtractor().extract(conversations, makeCtx('.misfire-cache', { seed: 1, progress: silentProgress }));
    const b = await createOfflineFacetExtractor().extract(conversations, makeCtx('.misfire-cache', { seed: 1, progress: silentProgress }));
    expect(b).toEqual(a);
  });

  it("reports progress on stage 'facets' every 5000 conversations", async () => {
    const calls: string[] = [];
    const progress: ProgressReporter = {
      start: (stage, total) => calls.push(`start ${stage} ${total}`),
      update: (done) => calls.push(`update ${done}`),
      end: () => calls.push('end'),
    };
    const conversations = Array.from({ length: 12_001 }, (_, i) => conversation([user(`q${i}`)]));
    await createOfflineFacetExtractor().extract(conversations, makeCtx('.misfire-cache', { seed: 1, progress }));
    expect(calls).toEqual(['start facets 12001', 'update 5000', 'update 10000', 'update 12001', 'end']);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createOfflineFacetExtractor().extract(corpus(3), makeCtx('.misfire-cache', { seed: 1, progress: silentProgress, signal: controller.signal }))).rejects.toThrow();
  });

  it("is named 'offline'", () => {
    expect(createOfflineFacetExtractor().name).toBe('offline');
  });
});
