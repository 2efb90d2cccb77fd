/**
 * The conversation formats people have (README "Input formats"), each from a small committed fixture: system
 * and tool turns, content blocks, WildChat, LMSYS-Chat-1M, ShareGPT, Gemini, a JSON array.
 */
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { conversationFromJson, readConversations } from '../../src/io/read-conversations.js';
import { extractOfflineFacets, openingRequest } from '../../src/providers/offline/facets.js';
import type { Conversation } from '../../src/types.js';
import { inputFixture, warningList } from '../helpers/input-fixtures.js';

const turns = (c: Conversation) => c.messages.map((m) => `${m.role}: ${m.content}`);
const read = async (name: string) => {
  const sink = warningList();
  const { conversations } = await readConversations(inputFixture(name), { warnings: sink.warnings });
  return { conversations, warnings: sink.list };
};

describe('system, developer and tool turns are kept, and never read as the request', () => {
  it('keeps every turn of an OpenAI chat export, with its role', async () => {
    const { conversations } = await read('openai-chat.jsonl');
    expect(turns(conversations[0])).toEqual([
      'system: You are a helpful assistant for office software.',
      'user: how do I rotate a pdf page?',
      'assistant: Open the page thumbnails and use Rotate.',
    ]);
    expect(conversations[1].messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(turns(conversations[2])).toEqual(['system: Reply in French, whatever the question says.', 'user: translate good morning']);
  });

  it('summarises the first user turn, not the system prompt before it', async () => {
    const { conversations } = await read('openai-chat.jsonl');
    expect(openingRequest(conversations[0].messages)?.content).toBe('how do I rotate a pdf page?');
    const facets = extractOfflineFacets(conversations[2]);
    expect(facets.summary.toLowerCase()).toContain('good morning');
    expect(facets.summary.toLowerCase()).not.toContain('french');
    expect(facets.turns).toBe(2);
  });

  it('never takes a system or tool turn as the request, even without a user turn', () => {
    expect(openingRequest([{ role: 'system', content: 'be nice' }, { role: 'assistant', content: 'Hello!' }])?.content).toBe('Hello!');
    expect(openingRequest([{ role: 'system', content: 'be nice' }, { role: 'tool', content: '{}' }])).toBeUndefined();
    expect(openingRequest([{ role: 'user', content: '' }, { role: 'user', content: 'the real question' }])?.content).toBe('the real question');
  });
});

describe('content as a list of blocks (Anthropic and OpenAI API shape)', () => {
  it('joins text blocks and counts images, tool calls and tool results in the metadata', async () => {
    const { conversations } = await read('anthropic-messages.jsonl');
    expect(turns(conversations[0])).toEqual(['user: What is the weather in Paris?', 'assistant: Let me check.', 'user: ', 'assistant: It is 18 C and cloudy in Paris.']);
    expect(Object.fromEntries(conversations[0].metadata)).toEqual({ tool_calls: 1, tool_results: 1 });
    expect(turns(conversations[1])[0]).toBe('user: Describe this chart.\nFocus on the trend.');
    expect(Object.fromEntries(conversations[1].metadata)).toEqual({ image_blocks: 1, other_blocks: 1 });
  });

  it('counts OpenAI image parts and tool_calls (content null) and says so once per file', async () => {
    const { conversations, warnings } = await read('openai-chat.jsonl');
    expect(Object.fromEntries(conversations[1].metadata)).toEqual({ image_blocks: 1, tool_calls: 1 });
    expect(warnings).toEqual([
      {
        code: 'content-not-text',
        message: expect.stringMatching(/openai-chat\.jsonl: 2 content blocks or tool calls are not text and were counted, not clustered \(image_url 1, tool_calls 1\)/),
      },
    ]);
  });

  it('never fails on a block it does not know', () => {
    const row = { id: 'x', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }, 7, null, ['a'], { text: 'spoken words' }] }] };
    const conversation = conversationFromJson(row, { file: 'f.jsonl', line: 1 });
    expect(turns(conversation)).toEqual(['user: spoken words']);
    expect(Object.fromEntries(conversation.metadata)).toEqual({ other_blocks: 4 });
  });
});

