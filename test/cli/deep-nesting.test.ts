/**
 * JSON nested deeper than the stack (JSON.parse accepts it; a recursive walk such as JSON.stringify does
 * not): in conversation metadata it is kept as JSON text and the run succeeds; in a field that must be a
 * string or number it is an input error naming file, line and field. Never a stack trace or exit 3.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConversations } from '../../src/io/read-conversations.js';
import { jsonText } from '../../src/json-text.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const DEPTH = 100_000;
const nested = (inner: string) => `${'['.repeat(DEPTH)}${inner}${']'.repeat(DEPTH)}`;

function withFirstLine(line: string): string {
  const lines = tinyContents().conversations;
  return `${[line, ...lines.slice(1)].join('\n')}\n`;
}

function expectNoStackTrace(err: string): void {
  expect(err).not.toMatch(/\n\s+at |unexpected error|RangeError|Maximum call stack/);
}

describe('deeply nested JSON', () => {
  it('in metadata: kept as its JSON text, and the run succeeds', async () => {
    const line = `{"id":"c0","user_id":"u0","text":"how do I kill a zombie process on linux","meta":${nested('1')}}`;
    const data = writeTinyDataset({ conversations: withFirstLine(line) });
    const { conversations } = await readConversations(data.conversations);
    expect(conversations[0].metadata.get('meta')).toBe(nested('1'));
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '-o', join(data.dir, 'out'), '--min-users', '2', '-q');
    expectNoStackTrace(result.err);
    expect(result.code).toBe(0);
  });

  const refused: [string, string, RegExp][] = [
    ['the id', `{"id":${nested('1')},"text":"x"}`, /:1, field "id": id must be a non-empty string or number, got \[\[\[/],
    ['a role', `{"id":"c0","messages":[{"role":${nested('"user"')},"content":"x"}]}`, /:1, field "messages\[0\]\.role": role must be user, assistant, system or tool .*got \[\[\[/],
    ['the user id', `{"id":"c0","user_id":${nested('2')},"text":"x"}`, /:1, field "user_id": id must be a non-empty string or number/],
  ];
  for (const [where, line, message] of refused) {
    it(`in ${where}: an input error naming file, line and field`, async () => {
      const data = writeTinyDataset({ conversations: withFirstLine(line) });
      const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '-o', join(data.dir, 'out'), '-q');
      expectNoStackTrace(result.err);
      expect(result.code).toBe(2);
      expect(result.err).toContain(data.conversations);
      expect(result.err).toMatch(message);
      expect(result.err.length).toBeLessThan(500);
    });
  }

  it('in an embedding vector: an input error naming the line and the element', async () => {
    const data = writeTinyDataset();
    const ids = tinyContents().conversations.map((l) => (JSON.parse(l) as { id: string }).id);
    const vectors = ids.map((id, i) => JSON.stringify({ id, vector: [1, 0, i] }));
    vectors[2] = `{"id":"${ids[2]}","vector":[1,${nested('0')},2]}`;
    const embeddings = join(data.dir, 'vectors.jsonl');
    writeFileSync(embeddings, `${vectors.join('\n')}\n`);
    const result = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '--embeddings', embeddings, '-o', join(data.dir, 'out'), '-q');
    expectNoStackTrace(result.err);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/vectors\.jsonl:3, field "vector\[1\]"/);
  });

  it('in a config file: a config error quoting the start of the value', async () => {
    const data = writeTinyDataset();
    const config = join(data.dir, 'config.json');
    writeFileSync(config, `{"seed":${nested('1')}}`);
    const gateConfig = join(data.dir, 'gate.json');
    writeFileSync(gateConfig, `{"alpha":${nested('1')}}`);
    const run = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '--config', config, '-o', join(data.dir, 'out'), '-q');
    const gate = await runCli('gate', '--run', join(data.dir, 'out'), '--baseline', 'a', '--candidate', 'b', '--config', gateConfig);
    for (const result of [run, gate]) {
      expectNoStackTrace(result.err);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/got \[\[\[\[/);
    }
  });
});

describe('jsonText', () => {
  it('writes what JSON.stringify writes, for values JSON.parse returns', () => {
    for (const text of ['null', '1.5e-7', '"a\\"b\\u0001"', '[]', '{}', '{"a":[1,{"b":null}],"__proto__":{"c":true}}', '[[1,2],[3,[4,[]]]]']) {
      const value: unknown = JSON.parse(text);
      expect(jsonText(value)).toBe(JSON.stringify(value));
    }
  });

  it('stops at a limit, marking the cut', () => {
    expect(jsonText(JSON.parse(nested('1')), 5)).toBe('[[[[[…');
  });
});
