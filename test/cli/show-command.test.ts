/**
 * `misfire show` on the demo run: a pocket's false positives are exactly those computed independently from
 * assignments.csv, the verdicts and the labels, and as many as metrics.json counts; a parent cluster lists its
 * leaves' members; a pocket found among the errors lists its members of pockets.csv; the three formats; and
 * every way of naming something the run does not have is exit 2 with a message that says what it has.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { MEMBER_CSV_COLUMNS } from '../../src/drilldown/member-records.js';
import { sharedDemoRun } from '../helpers/demo-run.js';
import { demoFile, REPO } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

let run: string;
let metrics: MetricsDocument;
let clusters: ClusterRecord[];
/** Conversation id → leaf cluster, in assignments.csv order. */
let leafOf: Map<string, string>;
/** classifier → conversation id → flagged (the demo's verdicts carry `flagged`; the run set no threshold). */
let flaggedBy: Map<string, Map<string, boolean>>;
let labelOf: Map<string, boolean>;

const csvRecords = (file: string): Record<string, string>[] => parse(readFileSync(file, 'utf8'), { columns: true });

beforeAll(() => {
  run = sharedDemoRun();
  metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as MetricsDocument;
  clusters = JSON.parse(readFileSync(join(run, 'clusters.json'), 'utf8')) as ClusterRecord[];
  leafOf = new Map(csvRecords(join(run, 'assignments.csv')).map((r) => [r.conversation_id, r.cluster_id]));
  flaggedBy = new Map();
  for (const r of csvRecords(demoFile('verdicts.csv'))) {
    const of = flaggedBy.get(r.classifier) ?? new Map<string, boolean>();
    of.set(r.conversation_id, r.flagged === '1');
    flaggedBy.set(r.classifier, of);
  }
  labelOf = new Map(csvRecords(demoFile('labels.csv')).map((r) => [r.conversation_id, r.label === '1']));
});

/** Ids (in assignments.csv order) of the conversations under `clusterId`, following clusters.json's parents. */
function idsUnder(clusterId: string): string[] {
  const parent = new Map(clusters.map((c) => [c.cluster_id, c.parent_id]));
  const under = (leaf: string): boolean => {
    for (let at: string | null | undefined = leaf; at; at = parent.get(at)) if (at === clusterId) return true;
    return false;
  };
  return [...leafOf].filter(([, leaf]) => under(leaf)).map(([id]) => id);
}

const classifierMetrics = (name: string) => metrics.classifiers.find((c) => c.name === name)!;

async function show(...args: string[]) {
  const result = await runCli('show', '--run', run, ...args);
  expect(result.code, result.err).toBe(0);
  return result;
}

describe('the done-when check: keyword-v1, --pocket 1 --kind fp', () => {
  it('lists exactly the false positives of the first false-positive pocket, as many as metrics.json counts', async () => {
    const keyword = classifierMetrics('keyword-v1');
    const pocket = keyword.pockets.false_positive[0];
    expect(pocket).toBeDefined();
    const row = keyword.clusters.find((c) => c.cluster_id === pocket)!;
    const flagged = flaggedBy.get('keyword-v1')!;
    const expected = idsUnder(pocket).filter((id) => flagged.get(id) === true && labelOf.get(id) === false);

    const csv = await show('--classifier', 'keyword-v1', '--pocket', '1', '--kind', 'fp', '--format', 'csv');
    const rows = parse(csv.out, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(row.fp);
    expect(rows.map((r) => r.conversation_id)).toEqual(expected);
    for (const r of rows) expect([r.cluster_id, r.outcome, r.flagged, r.label, r.classifier]).toEqual([leafOf.get(r.conversation_id), 'fp', '1', '0', 'keyword-v1']);
    expect(csv.err).toContain(`${row.fp} of ${row.fp} fp members (${row.n} in all)`);

    const table = await show('--classifier', 'keyword-v1', '--pocket', '1', '--kind', 'fp');
    expect(table.out).toContain(`false-positive pocket 1 of keyword-v1 (cluster ${pocket})`);
    expect(table.out).toContain(`false positives (flagged, labelled benign): ${row.fp} of ${row.n} members, first 25 listed (--limit 0 lists all)`);
    const all = await show('--classifier', 'keyword-v1', '--pocket', '1', '--kind', 'fp', '--limit', '0');
    expect(all.out).toContain(`${row.fp} of ${row.n} members, all listed`);
    expect(expected.filter((id) => all.out.includes(`\n${id} `))).toEqual(expected);
  });

  it('--kind defaults to the pocket\'s own errors only for a pocket id; a rank needs --kind fp or fn', async () => {
    const result = await runCli('show', '--run', run, '--classifier', 'keyword-v1', '--pocket', '1');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--pocket 1 needs --kind fp or --kind fn/);
  });
});

