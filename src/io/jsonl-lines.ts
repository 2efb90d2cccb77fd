/**
 * Streaming JSONL: each non-blank line's parsed value with its 1-based line number. Lines end at LF, CRLF
 * or a lone CR (like readline). Reads 1 MB chunks and yields them as batches (`readJsonlBatches`), so a
 * million lines cost a few hundred awaits rather than a million.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { inputError } from '../errors.js';
import { assertReadableFile, hashingStream, type FileDigest } from './file-digest.js';

export interface JsonlLine {
  line: number;
  value: unknown;
}

const READ_CHUNK = 1 << 20;

/** Batches of parsed lines, in file order. The digest is complete once iteration finishes. */
export async function* readJsonlBatches(file: string, digest: FileDigest): AsyncGenerator<JsonlLine[]> {
  await assertReadableFile(file);
  const source = hashingStream(createReadStream(file, { highWaterMark: READ_CHUNK }), digest);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 0;
  const parseLines = (text: string, final: boolean): JsonlLine[] => {
    const out: JsonlLine[] = [];
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) {
        if (!final) break;
        end = text.length;
        if (start >= end) break;
      }
      const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      // A lone CR also ends a line (rare: old Mac files).
      for (const piece of raw.includes('\r') ? raw.split('\r') : [raw]) {
        line++;
        parseLine(line === 1 && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece, file, line, out);
      }
      start = end + 1;
      if (start > text.length) break;
    }
    carry = text.slice(Math.min(start, text.length));
    return out;
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const batch = parseLines(carry + decoder.write(chunk), false);
      if (batch.length) yield batch;
    }
    const batch = parseLines(carry + decoder.end(), true);
    if (batch.length) yield batch;
  } finally {
    source.destroy();
  }
}

/** Each non-blank line's parsed value with its 1-based line number. */
export async function* readJsonlLines(file: string, digest: FileDigest): AsyncGenerator<JsonlLine> {
  for await (const batch of readJsonlBatches(file, digest)) yield* batch;
}

function parseLine(text: string, file: string, line: number, out: JsonlLine[]): void {
  if (text.trim() === '') return;
  try {
    out.push({ line, value: JSON.parse(text) });
  } catch (err) {
    throw inputError(`invalid JSON: ${(err as Error).message}`, { file, line, field: '(json)' });
  }
}
