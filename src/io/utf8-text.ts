/**
 * UTF-8 decoding that replaces invalid byte sequences with U+FFFD, like Node's, and counts them with the
 * line of the first, so that the reader can warn instead of repairing silently. The check runs only on a
 * chunk whose text holds a U+FFFD, so valid input costs one `indexOf` per chunk.
 */
import { StringDecoder } from 'node:string_decoder';
import type { WarningSink } from '../warnings.js';

const REPLACEMENT = '\uFFFD';
const LF = 10;
const CR = 13;

export class CheckedUtf8Decoder {
  private readonly decoder = new StringDecoder('utf8');
  /** The last (at most 3) bytes of the previous chunk, to find a character split across chunks. */
  private previousTail: Buffer = Buffer.alloc(0);
  /** Invalid sequences replaced so far. */
  invalid = 0;
  /** Line of the first invalid sequence (0 while there is none). */
  firstInvalidLine = 0;

  /**
   * Decode the next chunk. `lineAtStart` gives the line on which the returned text starts; it is called
   * only when the chunk holds the file's first invalid sequence.
   */
  write(chunk: Buffer, lineAtStart: () => number): string {
    const text = this.decoder.write(chunk);
    if (text.indexOf(REPLACEMENT) >= 0) {
      const bytes = Buffer.concat([incompleteTail(this.previousTail), chunk]);
      this.check(bytes, bytes.length - incompleteTail(bytes.subarray(-3)).length, lineAtStart);
    }
    this.previousTail = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : Buffer.concat([this.previousTail, chunk]).subarray(-3);
    return text;
  }

  /** The rest of the input: an unfinished sequence at the very end is invalid too. */
  end(lineAtStart: () => number): string {
    const text = this.decoder.end();
    let count = 0;
    for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) count++;
    if (count > 0) this.note(count, lineAtStart);
    return text;
  }

  /** One `invalid-utf8` warning for the file when anything was replaced. */
  report(sink: WarningSink | undefined, name: string): void {
    if (this.invalid === 0 || !sink) return;
    const sequences = this.invalid === 1 ? 'an invalid UTF-8 byte sequence' : `${this.invalid} invalid UTF-8 byte sequences`;
    sink({ code: 'invalid-utf8', message: `${name}: ${sequences} replaced with U+FFFD, the first on line ${this.firstInvalidLine}` });
  }

  /** Count the invalid sequences that start before `emitted` (the decoder holds back the bytes after it). */
  private check(bytes: Buffer, emitted: number, lineAtStart: () => number): void {
    const { count, first } = scanUtf8(bytes, emitted);
    if (count > 0) this.note(count, () => lineAtStart() + lineBreaksInBytes(bytes, first));
  }

  private note(count: number, line: () => number): void {
    if (this.invalid === 0) this.firstInvalidLine = line();
    this.invalid += count;
  }
}

/** The bytes at the end of `tail` (at most 3) that start a character not finished within it: what the decoder holds back. */
function incompleteTail(tail: Buffer): Buffer {
  for (let back = 1; back <= tail.length; back++) {
    const byte = tail[tail.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const needs = byte >= 0xf8 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? tail.subarray(tail.length - back) : Buffer.alloc(0);
  }
  return Buffer.alloc(0);
}

/**
 * Count invalid sequences as the WHATWG decoder replaces them (one per maximal invalid subpart) that start
 * before `limit`, and find the first one's offset. A character cut off at the end is not counted: the next
 * chunk finishes it.
 */
export function scanUtf8(bytes: Uint8Array, limit = bytes.length): { count: number; first: number } {
  let count = 0;
  let first = -1;
  let i = 0;
  const n = bytes.length;
  const invalidAt = (at: number) => {
    if (first < 0) first = at;
    count++;
  };
  while (i < limit) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needs = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needs = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needs = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needs = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      invalidAt(i++);
      continue;
    }
    let k = 1;
    for (; k <= needs && i + k < n; k++) {
      const byte = bytes[i + k];
      if (byte < low || byte > high) break;
      low = 0x80;
      high = 0xbf;
    }
    if (k > needs) i += k;
    else if (i + k >= n) break;
    else {
      invalidAt(i);
      i += k;
    }
  }
  return { count, first };
}

/** Line breaks (LF, CRLF or a lone CR) in the first `end` bytes. */
function lineBreaksInBytes(bytes: Uint8Array, end: number): number {
  let breaks = 0;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === LF) breaks++;
    else if (bytes[i] === CR && bytes[i + 1] !== LF) breaks++;
  }
  return breaks;
}

/**
 * Line breaks (LF, CRLF or a lone CR) in `text` before `end`. A CR that ends the text is not counted: the
 * LF of its CRLF may be the first character of the next chunk.
 * @example lineBreaks('a\nb\r\nc\rd', 8) // 3
 */
export function lineBreaks(text: string, end = text.length): number {
  let breaks = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) !== LF) breaks++;
  }
  return breaks;
}
