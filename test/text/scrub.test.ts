import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PII_KINDS, scrubFindings, scrubPii } from '../../src/text/scrub.js';

/** [input, expected output] — positives first, then near-misses that must survive unchanged. */
const POSITIVES: ReadonlyArray<readonly [string, string]> = [
  // email
  ['Mail jane.doe@example.com today', 'Mail [EMAIL] today'],
  ['email me: Jane.Doe+test@mail.co.uk.', 'email me: [EMAIL].'],
  ['<bob_99@sub.example.org>', '<[EMAIL]>'],
  // phone
  ['Call me at (555) 123-4567.', 'Call me at [PHONE].'],
  ['+1 (555) 123-4567 is my cell', '[PHONE] is my cell'],
  ['London office: +44 20 7946 0958', 'London office: [PHONE]'],
  ['text 555.123.4567 or 07700 900123', 'text [PHONE] or [PHONE]'],
  ['mon portable 06 12 34 56 78', 'mon portable [PHONE]'],
  ['whatsapp +4915112345678', 'whatsapp [PHONE]'],
  // card (Luhn-valid)
  ['card 4111 1111 1111 1111 exp 12/27', 'card [CARD] exp 12/27'],
  ['pay with 4111-1111-1111-1111', 'pay with [CARD]'],
  ['amex 3782 822463 10005', 'amex [CARD]'],
  ['5555555555554444', '[CARD]'],
  ['card 4111 1111 1111 1111 2027', 'card [CARD] 2027'],
  // SSN
  ['my ssn is 123-45-6789', 'my ssn is [SSN]'],
  // IP
  ['server 192.168.0.1 is down', 'server [IP] is down'],
  ['connect to 10.0.0.255:8080', 'connect to [IP]:8080'],
  ['version 1.2.3.4 released', 'version [IP] released'],
  ['ip 2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'ip [IP]'],
  ['link-local fe80::1ff:fe23:4567:890a here', 'link-local [IP] here'],
  ['localhost is ::1', 'localhost is [IP]'],
  // URL
  ['see https://example.com/reset?token=abc.', 'see [URL].'],
  ['open http://example.com#section', 'open [URL]'],
  ['db at postgres://admin:secret@db.internal:5432/prod', 'db at [URL]'],
  ['repo github.com/jane/secret-project', 'repo [URL]'],
  ['(see www.example.org/profile/123)', '(see [URL])'],
  ['http://192.168.0.1/admin', '[URL]'],
  ['login via https://user:pw@example.com', 'login via [URL]'],
  // handle
  ['ping @jane_doe!', 'ping [HANDLE]!'],
  ['follow @john.smith on insta', 'follow [HANDLE] on insta'],
  // address
  ['I live at 221B Baker Street, London', 'I live at [ADDRESS], London'],
  ['ship to 42 N Main St Apt 3B, Springfield', 'ship to [ADDRESS], Springfield'],
  ['1600 Pennsylvania Avenue NW, Washington', '[ADDRESS], Washington'],
  ['meet at 350 5th Ave.', 'meet at [ADDRESS].'],
  ['10 Downing street', '[ADDRESS]'],
  // IBAN, UK NI number
  ['IBAN GB82 WEST 1234 5698 7654 32 thanks', 'IBAN [IBAN] thanks'],
  ['DE89370400440532013000', '[IBAN]'],
  ['NI number AB123456C', 'NI number [NINO]'],
  ['NI: AB 12 34 56 C', 'NI: [NINO]'],
  // several at once
  [
    'Jane (jane@x.io, 555-123-4567) at 12 Elm Road paid with 4111111111111111 from 8.8.8.8',
    'Jane ([EMAIL], [PHONE]) at [ADDRESS] paid with [CARD] from [IP]',
  ],
];

const NEAR_MISSES: readonly string[] = [
  'v1.2.3 and v1.2.3.4 and pi is 3.14',
  'upgrade from 1.2.3 to 1.2.4.5.6',
  'It costs $1,234.56 in 2023, about 1 000 000 000 won',
  'kill -9 1234',
  'meet at 10:30 or 12:30:45',
  'cat /etc/passwd and ls ~/docs/a.txt',
  'C# and F#',
  'user at example dot com',
  '@ alone, and a @ b',
  'order id 4111111111111112',
  'ids 1234567812345678 and 0000000000000000',
  '5 Main ideas of the book',
  'I have 3 Dr appointments',
  'dates 12.03.2024 and 2024-03-12 10:30',
  'years 1990-2000 2010 and range 1-1000',
  'numbers 10 20 30 40 50',
  'unix time 1700000000',
  'server 192.168.1.256 is not a valid address',
  'ssn-like 000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000',
  'visit google.com or https://example.com or https://example.com/.',
  'www.example.com is fine',
  'node.js/express and std::vector and a::b',
  '@Override and @media and @types/node',
  'user@localhost',
  'room 101 of 12 floors',
];

describe('scrubPii: positives', () => {
  it.each(POSITIVES)('%j → %j', (input, expected) => {
    expect(scrubPii(input)).toBe(expected);
  });
});

describe('scrubPii: near-misses survive unchanged', () => {
  it.each(NEAR_MISSES)('%j', (input) => {
    expect(scrubPii(input)).toBe(input);
  });
});

describe('scrubFindings', () => {
  it('counts each kind that was removed, zero for the rest', () => {
    const { text, counts } = scrubFindings(
      'a@b.com, c@d.org, 555-123-4567, 4111111111111111, 123-45-6789, 10.0.0.1, https://x.com/p, @bob, 1 Elm St',
    );
    expect(text).toBe('[EMAIL], [EMAIL], [PHONE], [CARD], [SSN], [IP], [URL], [HANDLE], [ADDRESS]');
    expect(counts).toEqual({
      EMAIL: 2, PHONE: 1, CARD: 1, SSN: 1, IP: 1, URL: 1, HANDLE: 1, ADDRESS: 1, IBAN: 0, NINO: 0,
    });
  });

  it('returns every kind with zero counts for clean text', () => {
    const { text, counts } = scrubFindings('nothing to see here');
    expect(text).toBe('nothing to see here');
    expect(Object.keys(counts).sort()).toEqual([...PII_KINDS].sort());
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('agrees with scrubPii', () => {
    const input = 'mail x@y.com from 1.2.3.4 about 42 Oak Lane';
    expect(scrubFindings(input).text).toBe(scrubPii(input));
  });
});

/** Fragments that stress the boundaries between detectors, glued together in random order. */
const FRAGMENTS = [
  '4111 1111 1111 1111', '4111111111111111', '123-45-6789', '10.0.0.1', '1.2.3.4.5', 'fe80::1', '::', 'a::b',
  'john@example.com', '@john', '@', 'https://x.com/a?b=1', 'https://x.com', 'www.x.org/p', 'example.com/',
  '+1 (555) 123-4567', '555-123-4567', '(555)', '12 Main Street', 'Apt 4', 'Main', 'St', '5', '2024', '-', '.',
  ' ', ',', '/', ':', '#', '(', ')', '+', '[EMAIL]', '[IP]', 'GB82 WEST 1234 5698 7654 32', 'AB 12 34 56 C',
  '0', '99', '07700 900123', 'x', 'é', '\n', '_', '[', ']',
];

const textArbitrary = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 }), fc.stringMatching(/^[0-9 .:@+()/a-f-]{0,8}$/)), {
      maxLength: 14,
    })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

describe('scrubPii: properties', () => {
  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const once = scrubPii(text);
        expect(scrubPii(once)).toBe(once);
      }),
      { numRuns: 3000, seed: 20240611 },
    );
  });

  it('keeps text without digits, "@" or "/" unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).filter((s) => !/[0-9@/:]/.test(s)), (text) => {
        expect(scrubPii(text)).toBe(text);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
