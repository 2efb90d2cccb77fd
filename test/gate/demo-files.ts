/**
 * Demo data for the gate tests, in a fresh temp folder: copies of the shipped demo files (so tests may
 * change them), split by classifier or cut to the first conversations. No conversation text is printed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFile } from '../helpers/paths.js';

const demoLines = (name: string) => readFileSync(demoFile(name), 'utf8').trimEnd().split('\n');

export interface DemoFiles {
  dir: string;
  conversations: string;
  verdicts: string;
  labels: string;
  /** conversation id → generator topic (ground truth from the demo metadata). */
  topicOf: Map<string, string>;
  ids: string[];
  /** Write a verdict CSV holding only `classifier`'s rows (optionally only for some ids). */
  verdictsFor(classifier: string, name: string, keep?: (id: string) => boolean): string;
  /** Write the first `n` conversations and their labels; returns the two paths. */
  firstConversations(n: number): { conversations: string; labels: string };
}

export function demoFiles(): DemoFiles {
  const dir = mkdtempSync(join(tmpdir(), 'misfire-gate-'));
  const conversations = demoLines('conversations.jsonl');
  const verdicts = demoLines('verdicts.csv');
  const labels = demoLines('labels.csv');
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const topicOf = new Map<string, string>();
  const ids: string[] = [];
  for (const line of conversations) {
    const row = JSON.parse(line) as { id: string; topic: string };
    topicOf.set(row.id, row.topic);
    ids.push(row.id);
  }
  return {
    dir,
    conversations: write('conversations.jsonl', conversations),
    verdicts: write('verdicts.csv', verdicts),
    labels: write('labels.csv', labels),
    topicOf,
    ids,
    verdictsFor(classifier, name, keep = () => true) {
      const rows = verdicts.slice(1).filter((l) => {
        const [id, c] = l.split(',');
        return c === classifier && keep(id);
      });
      return write(name, [verdicts[0], ...rows]);
    },
    firstConversations(n) {
      const keep = new Set(ids.slice(0, n));
      return {
        conversations: write(`conversations-${n}.jsonl`, conversations.slice(0, n)),
        labels: write(`labels-${n}.csv`, [labels[0], ...labels.slice(1).filter((l) => keep.has(l.split(',')[0]))]),
      };
    },
  };
}

/** The most common generator topic among a leaf cluster's conversations, from a run's assignments.csv. */
export function dominantTopic(runDir: string, topicOf: Map<string, string>, leaf: string): string {
  const counts = new Map<string, number>();
  for (const line of readFileSync(join(runDir, 'assignments.csv'), 'utf8').trimEnd().split('\n').slice(1)) {
    const [id, cluster] = line.split(',');
    if (cluster !== leaf) continue;
    const topic = topicOf.get(id) ?? '?';
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/**
 * The generator topics of a leaf's conversations that are benign and that `candidate` flags but `baseline`
 * does not (the candidate's new false positives there), most common first, from the demo files.
 */
export function newFalsePositiveTopics(files: DemoFiles, runDir: string, leaf: string, baseline: string, candidate: string): [string, number][] {
  const labels = new Map(readFileSync(files.labels, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')).map((r) => [r[0], r[1]]));
  const flags = (name: string) =>
    new Map(readFileSync(files.verdicts, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[1] === name).map((r) => [r[0], r[3]]));
  const [before, after] = [flags(baseline), flags(candidate)];
  const counts = new Map<string, number>();
  for (const line of readFileSync(join(runDir, 'assignments.csv'), 'utf8').trimEnd().split('\n').slice(1)) {
    const [id, cluster] = line.split(',');
    if (cluster !== leaf || labels.get(id) !== '0' || before.get(id) !== '0' || after.get(id) !== '1') continue;
    const topic = files.topicOf.get(id) ?? '?';
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
