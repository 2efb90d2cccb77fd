/** Small hand-made inputs for run-level tests, written into a fresh temp folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TinyDataset {
  dir: string;
  conversations: string;
  verdicts: string;
  labels: string;
}

const TOPICS = [
  'how do I kill a zombie process on linux',
  'what is a safe dose of ibuprofen for a headache',
  'write a short story about a dragon who learns to bake',
  'explain recursion in python with an example',
];

/** 40 conversations from 20 users over 4 topics, one classifier, all ids lining up. */
export function writeTinyDataset(overrides: Partial<Record<'conversations' | 'verdicts' | 'labels', string>> = {}): TinyDataset {
  const dir = mkdtempSync(join(tmpdir(), 'misfire-tiny-'));
  const lines: string[] = [];
  const verdicts = ['conversation_id,classifier,score,flagged'];
  const labels = ['conversation_id,label,category'];
  for (let i = 0; i < 40; i++) {
    const topic = TOPICS[i % TOPICS.length];
    lines.push(JSON.stringify({ id: `c${i}`, user_id: `u${i % 20}`, messages: [{ role: 'user', content: `${topic} (variant ${i})` }] }));
    verdicts.push(`c${i},filter-a,${((i * 37) % 100) / 100},${i % 3 === 0 ? 1 : 0}`);
    labels.push(`c${i},${i % 4 === 1 ? 1 : 0},${i % 4 === 1 ? 'drugs' : ''}`);
  }
  const files = {
    conversations: overrides.conversations ?? `${lines.join('\n')}\n`,
    verdicts: overrides.verdicts ?? `${verdicts.join('\n')}\n`,
    labels: overrides.labels ?? `${labels.join('\n')}\n`,
  };
  const paths = {
    conversations: join(dir, 'conversations.jsonl'),
    verdicts: join(dir, 'verdicts.csv'),
    labels: join(dir, 'labels.csv'),
  };
  for (const key of ['conversations', 'verdicts', 'labels'] as const) writeFileSync(paths[key], files[key]);
  return { dir, ...paths };
}

/** The tiny dataset's default file contents, for tests that corrupt one line. */
export function tinyContents(): Record<'conversations' | 'verdicts' | 'labels', string[]> {
  const d = writeTinyDataset();
  return {
    conversations: readFileSync(d.conversations, 'utf8').trimEnd().split('\n'),
    verdicts: readFileSync(d.verdicts, 'utf8').trimEnd().split('\n'),
    labels: readFileSync(d.labels, 'utf8').trimEnd().split('\n'),
  };
}
