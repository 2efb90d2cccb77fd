/**
 * Streaming JSON input: JSON Lines (one value per line; lines end at LF, CRLF or a lone CR) or one JSON
 * array (`[ {...}, ... ]`), told apart by the first character that is not white space. Yields the parsed
 * values in batches (one per 1 MB read), so a million lines cost a few hundred awaits, and never holds more
 * than one chunk of the text.
 */
import { inputError } from '../errors.js';
import type { FileDigest } from './file-digest.js';
import { displayName, inputBytes, STDIN, type ReadOptions } from './input-bytes.js';
import { JsonArraySplitter, JsonArraySyntaxError } from './json-array-splitter.js';
import { CheckedUtf8Decoder, lineBreaks } from './utf8-text.js';

export interface JsonRecord {
  line: number;
  value: unknown;
}

/** What the reading found out about the file's shape (set as it is read). */
export interface JsonShape {
  /** `lines` for JSON Lines, `array` for a JSON array, null while only white space has been read. */
  kind: 'lines' | 'array' | null;
}

/** Parsed values in file order, in batches. The digest is complete once iteration finishes. */
export async function* readJsonRecordBatches(
  file: string,
  digest: FileDigest,
  options: ReadOptions = {},
  shape: JsonShape = { kind: null },
): AsyncGenerator<JsonRecord[]> {
  const name = displayName(file);
  const decoder = new CheckedUtf8Decoder();
  let parser: ((text: string, final: boolean) => JsonRecord[]) | null = null;
  let lineAtEnd: () => number = () => 1;
  let waiting = '';
  const feed = (text: string, final: boolean): JsonRecord[] => {
    if (parser === null) {
      waiting += text;
      const first = waiting.search(/[^\s\ufeff]/);
      if (first < 0 && !final) return [];
      if (waiting.startsWith('PAR1')) {
        const what = file === STDIN ? 'Parquet cannot be read from standard input: name the file (*.parquet)' : 'this is a Parquet file: name it *.parquet';
        throw inputError(what, { file: name });
      }
      shape.kind = first >= 0 && waiting[first] === '[' ? 'array' : 'lines';
      ({ parse: parser, lineAtEnd } = shape.kind === 'array' ? arrayParser(name) : linesParser(name));
      [text, waiting] = [waiting, ''];
    }
    return parser(text, final);
  };
  for await (const chunk of inputBytes(file, digest, options)) {
    const batch = feed(decoder.write(chunk, () => lineAtEnd() + lineBreaks(waiting)), false);
    if (batch.length) yield batch;
  }
  const batch = feed(decoder.end(() => lineAtEnd() + lineBreaks(waiting)), true);
  if (batch.length) yield batch;
  decoder.report(options.warnings, name);
}

/** Each non-blank line's parsed value with its 1-based line number. */
export async function* readJsonRecords(file: string, digest: FileDigest, options: ReadOptions = {}): AsyncGenerator<JsonRecord> {
  for await (const batch of readJsonRecordBatches(file, digest, options)) yield* batch;
}

interface TextParser {
  parse: (text: string, final: boolean) => JsonRecord[];
  /** The line on which the next text pushed starts. */
  lineAtEnd: () => number;
}

function linesParser(file: string): TextParser {
  let carry = '';
  let line = 0;
  const parse = (chunk: string, final: boolean): JsonRecord[] => {
    const text = carry + chunk;
    const out: JsonRecord[] = [];
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) {
        if (!final) break;
        end = text.length;
        if (start >= end) break;
      }
      const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
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
  return { parse, lineAtEnd: () => line + 1 + lineBreaks(carry) };
}

function parseLine(text: string, file: string, line: number, out: JsonRecord[]): void {
  if (text.trim() === '') return;
  try {
    out.push({ line, value: JSON.parse(text) });
  } catch (err) {
    throw inputError(`invalid JSON: ${(err as Error).message}`, { file, line, field: '(json)' });
  }
}

function arrayParser(file: string): TextParser {
  const splitter = new JsonArraySplitter();
  const parse = (text: string, final: boolean): JsonRecord[] => {
    try {
      const elements = splitter.push(text);
      if (final) splitter.end();
      return elements.map(({ index, line, text: source }) => {
        try {
          return { line, value: JSON.parse(source) };
        } catch (err) {
          throw inputError(`invalid JSON: ${(err as Error).message}`, { file, line, field: `[${index}]` });
        }
      });
    } catch (err) {
      if (err instanceof JsonArraySyntaxError) throw inputError(`invalid JSON array: ${err.message}`, { file, line: err.line, field: '(json)' });
      throw err;
    }
  };
  return { parse, lineAtEnd: () => splitter.line };
}
