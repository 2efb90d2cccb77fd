/** Invalid UTF-8 is replaced as Node replaces it, and counted (src/io/utf8-text.ts). */
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CheckedUtf8Decoder, lineBreaks, scanUtf8 } from '../../src/io/utf8-text.js';

const replacements = (text: string) => text.split('\uFFFD').length - 1;

function decode(bytes: Buffer, cuts: number[]): { text: string; invalid: number; line: number } {
  const decoder = new CheckedUtf8Decoder();
  let text = '';
  let from = 0;
  for (const cut of [...cuts, bytes.length].sort((a, b) => a - b)) {
    text += decoder.write(bytes.subarray(from, cut), () => 1 + lineBreaks(text));
    from = cut;
  }
  text += decoder.end(() => 1 + lineBreaks(text));
  return { text, invalid: decoder.invalid, line: decoder.firstInvalidLine };
}

describe('CheckedUtf8Decoder', () => {
  it('decodes like Buffer#toString and counts exactly the invalid sequences, wherever the bytes are cut', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => Buffer.from(s)),
      fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf0, 0x9f])),
      fc.constant(Buffer.from('\uFFFD')),
      fc.constant(Buffer.from('\n')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.array(fc.nat(), { maxLength: 4 }), (pieces, cuts) => {
        const bytes = Buffer.concat(pieces);
        const expected = bytes.toString('utf8');
        const genuine = pieces.filter((p) => isUtf8(p)).reduce((sum, p) => sum + replacements(p.toString('utf8')), 0);
        const { text, invalid } = decode(bytes, cuts.map((c) => c % (bytes.length + 1)));
        expect(text).toBe(expected);
        expect(invalid).toBe(replacements(expected) - genuine);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells the line of the first invalid sequence', () => {
    const bytes = Buffer.concat([Buffer.from('ok\n\uFFFD fine\r\nline 3 '), Buffer.from([0xe9]), Buffer.from(' bad\n'), Buffer.from([0xff])]);
    for (let cut = 0; cut <= bytes.length; cut++) expect(decode(bytes, [cut])).toMatchObject({ invalid: 2, line: 3 });
  });

  it('scanUtf8 follows the WHATWG rule: one replacement per maximal invalid subpart', () => {
    expect(scanUtf8(Buffer.from([0x61, 0xe2, 0x28, 0xa1]))).toEqual({ count: 2, first: 1 });
    expect(scanUtf8(Buffer.from([0xf0, 0x9f, 0x98]))).toEqual({ count: 0, first: -1 });
  });
});
