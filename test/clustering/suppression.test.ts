/**
 * Suppression: a cluster with fewer than --min-users distinct users (or fewer than --min-conversations
 * conversations) shows no label, description, terms or examples anywhere, yet its conversations count in
 * its parent and it is listed in metrics.json with its counts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { runMisfire } from '../../src/api/run.js';
import { parseCsv, vectorsJsonl, writeBlobs, type CraftedData } from '../helpers/crafted-data.js';

let dir: string;
let data: CraftedData;
let clusters: ClusterRecord[];
let artifacts: Record<string, string>;
let leafOfId: Map<string, string>;

const NICHE = 2; // 12 conversations from 3 users
const SMALL = 3; // 4 conversations from 4 users

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misfire-suppression-'));
  data = await writeBlobs(dir, [
    { text: 'how do I bake sourdough bread with rye flour', conversations: 40, users: 20, axis: 0 },
    { text: 'how do I fix a bicycle chain that slips', conversations: 40, users: 20, axis: 3 },
    { text: 'antique barometer mercury column restoration', conversations: 12, users: 3, axis: 6 },
    { text: 'identify tidepool creatures nudibranch', conversations: 4, users: 4, axis: 7 },
  ]);
  const vectors = join(dir, 'vectors.jsonl');
  await writeFile(vectors, vectorsJsonl(data.ids, data.vectors));
  const out = join(dir, 'out');
  await runMisfire({
    conversations: data.conversations,
    verdicts: [data.verdicts],
    labels: data.labels,
    embeddings: vectors,
    out,
    settings: { k: 4, levels: 2, minUsers: 4, minConversations: 5 },
    now: new Date(0),
  });
  clusters = JSON.parse(await readFile(join(out, 'clusters.json'), 'utf8'));
  artifacts = {};
  for (const name of ['index.html', 'report.md', 'clusters.json', 'metrics.json']) artifacts[name] = await readFile(join(out, name), 'utf8');
  leafOfId = new Map(parseCsv(await readFile(join(out, 'assignments.csv'), 'utf8')).map((r) => [r.conversation_id, r.cluster_id]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function leafOfBlob(blob: number): ClusterRecord {
  const ids = new Set(data.ids.filter((_, i) => data.blobOf[i] === blob).map((id) => leafOfId.get(id)));
  expect(ids.size).toBe(1);
  return clusters.find((c) => c.cluster_id === [...ids][0]) as ClusterRecord;
}

describe('suppressed clusters', () => {
  it('a cluster with fewer distinct users than --min-users shows no text', () => {
    const niche = leafOfBlob(NICHE);
    expect(niche).toMatchObject({ size: 12, unique_users: 3, suppressed: true, suppression_reason: 'few_users' });
    expect(niche).toMatchObject({ label: null, description: null, terms: [], examples: [] });
  });

  it('a cluster with fewer conversations than --min-conversations shows no text', () => {
    const small = leafOfBlob(SMALL);
    expect(small).toMatchObject({ size: 4, unique_users: 4, suppressed: true, suppression_reason: 'few_conversations' });
    expect(small).toMatchObject({ label: null, description: null, terms: [], examples: [] });
  });

  it('their words appear in no artifact', () => {
    for (const [name, text] of Object.entries(artifacts)) {
      for (const word of ['barometer', 'mercury', 'tidepool', 'nudibranch']) expect(text.toLowerCase(), `${word} in ${name}`).not.toContain(word);
    }
  });

  it('the clusters above the thresholds are named and have examples', () => {
    const bread = leafOfBlob(0);
    expect(bread.suppressed).toBe(false);
    expect(bread.label?.toLowerCase()).toMatch(/sourdough|bread|rye/);
    expect(bread.examples.length).toBeGreaterThan(0);
    expect(bread.examples).not.toContain('how do I bake sourdough bread with rye flour');
  });

  it('are counted in their parent', () => {
    for (const parent of clusters.filter((c) => c.level === 1)) {
      const children = clusters.filter((c) => c.parent_id === parent.cluster_id);
      expect(parent.size).toBe(children.reduce((s, c) => s + c.size, 0));
    }
    expect(clusters.filter((c) => c.level === 1).reduce((s, c) => s + c.size, 0)).toBe(data.ids.length);
    expect(clusters.find((c) => c.cluster_id === leafOfBlob(NICHE).parent_id)).toBeDefined();
  });

  it('are listed in metrics.json with their counts', () => {
    const metrics = JSON.parse(artifacts['metrics.json']);
    const rows = metrics.classifiers[0].clusters as { cluster_id: string; n: number; tp: number; fp: number; tn: number; fn: number; suppressed: boolean }[];
    for (const blob of [NICHE, SMALL]) {
      const leaf = leafOfBlob(blob);
      const row = rows.find((r) => r.cluster_id === leaf.cluster_id);
      expect(row).toBeDefined();
      expect(row?.suppressed).toBe(true);
      expect(row?.n).toBe(leaf.size);
      expect((row?.tp ?? 0) + (row?.fp ?? 0) + (row?.tn ?? 0) + (row?.fn ?? 0)).toBe(leaf.size);
    }
  });
});