describe('the exports of public chat data sets', () => {
  it('WildChat: conversation_hash is the id, conversation the messages, hashed_ip the user', async () => {
    const { conversations } = await read('wildchat.jsonl');
    expect(conversations.map((c) => [c.id, c.userId])).toEqual([
      ['c9ec5b440fbdd2a269333dd241f32f64', 'f3b5c1'],
      ['0a7f1d9c3e2b4a5968c7d1e2f3a4b5c6', 'f3b5c1'],
    ]);
    expect(turns(conversations[1])).toEqual(['user: how do I kill a stuck process on linux', 'assistant: Use kill -9 PID after finding it with ps.']);
    expect(Object.fromEntries(conversations[0].metadata)).toMatchObject({ model: 'gpt-4-0314', toxic: false, country: 'United States', turn: 1 });
    expect(JSON.parse(conversations[0].metadata.get('openai_moderation') as string)).toEqual([{ categories: { harassment: false }, flagged: false }]);
    expect(conversations[0].metadata.has('conversation')).toBe(false);
  });

  it('LMSYS-Chat-1M: conversation_id and conversation', async () => {
    const { conversations } = await read('lmsys-chat-1m.jsonl');
    expect(conversations.map((c) => c.id)).toEqual(['33f01939a744455c869cb234afca47f1', '1e230e55d1e94d4c8e4ae4e5c1cfd2a4']);
    expect(conversations[1].messages).toHaveLength(4);
    expect(Object.fromEntries(conversations[1].metadata)).toMatchObject({ model: 'koala-13b', redacted: true, turn: 2 });
  });

  it('ShareGPT in a JSON array: conversations of {from: human | gpt | system, value}', async () => {
    const { conversations } = await read('sharegpt.json');
    expect(turns(conversations[0])).toEqual([
      'system: You are a travel agent.',
      'user: plan three days in Lisbon',
      'assistant: Day 1: Alfama and the castle. Day 2: Belem. Day 3: Sintra.',
    ]);
    expect(turns(conversations[1])[0]).toBe('user: what does "idempotent" mean, with a [bracket] and a } brace?');
    expect(Object.fromEntries(conversations[1].metadata)).toEqual({ source: 'sharegpt-90k' });
  });

  it('Gemini: contents of {role: user | model, parts}', async () => {
    const { conversations } = await read('gemini.jsonl');
    expect(turns(conversations[0])).toEqual(['user: Summarise this receipt.', 'assistant: A grocery receipt totalling 23.40 EUR.']);
    expect(Object.fromEntries(conversations[0].metadata)).toEqual({ image_blocks: 1 });
  });
});

describe('what is still refused, with the field that is wrong', () => {
  const error = (row: unknown) => {
    try {
      conversationFromJson(row, { file: 'c.jsonl', line: 4 });
    } catch (err) {
      return err instanceof MisfireError ? `${err.field}: ${err.message}` : String(err);
    }
    return 'no error';
  };

  it('an unknown role, naming the field it came from', () => {
    expect(error({ id: 'a', conversations: [{ from: 'narrator', value: 'x' }] })).toBe(
      'conversations[0].from: c.jsonl:4, field "conversations[0].from": role must be user, assistant, system or tool (or human, gpt, model, developer, function, ipython), got "narrator"',
    );
  });

  it('a message without content, content of the wrong type, a list field that is not a list', () => {
    expect(error({ id: 'a', messages: [{ role: 'user' }] })).toMatch(/^messages\[0\]\.content: .*needs "content"/);
    expect(error({ id: 'a', messages: [{ role: 'user', content: 5 }] })).toMatch(/^messages\[0\]\.content: .*content must be a string or a list of content blocks, got 5/);
    expect(error({ id: 'a', conversation: 'hello' })).toMatch(/^conversation: .*"conversation" must be an array/);
  });

  it('a row without any id field, listing the names it looked for', () => {
    expect(error({ messages: [{ role: 'user', content: 'x' }] })).toMatch(/^id: .*missing id \("id", "conversation_id", "conversation_hash"\)/);
  });
});
