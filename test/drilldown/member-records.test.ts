/**
 * The listing's formats: CSV that a standard parser (csv-parse, the oracle) reads back cell for cell
 * whatever the text holds (commas, quotes, line breaks, `__proto__`), JSON Lines likewise, and a terminal
 * table in which no control character or bidirectional override of the input reaches the screen.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Listing, ShownConversation } from '../../src/drilldown/listing.js';
import { listingCsv, listingJsonl, MEMBER_CSV_COLUMNS, promptOf } from '../../src/drilldown/member-records.js';
import { listingTable, terminalText } from '../../src/drilldown/member-table.js';

const HOSTILE = 'say "hi", then\r\nrun `rm -rf /`,\n\u001b[2J\u001b]0;owned\u0007 and \u202Eevil\u202C; naïve 漢字 👍';

function conversation(id: string, content: string, extra: Partial<ShownConversation> = {}): ShownConversation {
  return {
    conversationId: id,
    userId: `u-${id}`,
    clusterId: 'L0-001',
    flagged: true,
    score: 0.75,
    label: false,
    category: null,
    outcome: 'fp',
    messages: [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content },
      { role: 'assistant', content: 'ok' },
    ],
    metadata: { channel: 'web' },
    ...extra,
  };
}

function listing(conversations: ShownConversation[]): Listing {
  return {
    run: 'reports/x',
    classifier: 'filter,"a"',
    target: { type: 'cluster-pocket', kind: 'fp', rank: 1, clusterId: 'L0-001' },
    headline: 'false-positive pocket 1 of filter,"a" (cluster L0-001)',
    name: 'Name\u001b[31m red',
    kind: 'fp',
    labelled: true,
    members: 10,
    matching: 3,
    conversations,
  };
}

const rows = [
  conversation('c1', HOSTILE),
  conversation('__proto__', 'plain', { score: null, flagged: null, label: null, outcome: null, category: 'a,b' }),
  conversation('c3', ' leading space', { score: 1e-7, label: true, outcome: 'tp', category: '"q"' }),
];

describe('csv', () => {
  it('a standard parser reads back every cell, in the documented column order', () => {
    const text = listingCsv(listing(rows));
    const parsed = parse(text, { columns: false, relax_column_count: false }) as string[][];
    expect(parsed[0]).toEqual([...MEMBER_CSV_COLUMNS]);
    expect(parsed.slice(1)).toEqual([
      ['c1', 'u-c1', 'L0-001', 'filter,"a"', 'fp', '1', '0.75', '0', '', HOSTILE, JSON.stringify(rows[0].messages)],
      ['__proto__', 'u-__proto__', 'L0-001', 'filter,"a"', '', '', '', '', 'a,b', 'plain', JSON.stringify(rows[1].messages)],
      ['c3', 'u-c3', 'L0-001', 'filter,"a"', 'tp', '1', '1e-7', '1', '"q"', ' leading space', JSON.stringify(rows[2].messages)],
    ]);
  });

  it('an empty listing is the header alone', () => {
    expect(listingCsv(listing([]))).toBe(`${MEMBER_CSV_COLUMNS.join(',')}\n`);
  });
});

describe('jsonl', () => {
  it('one object per line with the messages and metadata as they were', () => {
    const lines = listingJsonl(listing(rows)).split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[rows.length]).toBe('');
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['conversation_id', 'user_id', 'cluster_id', 'classifier', 'outcome', 'flagged', 'score', 'label', 'category', 'messages', 'metadata']);
    expect(first.messages).toEqual(rows[0].messages);
    expect(first.metadata).toEqual({ channel: 'web' });
    expect(JSON.parse(lines[1])).toMatchObject({ conversation_id: '__proto__', flagged: null, score: null, label: null, outcome: null });
  });
});

describe('table', () => {
  it('prints no control character or bidirectional override from the data', () => {
    const text = listingTable(listing(rows), 200);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('say "hi", then run `rm -rf /`, [2J ]0;owned and evil ; naïve 漢字 👍');
    expect(text.split('\n')[0]).toBe('filter,"a" · false-positive pocket 1 of filter,"a" (cluster L0-001): Name [31m red');
  });

  it('keeps each line within the width, cutting the preview with …', () => {
    const long = conversation('c9', 'word '.repeat(100));
    const lines = listingTable(listing([long]), 80).split('\n');
    const row = lines.find((line) => line.startsWith('c9 '))!;
    expect([...row].length).toBeLessThanOrEqual(80);
    expect(row.endsWith('…')).toBe(true);
  });

  it('says how many of the members are listed', () => {
    expect(listingTable(listing(rows), 100)).toContain('false positives (flagged, labelled benign): 3 of 10 members, all listed');
    expect(listingTable({ ...listing([]), matching: 0 }, 100)).toContain('0 of 10 members, none to list');
  });
});

describe('the request shown', () => {
  it('is the first user turn with text, else the first turn with text', () => {
    expect(promptOf([{ role: 'system', content: 's' }, { role: 'user', content: '  ' }, { role: 'user', content: 'ask' }])).toBe('ask');
    expect(promptOf([{ role: 'assistant', content: 'only' }])).toBe('only');
    expect(promptOf([])).toBe('');
  });

  it('terminalText folds line breaks and tabs into single spaces', () => {
    expect(terminalText(' a\tb\r\n\nc ')).toBe('a b c');
  });
});
