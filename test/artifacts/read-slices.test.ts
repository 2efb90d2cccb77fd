/**
 * slices.csv and the slices of metrics.json read back checked: a folder without slices.csv reads as "not
 * recorded"; a header, row, cell or size that does not match metrics.json, and classifier slices that do
 * not match its dimensions, are input errors naming the file, line and field.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import { readRunAssignments, readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import { readRunSlices } from '../../src/artifacts/read-slices.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

let root: string;
let run: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'misfire-read-slices-'));
  const lines = tinyContents().conversations.map((line, i) => JSON.stringify({ ...(JSON.parse(line) as object), channel: ['web', 'api'][i % 2] }));
  const data = writeTinyDataset({ conversations: `${lines.join('\n')}\n` });
  run = join(root, 'run');
  await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: run, settings: { minUsers: 2, minConversations: 2, sliceBy: ['channel', 'language'] } });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let copies = 0;
function copyWith(name: string, edit: (text: string) => string): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(run, dir, { recursive: true });
  writeFileSync(join(dir, name), edit(readFileSync(join(dir, name), 'utf8')));
  return dir;
}

async function slicesOf(dir: string) {
  const folder = await readRunFolder(dir);
  return readRunSlices(folder, await readRunAssignments(folder));
}

describe('slices.csv', () => {
  it('reads back every conversation\'s slice of every dimension', async () => {
    const slices = await slicesOf(run);
    expect(slices.recorded).toBe(true);
    expect(slices.dimensions.map((d) => [d.record.field, d.record.slices.map((s) => s.value)])).toEqual([
      ['channel', ['api', 'web']],
      ['language', ['eng', 'fra', 'und']],
    ]);
    expect(Array.from(slices.dimensions[0].sliceOf.slice(0, 4))).toEqual([1, 0, 1, 0]);
  });

  it('reads a folder without slices.csv as not recorded', async () => {
    const dir = copyWith('slices.csv', (t) => t);
    unlinkSync(join(dir, 'slices.csv'));
    expect(await slicesOf(dir)).toEqual({ recorded: false, dimensions: [] });
  });

  it('names the file, line and field of what does not match', async () => {
    const at = (dir: string) => slicesOf(dir).then(() => 'read', (e: Error) => e.message.replace(root, '<root>'));
    expect(await at(copyWith('slices.csv', (t) => t.replace('conversation_id,S0,S1', 'conversation_id,S1,S0')))).toMatch(
      /<root>\/copy-\d+\/slices\.csv:1: mismatched run: the header is conversation_id,S1,S0, metrics\.json has the dimensions of conversation_id,S0,S1/,
    );
    expect(await at(copyWith('slices.csv', (t) => t.replace('c0,S0-001', 'c0,S0-009')))).toMatch(/slices\.csv:2, field "S0": unreadable run: "S0-009" is not a slice of S0 \(channel\)/);
    expect(await at(copyWith('slices.csv', (t) => t.replace('c0,', 'c1,')))).toMatch(/slices\.csv:2, field "conversation_id": unreadable run: "c1" where assignments\.csv has "c0"/);
    expect(await at(copyWith('slices.csv', (t) => t.replace('c0,S0-001', 'c0,S0-000')))).toMatch(/slices\.csv, field "S0": mismatched run: slice S0-000 of S0 has 21 conversations here, metrics\.json says size = 20/);
    expect(await at(copyWith('slices.csv', (t) => t.split('\n').slice(0, 5).join('\n')))).toMatch(/mismatched run: 4 rows, assignments\.csv has 40 conversations/);
  });
});

describe('the slices of metrics.json', () => {
  it('refuses classifier slices that do not match the dimensions, and slice pockets naming no slice', async () => {
    const at = (dir: string) => readRunFolder(dir).then(readRunMetrics).then(() => 'read', (e: Error) => e.message);
    const edit = (change: (doc: { classifiers: { slices: { value: unknown }[]; slice_pockets: { false_positive: string[] } }[]; slicing?: unknown }) => void) =>
      copyWith('metrics.json', (t) => {
        const doc = JSON.parse(t);
        change(doc);
        return JSON.stringify(doc);
      });
    expect(await at(edit((d) => (d.classifiers[0].slices[1].value = 'fax')))).toMatch(/field "classifiers\[0\]\.slices\[1\]\.value": expected "web" \(as in slicing\.dimensions\), got "fax"/);
    expect(await at(edit((d) => d.classifiers[0].slice_pockets.false_positive.push('S9-000')))).toMatch(/field "classifiers\[0\]\.slice_pockets\.false_positive\[0\]": expected a slice id of this classifier, got "S9-000"/);
    expect(await at(edit((d) => delete d.slicing))).toMatch(/field "slicing": expected an object, but it is missing/);
  });
});
