/** Streaming JSONL: yields each non-blank line's parsed value with its 1-based line number. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { inputError } from '../errors.js';
import { assertReadableFile, hashingStream, type FileDigest } from './file-digest.js';

export async function* readJsonlLines(file: string, digest: FileDigest): AsyncGenerator<{ line: number; value: unknown }> {
  await assertReadableFile(file);
  const source = hashingStream(createReadStream(file), digest);
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) {
      yield* parseLine(text.slice(1), file, line);
      continue;
    }
    yield* parseLine(text, file, line);
  }
}

function* parseLine(text: string, file: string, line: number): Generator<{ line: number; value: unknown }> {
  if (text.trim() === '') return;
  try {
    yield { line, value: JSON.parse(text) };
  } catch (err) {
    throw inputError(`invalid JSON: ${(err as Error).message}`, { file, line, field: '(json)' });
  }
}
