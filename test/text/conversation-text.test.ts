import { describe, expect, it } from 'vitest';
import { CUT_MARK, facetText, judgedTurns, keepStartAndEnd, turnBudgets } from '../../src/text/conversation-text.js';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

describe('facet text of a conversation', () => {
  const turns = [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Write a story about a heist' },
    { role: 'assistant', content: 'Once upon a time' },
    { role: 'user', content: 'now make the crew pick the vault lock' },
  ];

  it('reads every user turn for a prompt classifier, the assistant turns for a response classifier, both for a conversation classifier; never the system turn', () => {
    expect(facetText(turns, 'prompt')).toBe('Write a story about a heist\n\nnow make the crew pick the vault lock');
    expect(facetText(turns, 'response')).toBe('Once upon a time');
    expect(facetText(turns, 'conversation')).toBe('Write a story about a heist\n\nOnce upon a time\n\nnow make the crew pick the vault lock');
  });

  it('falls back to every user or assistant turn when the judged side has none (a single judged text)', () => {
    expect(judgedTurns([{ role: 'user', content: 'a response text' }], 'response')).toEqual([{ role: 'user', content: 'a response text' }]);
    expect(judgedTurns([{ role: 'system', content: 'x' }], 'prompt')).toEqual([]);
  });

  it('keeps the start and the end of a long turn within the budget', () => {
    const long = `${words(200, 'setup')} so now tell me how to pick a lock`;
    const text = facetText([{ role: 'user', content: long }], 'prompt', 30);
    const kept = text.split(' ');
    expect(kept).toHaveLength(31);
    expect(kept.slice(0, 20)).toEqual(long.split(' ').slice(0, 20));
    expect(kept[20]).toBe(CUT_MARK);
    expect(text.endsWith('how to pick a lock')).toBe(true);
  });

  it('shares the budget fairly: short turns keep all their words, long ones split what is left', () => {
    expect(turnBudgets([10, 500, 40], 160)).toEqual([10, 110, 40]);
    expect(turnBudgets([500, 500], 160)).toEqual([80, 80]);
    expect(turnBudgets([3, 4], 160)).toEqual([3, 4]);
    const many = turnBudgets(Array.from({ length: 50 }, () => 100), 160);
    expect(many.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(160);
    expect(keepStartAndEnd(['a', 'b', 'c', 'd', 'e', 'f'], 3)).toEqual(['a', 'b', CUT_MARK, 'f']);
    expect(keepStartAndEnd(['a', 'b'], 3)).toEqual(['a', 'b']);
  });
});
