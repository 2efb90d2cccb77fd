/**
 * Nothing silent: every malformed row stops the run with a message naming file, line and field, the CLI
 * exits 2, and no artifact is written (an existing --out folder is left as it was).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const base = tinyContents();
const replaceLine = (lines: string[], index: number, line: string) => `${lines.map((l, i) => (i === index ? line : l)).join('\n')}\n`;

interface Case {
  name: string;
  file: 'conversations' | 'verdicts' | 'labels';
  content: string;
  line: number;
  field: string;
  message: RegExp;
}

const cases: Case[] = [
  { name: 'bad JSON', file: 'conversations', content: replaceLine(base.conversations, 4, '{"id": "c4", "messages": [}'), line: 5, field: '(json)', message: /invalid JSON/ },
  { name: 'missing id', file: 'conversations', content: replaceLine(base.conversations, 2, '{"text": "hello there"}'), line: 3, field: 'id', message: /missing id/ },
  { name: 'duplicate conversation id', file: 'conversations', content: replaceLine(base.conversations, 7, base.conversations[3]), line: 8, field: 'id', message: /duplicate conversation id "c3" \(first seen on line 4\)/ },
  { name: 'bad role', file: 'conversations', content: replaceLine(base.conversations, 0, '{"id":"c0","messages":[{"role":"narrator","content":"x"}]}'), line: 1, field: 'messages[0].role', message: /role must be/ },
  { name: 'neither messages nor text', file: 'conversations', content: replaceLine(base.conversations, 1, '{"id":"c1","body":"x"}'), line: 2, field: 'messages', message: /needs "messages"/ },
  { name: 'flagged outside 0/1, true/false, yes/no', file: 'verdicts', content: replaceLine(base.verdicts, 3, 'c2,filter-a,0.5,maybe'), line: 4, field: 'flagged', message: /expected 0\/1, true\/false or yes\/no, got "maybe"/ },
  { name: 'non-numeric score', file: 'verdicts', content: replaceLine(base.verdicts, 5, 'c4,filter-a,high,1'), line: 6, field: 'score', message: /expected a number, got "high"/ },
  { name: 'duplicate verdict', file: 'verdicts', content: replaceLine(base.verdicts, 6, base.verdicts[2].replace(/,\d+$/, ',0')), line: 7, field: 'conversation_id', message: /duplicate verdict for conversation "c1" and classifier "filter-a"/ },
  { name: 'missing key column', file: 'verdicts', content: replaceLine(base.verdicts, 0, 'conv,classifier,score,flagged'), line: 1, field: 'conversation_id', message: /missing column "conversation_id" or "id"/ },
  { name: 'label outside values', file: 'labels', content: replaceLine(base.labels, 9, 'c8,2,'), line: 10, field: 'label', message: /expected 0\/1, true\/false or yes\/no, got "2"/ },
  { name: 'duplicate label', file: 'labels', content: replaceLine(base.labels, 9, 'c3,0,'), line: 10, field: 'conversation_id', message: /duplicate label for conversation "c3"/ },
];

describe('malformed input stops the run with file, line and field', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const data = writeTinyDataset({ [c.file]: c.content });
      const out = join(data.dir, 'out');
      const err = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MisfireError);
      const e = err as MisfireError;
      expect(e.code).toBe('input');
      expect({ file: e.file, line: e.line, field: e.field }).toEqual({ file: data[c.file], line: c.line, field: c.field });
      expect(e.message).toMatch(c.message);
      expect(e.message).toContain(`${data[c.file]}:${c.line}`);
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe('the CLI turns input errors into exit code 2 and writes nothing', () => {
  it('exits 2, names file:line and field on stderr, leaves an existing --out untouched', async () => {
    const data = writeTinyDataset({ labels: replaceLine(base.labels, 9, 'c8,maybe,') });
    const out = join(data.dir, 'out');
    const good = writeTinyDataset();
    await runMisfire({ conversations: good.conversations, verdicts: [good.verdicts], labels: good.labels, out });
    const earlier = readFileSync(join(out, 'metrics.json'), 'utf8');
    const { code, err } = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '-o', out, '--quiet');
    expect(code).toBe(2);
    expect(err).toContain(`${data.labels}:10, field "label": expected 0/1, true/false or yes/no, got "maybe"`);
    expect(readFileSync(join(out, 'metrics.json'), 'utf8')).toBe(earlier);
  });

  it('exits 2 on a usage error (unknown option)', async () => {
    const { code, err } = await runCli('run', '--demo', '--no-such-flag');
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown argument/i);
  });

  it('exits 2 when a file does not exist', async () => {
    const data = writeTinyDataset();
    const { code, err } = await runCli('run', '-c', join(data.dir, 'nope.jsonl'), '-v', data.verdicts, '-o', join(data.dir, 'o'), '-q');
    expect(code).toBe(2);
    expect(err).toContain('nope.jsonl: file not found');
  });
});

describe('ids that do not line up are counted, and fail the run unless --allow-missing', () => {
  const extraVerdict = `${base.verdicts.join('\n')}\nghost-1,filter-a,0.9,1\n`;
  const missingLabels = `${base.labels.slice(0, -3).join('\n')}\n`;

  it('fails by default, listing the first ids', async () => {
    const data = writeTinyDataset({ verdicts: extraVerdict, labels: missingLabels });
    const out = join(data.dir, 'out');
    const err = (await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out }).catch((e) => e)) as MisfireError;
    expect(err).toBeInstanceOf(MisfireError);
    expect(err.message).toContain('1 verdict row names a conversation id that is not in the conversations (e.g. ghost-1)');
    expect(err.message).toContain('3 conversations have no label (e.g. c37, c38, c39)');
    expect(err.message).toContain('--allow-missing');
    expect(existsSync(out)).toBe(false);
  });

  it('proceeds with --allow-missing and records the counts in run.json and the report', async () => {
    const data = writeTinyDataset({ verdicts: extraVerdict, labels: missingLabels });
    const out = join(data.dir, 'out');
    await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out, settings: { allowMissing: true } });
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.missing.unknown_verdict_ids).toBe(1);
    expect(run.missing.unlabelled_conversations).toBe(3);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.classifiers[0].overall.n).toBe(37);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('3 conversations have no label');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('3 conversations have no label');
  });

  it('counts verdict rows with neither score nor flagged instead of failing on them', async () => {
    const verdicts = replaceLine(base.verdicts, 1, 'c0,filter-a,,');
    const data = writeTinyDataset({ verdicts });
    const out = join(data.dir, 'out');
    await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out, settings: { allowMissing: true } });
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.rows.verdict_rows_without_verdict).toBe(1);
    expect(run.missing.conversations_without_verdict['filter-a']).toBe(1);
  });
});