describe('what show lists', () => {
  it('a parent cluster: its leaves\' members, every one by default, with the outcome of each', async () => {
    const parent = clusters.find((c) => c.level === 1)!;
    const { out } = await show('--classifier', 'detector-v2', '--cluster', parent.cluster_id, '--format', 'jsonl');
    const lines = out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.conversation_id)).toEqual(idsUnder(parent.cluster_id));
    expect(lines.length).toBe(parent.size);
    const flagged = flaggedBy.get('detector-v2')!;
    for (const l of lines.slice(0, 50)) {
      const id = l.conversation_id as string;
      const outcome = `${flagged.get(id) === labelOf.get(id) ? 't' : 'f'}${flagged.get(id) ? 'p' : 'n'}`;
      expect([l.flagged, l.label, l.outcome]).toEqual([flagged.get(id), labelOf.get(id), outcome]);
    }
  });

  it('jsonl carries the original messages, the user id and the metadata', async () => {
    const { out } = await show('--classifier', 'keyword-v1', '--pocket', '1', '--kind', 'fp', '--format', 'jsonl', '--limit', '1');
    const first = JSON.parse(out.trim()) as { conversation_id: string; user_id: string; messages: unknown; metadata: unknown; score: number };
    const input = readFileSync(demoFile('conversations.jsonl'), 'utf8')
      .split('\n')
      .map((line) => (line ? (JSON.parse(line) as Record<string, unknown>) : null))
      .find((c) => c?.id === first.conversation_id)!;
    expect(first.user_id).toBe(input.user_id);
    expect(first.messages).toEqual(input.messages);
    expect(first.metadata).toEqual({ topic: input.topic, channel: input.channel, concern: input.concern });
    expect(typeof first.score).toBe('number');
  });

  it('a pocket found among the errors (FN-1): its members in pockets.csv that are false negatives', async () => {
    const members = new Set(csvRecords(join(run, 'pockets.csv')).filter((r) => r.classifier === 'detector-v2' && r.pocket_id === 'FN-1').map((r) => r.conversation_id));
    const pocket = classifierMetrics('detector-v2').error_pockets!.false_negative.pockets[0];
    const flagged = flaggedBy.get('detector-v2')!;
    const expected = [...leafOf.keys()].filter((id) => members.has(id) && !flagged.get(id) && labelOf.get(id) === true);
    const { out, err } = await show('--classifier', 'detector-v2', '--pocket', 'fn-1', '--format', 'csv');
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.conversation_id)).toEqual(expected);
    expect(rows.length).toBe(pocket.errors);
    expect(err).toContain(`(${pocket.n} in all)`);
  });

  it('csv has the documented columns in order, and the table fits the width it is given', async () => {
    const { out } = await show('--classifier', 'keyword-v1', '--cluster', 'L0-000', '--format', 'csv', '--limit', '3');
    expect(out.split('\n')[0]).toBe(MEMBER_CSV_COLUMNS.join(','));
    const table = await show('--classifier', 'keyword-v1', '--cluster', 'L0-000', '--limit', '5');
    const rows = table.out.split('\n').filter((line) => /^c\d{6} /.test(line));
    expect(rows).toHaveLength(5);
    for (const line of rows) expect([...line].length).toBeLessThanOrEqual(100);
  });
});

describe('naming what the run does not have: exit 2, saying what it has', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown classifier', ['--classifier', 'keyword-v9', '--cluster', 'L0-000'], /unknown classifier "keyword-v9": the run has "detector-v2", "detector-v3", "keyword-v1"/],
    ['an unknown cluster', ['--classifier', 'keyword-v1', '--cluster', 'L0-999'], /clusters\.json: no cluster "L0-999" \(the run has L0-000 … L0-0\d\d \(level 0\), L1-000 … L1-00\d \(level 1\)\)/],
    ['a pocket rank past the list', ['--classifier', 'keyword-v1', '--pocket', '9', '--kind', 'fp'], /metrics\.json, field "pockets\.false_positive": "keyword-v1" has only \d false-positive pockets?, so there is no pocket 9/],
    ['a rank in an empty list', ['--classifier', 'keyword-v1', '--pocket', '1', '--kind', 'fn'], /field "pockets\.false_negative": "keyword-v1" has no false-negative pockets, so there is no pocket 1/],
    ['an unknown pocket id', ['--classifier', 'keyword-v1', '--pocket', 'FP-9'], /field "error_pockets": "keyword-v1" has no pocket FP-9 \(it has FP-1, FP-2\)/],
    ['a pocket that is neither', ['--classifier', 'keyword-v1', '--pocket', 'first'], /--pocket must be a rank .* got "first"/],
    ['both --cluster and --pocket', ['--classifier', 'keyword-v1', '--cluster', 'L0-000', '--pocket', '1'], /give --cluster or --pocket, not both/],
    ['neither', ['--classifier', 'keyword-v1'], /name what to list: --cluster ID/],
    ['an unknown kind', ['--classifier', 'keyword-v1', '--cluster', 'L0-000', '--kind', 'fx'], /Invalid values:[\s\S]*fx/],
    ['a limit that is no whole number', ['--classifier', 'keyword-v1', '--cluster', 'L0-000', '--limit', '2.5'], /--limit must be a whole number, got "2\.5"/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const result = await runCli('show', '--run', run, ...args);
      expect(result.code, result.out).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.out).toBe('');
    });
  }
});

describe('--help', () => {
  it('says what show is for, that it never changes a report, with examples and exit codes', async () => {
    // The compiled binary (built by the global setup): yargs prints help and exits the process.
    const help = spawnSync(process.execPath, [join(REPO, 'bin/misfire.js'), 'show', '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    expect(help.status, help.stderr).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/own machine/);
    expect(text).toMatch(/never changes what a report shows/);
    expect(text).toContain('Examples: misfire show --run reports/demo --classifier');
    expect(text).toContain('keyword-v1 --pocket 1 --kind fp');
    expect(text).toMatch(/Exit codes: 0 listed .*; 2 usage or data error: .*recorded input that is gone or changed.*; 3 unexpected error/);
  });
});
