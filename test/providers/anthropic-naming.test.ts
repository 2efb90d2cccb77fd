import { describe, expect, it } from 'vitest';
import { MIN_PRIVACY_SCORE } from '../../src/providers/anthropic/index.js';
import { sampleMembers } from '../../src/providers/anthropic/naming.js';
import type { ClusterLabel, ClusterToLabel, LabelingInput } from '../../src/providers/types.js';
import { userText, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { localProvider, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';

const summaries = Array.from({ length: 140 }, (_, i) => `Get help with chore number ${i} around the house.`);
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

function cluster(clusterId: string, members: Int32Array, contrast: Int32Array, childIds: string[] = []): ClusterToLabel {
  return { clusterId, members, contrast, childIds };
}

function input(clusters: ClusterToLabel[], level = 0, childLabels = new Map<string, ClusterLabel>()): LabelingInput {
  return { level, clusters, summaries, userOf: new Int32Array(summaries.length), childLabels };
}

/** The summaries quoted inside <tag> … </tag> of a naming request. */
function quoted(text: string, tag: string): string[] {
  const block = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1] ?? '';
  return [...block.matchAll(/<summary>([\s\S]*?)<\/summary>/g)].map((m) => m[1]);
}

describe('anthropic provider: cluster naming and privacy audit', () => {
  const fake = useFakeAnthropic();

  it('names a base cluster from ≤ 50 sampled members against ≤ 50 nearest outside summaries', async () => {
    const big = cluster('L0-0', range(0, 80), range(80, 140));
    const small = cluster('L0-1', range(80, 90), range(0, 70));
    const ctx = makeCtx(fake.dir, { seed: 11 });
    const labels = await localProvider(fake.url).labeler.label(input([big, small]), ctx);

    expect(fake.server.messageCalls()).toHaveLength(2);
    expect(labels.map((l) => l.clusterId)).toEqual(['L0-0', 'L0-1']);
    for (const label of labels) {
      expect(label.name.split(/\s+/).length).toBeLessThanOrEqual(10);
      expect(label.description.length).toBeGreaterThan(0);
    }
    const [bigReq, smallReq] = fake.server.messageCalls().map((c) => c.body as MessagesBody);
    expect(bigReq.model).toBe('claude-sonnet-4-6');
    expect(bigReq.tool_choice).toEqual({ type: 'tool', name: 'name_cluster' });

    const bigInside = quoted(userText(bigReq), 'answers');
    expect(bigInside).toHaveLength(50);
    expect(new Set(bigInside).size).toBe(50);
    expect(bigInside.every((s) => summaries.slice(0, 80).includes(s))).toBe(true);
    expect(quoted(userText(bigReq), 'contrastive_answers')).toEqual(summaries.slice(80, 130));

    expect(quoted(userText(smallReq), 'answers')).toEqual(summaries.slice(80, 90));
    expect(quoted(userText(smallReq), 'contrastive_answers')).toEqual(summaries.slice(0, 50));
    expect(ctx.usage.models.naming).toBe('claude-sonnet-4-6');
    expect(ctx.usage.promptVersions.naming).toBe('naming/v2');
  });

  it('samples deterministically from the seed: same seed → cached rerun, other seed → another sample', async () => {
    const big = cluster('L0-0', range(0, 120), range(120, 140));
    const first = await localProvider(fake.url).labeler.label(input([big]), makeCtx(fake.dir, { seed: 3 }));
    const again = await localProvider(fake.url).labeler.label(input([big]), makeCtx(fake.dir, { seed: 3 }));
    expect(again).toEqual(first);
    expect(fake.server.messageCalls()).toHaveLength(1);

    await localProvider(fake.url).labeler.label(input([big]), makeCtx(fake.dir, { seed: 4 }));
    expect(fake.server.messageCalls()).toHaveLength(2);
    const [a, b] = fake.server.messageCalls().map((c) => quoted(userText(c.body as MessagesBody), 'answers'));
    expect(a).not.toEqual(b);
    expect(sampleMembers(range(0, 120), 50, 3, 'L0-0')).toEqual(sampleMembers(range(0, 120), 50, 3, 'L0-0'));
  });

  it('names a parent cluster from its children\'s names and descriptions', async () => {
    const childLabels = new Map<string, ClusterLabel>([
      ['L0-0', { clusterId: 'L0-0', name: 'Fix leaking kitchen taps', description: 'Users asked about taps. They wanted steps.' }],
      ['L0-1', { clusterId: 'L0-1', name: 'Unclog bathroom drains', description: 'Users asked about drains. They wanted tools.' }],
    ]);
    const parent = cluster('L1-0', range(0, 20), range(20, 30), ['L0-0', 'L0-1']);
    const [label] = await localProvider(fake.url).labeler.label(input([parent], 1, childLabels), makeCtx(fake.dir));
    expect(label.clusterId).toBe('L1-0');
    const text = userText(fake.server.messageCalls()[0].body as MessagesBody);
    expect(text).toContain('<child_clusters>');
    expect(text).toContain('<name>Fix leaking kitchen taps</name>');
    expect(text).toContain('<description>Users asked about drains. They wanted tools.</description>');
    expect(text).not.toContain('<answers>');
    expect(label.description).toContain('2 child clusters');
  });

  it('rejects a name longer than ten words and retries', async () => {
    let calls = 0;
    await fake.restart({
      respond: (tool) => {
        if (tool !== 'name_cluster') return undefined;
        calls++;
        return calls === 1
          ? { name: 'one two three four five six seven eight nine ten eleven', description: 'Too long. Really.' }
          : { name: 'Plan small home repairs.', description: 'Users planned repairs. They asked for steps.' };
      },
    });
    const [label] = await localProvider(fake.url).labeler.label(input([cluster('c', range(0, 5), range(5, 9))]), makeCtx(fake.dir));
    expect(fake.server.messageCalls()).toHaveLength(2);
    expect(label.name).toBe('Plan small home repairs');
  });

  it('rates each label 1–5 for privacy and returns a map by cluster id', async () => {
    const labels: ClusterLabel[] = [
      { clusterId: 'a', name: 'Plan vegetable gardens', description: 'Users planned gardens. They asked about soil.' },
      { clusterId: 'b', name: 'Call the clinic at 555-0199', description: 'One user asked to call a number.' },
      { clusterId: 'c', name: 'Learn guitar chords', description: 'Users learned chords. They asked for drills.' },
    ];
    const ctx = makeCtx(fake.dir);
    const scores = await localProvider(fake.url).auditor!.audit(labels, ctx);
    expect([...scores.keys()]).toEqual(['a', 'b', 'c']);
    expect(scores.get('b')).toBe(1);
    expect(scores.get('a')).toBeGreaterThanOrEqual(MIN_PRIVACY_SCORE);
    expect(scores.get('c')).toBeGreaterThanOrEqual(MIN_PRIVACY_SCORE);
    expect(fake.server.messageCalls()).toHaveLength(3);
    expect(fake.server.messageCalls().every((c) => (c.body as MessagesBody).tool_choice?.name === 'rate_privacy')).toBe(true);
    expect(ctx.usage.models.privacy).toBe('claude-sonnet-4-6');
  });
});
