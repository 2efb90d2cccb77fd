/**
 * The slicing fields: values as text, field discovery, --slice-by checked against the data (an unknown field
 * names itself and the fields there are), and the default rule (the language facet; metadata fields with
 * 2–50 values each held by at least min-users users and min-conversations conversations).
 */
import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { indexUsers } from '../../src/clustering/privacy.js';
import { chosenFields, languageFieldName, MAX_VALUES, metadataFieldNames, sliceFields, valueText } from '../../src/slicing/fields.js';
import type { Conversation, Facets, MetadataValue } from '../../src/types.js';

/** `n` conversations of `users` users (round robin), metadata from `meta(i)`, language from `lang(i)`. */
function data(n: number, users: number, meta: (i: number) => Record<string, MetadataValue>, lang: (i: number) => string = () => 'eng') {
  const conversations: Conversation[] = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    userId: `u${i % users}`,
    messages: [{ role: 'user', content: 'x' }],
    metadata: new Map(Object.entries(meta(i))),
  }));
  const facets = conversations.map((_, i): Facets => ({ summary: 'x', language: lang(i), turns: 1, length: 1 }));
  return { conversations, facets, userOf: indexUsers(conversations.map((c) => c.userId)).userOf };
}

describe('values and field names', () => {
  it('reads values as text, with null, missing and blank as no value', () => {
    expect([valueText('api'), valueText(3), valueText(true), valueText(null), valueText(undefined), valueText('  ')]).toEqual(['api', '3', 'true', null, null, null]);
  });

  it('lists every metadata field any conversation has, sorted, and keeps "language" for a field the data brings', () => {
    const { conversations } = data(4, 2, (i): Record<string, MetadataValue> => (i % 2 ? { model: 'a' } : { channel: 'web', __proto__x: 1 }));
    expect(metadataFieldNames(conversations)).toEqual(['__proto__x', 'channel', 'model']);
    expect(languageFieldName(['channel'])).toBe('language');
    expect(languageFieldName(['language'])).toBe('language (detected)');
  });
});

describe('--slice-by', () => {
  const { conversations } = data(10, 5, () => ({ channel: 'web', model: 'm1' }));

  it('takes the named fields in order, "language" as the facet', () => {
    expect(chosenFields(['model', 'language'], conversations)).toEqual([
      { field: 'model', source: 'metadata' },
      { field: 'language', source: 'facet' },
    ]);
    expect(chosenFields(null, conversations)).toBeNull();
  });

  it('refuses an unknown field, naming it and listing the fields there are', () => {
    const err = (() => {
      try {
        chosenFields(['chanel', 'model'], conversations);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MisfireError);
    expect((err as MisfireError).code).toBe('config');
    expect((err as Error).message).toBe('--slice-by names a field the conversations do not have: "chanel" (fields: "channel", "language", "model")');
  });

  it('refuses a named field with more than MAX_VALUES distinct values (an id is not a slice)', () => {
    const many = data(MAX_VALUES + 1, 5, (i) => ({ request_id: `r${i}` }));
    const chosen = chosenFields(['request_id'], many.conversations);
    expect(() => sliceFields({ ...many, chosen, minUsers: 1, minConversations: 1 })).toThrow(/"request_id" has 1001 distinct values/);
  });
});

describe('the default rule', () => {
  it('takes the language facet with two values or more, and metadata fields whose every value has enough users', () => {
    const d = data(200, 40, (i) => ({
      channel: ['web', 'api', 'mobile'][i % 3], // 3 values, 40 users each
      topic: i < 3 ? 'rare' : 'common', // one value held by 3 users
      request: `r${i}`, // 200 values
      constant: 'x', // 1 value
      partial: i % 2 ? 'yes' : null, // a value and "no value", 20 users each
    }), (i) => (i % 2 ? 'eng' : 'fra'));
    const fields = sliceFields({ ...d, chosen: null, minUsers: 5, minConversations: 5 });
    expect(fields.map((f) => [f.field, f.source])).toEqual([
      ['language', 'facet'],
      ['channel', 'metadata'],
      ['partial', 'metadata'],
    ]);
    expect(fields[2].values.slice(0, 2)).toEqual([null, 'yes']);
  });

  it('leaves out a language facet with a single value, and counts users, not conversations', () => {
    // 100 conversations, but the "b" value comes from only 2 users.
    const d = data(100, 10, (i) => ({ plan: i % 10 < 2 ? 'b' : 'a' }));
    expect(sliceFields({ ...d, chosen: null, minUsers: 5, minConversations: 5 })).toEqual([]);
    expect(sliceFields({ ...d, chosen: null, minUsers: 2, minConversations: 5 }).map((f) => f.field)).toEqual(['plan']);
  });
});
