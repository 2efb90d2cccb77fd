/** Offline c-TF-IDF labels: the distinct-user privacy rule, readable terms, and the name/description formats. */
import { describe, expect, it } from 'vitest';
import { distinctiveTerms } from '../../src/labelling/ctfidf-labels.js';
import { coverageOrder } from '../../src/labelling/coverage-order.js';
import { describeFromTerms, nameFromTerms } from '../../src/labelling/term-names.js';
import { labelTerms } from '../../src/text/label-terms.js';
import { createOfflineLabeler } from '../../src/providers/offline/labeler.js';
import { silentProgress } from '../../src/types.js';
import { makeCtx } from '../helpers/provider-context.js';

/** Cluster 0: six users asking about data pipelines; users 0 and 1 also name "zorblax", user 0 four times. */
function craftedClusters() {
  const summaries: string[] = [];
  const users: number[] = [];
  const addSummary = (text: string, user: number) => {
    summaries.push(text);
    users.push(user);
  };
  for (let u = 0; u < 6; u++) addSummary(u < 5 ? `my data pipeline drops rows on retry` : `data pipeline drops rows sometimes`, u);
  for (let r = 0; r < 4; r++) addSummary('zorblax pipeline import fails on retry', 0);
  addSummary('zorblax pipeline crashes', 1);
  const first = summaries.length;
  for (let u = 10; u < 20; u++) addSummary('what wine goes with roast chicken', u);
  return {
    summaries,
    userOf: Int32Array.from(users),
    clusters: [
      { clusterId: 'L0-000', members: Int32Array.from({ length: first }, (_, i) => i) },
      { clusterId: 'L0-001', members: Int32Array.from({ length: summaries.length - first }, (_, i) => first + i) },
    ],
  };
}

describe('distinctiveTerms privacy rule', () => {
  it('excludes a term used by 2 of 6 users (however often) and includes one used by 5', () => {
    const { summaries, userOf, clusters } = craftedClusters();
    const [terms] = distinctiveTerms(clusters, summaries, userOf, { minUsers: 5, seed: 1, topTerms: 50 });
    const all = terms.terms.join(' | ');
    expect(all).not.toMatch(/zorblax/);
    expect(terms.terms.some((t) => t.split(' ').includes('pipeline'))).toBe(true);
    // The same data with a threshold of 2 does surface it: the rule, not the scoring, keeps it out.
    const [loose] = distinctiveTerms(clusters, summaries, userOf, { minUsers: 2, seed: 1, topTerms: 50 });
    expect(loose.terms.join(' | ')).toMatch(/zorblax/);
  });

  it('keeps the rare term out of the offline name and description too', async () => {
    const { summaries, userOf, clusters } = craftedClusters();
    const labels = await createOfflineLabeler().label(
      { level: 0, clusters: clusters.map((c) => ({ ...c, childIds: [], contrast: new Int32Array(0) })), summaries, userOf, childLabels: new Map() },
      makeCtx('.misfire-cache', { seed: 1, progress: silentProgress, minUsers: 5 }),
    );
    for (const label of labels) expect(`${label.name} ${label.description} ${label.terms?.join(' ')}`).not.toMatch(/zorblax/i);
    expect(labels[0].name.toLowerCase()).toContain('pipeline');
  });

  it('counts users within the cluster: a term common elsewhere but used by 2 users here is not eligible here', () => {
    const summaries = [...Array(6).fill('roast chicken wine'), 'chicken stock', 'chicken soup', ...Array(6).fill('bread rises slowly')];
    const userOf = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const clusters = [
      { clusterId: 'a', members: Int32Array.from([0, 1, 2, 3, 4, 5]) },
      { clusterId: 'b', members: Int32Array.from([6, 7, 8, 9, 10, 11, 12, 13]) },
    ];
    const [, b] = distinctiveTerms(clusters, summaries, userOf, { minUsers: 5, seed: 3, topTerms: 50 });
    expect(b.terms).not.toContain('chicken');
    expect(b.terms.some((t) => t.includes('bread'))).toBe(true);
  });
});

describe('label terms', () => {
  it('drops request boilerplate and function words, keeps content words and adjacent pairs', () => {
    const terms = labelTerms('Sorry if this is dumb but how do I lower my blood pressure naturally? Keep it short please. ty');
    expect(terms).toEqual(expect.arrayContaining(['lower', 'blood pressure', 'pressure naturally']));
    for (const noise of ['sorry', 'dumb', 'keep', 'short', 'please', 'ty', 'how', 'my']) expect(terms).not.toContain(noise);
  });

  it('does not join words across punctuation or placeholders', () => {
    const terms = labelTerms('restart nginx. Postgres logs [EMAIL] backup');
    expect(terms).not.toContain('nginx postgres');
    expect(terms).not.toContain('logs backup');
    expect(terms).toContain('postgres logs');
  });

  it('prefers a phrase over its word when most uses are in the phrase', () => {
    const summaries = [
      ...Array.from({ length: 8 }, () => 'how do I lower blood pressure'),
      ...Array.from({ length: 8 }, () => 'best sourdough starter recipe'),
    ];
    const userOf = Int32Array.from(summaries.map((_, i) => i));
    const [health] = distinctiveTerms(
      [
        { clusterId: 'h', members: Int32Array.from({ length: 8 }, (_, i) => i) },
        { clusterId: 'c', members: Int32Array.from({ length: 8 }, (_, i) => 8 + i) },
      ],
      summaries,
      userOf,
      { minUsers: 5, seed: 1 },
    );
    expect(health.terms[0]).toMatch(/blood pressure/);
    expect(health.terms).not.toContain('blood');
    expect(health.terms).not.toContain('pressure');
  });
});

describe('names and descriptions', () => {
  it('names from at most three terms and describes with the share a reviewer can check', () => {
    const shares = { terms: ['blood pressure', 'sleep', 'diet', 'salt'], each: [0.6, 0.3, 0.1, 0.05] };
    expect(nameFromTerms(shares, 'x')).toBe('Blood pressure, sleep and diet');
    expect(nameFromTerms({ terms: [], each: [] }, 'Unnamed cluster L0-001')).toBe('Unnamed cluster L0-001');
    expect(describeFromTerms(shares)).toBe(
      "60% of its conversations mention 'blood pressure'; 30% mention 'sleep'; 10% mention 'diet'. Related: 'salt' (5%).",
    );
  });

  it('measures coverage on the actual members, and orders terms to cover as many of them as possible', () => {
    const summaries = ['kill zombie process', 'kill nginx', 'sudo permission', 'bake bread', 'kill nginx now'];
    const members = Int32Array.from([0, 1, 2, 3, 4]);
    expect(coverageOrder(members, summaries, ['sudo', 'nginx', 'kill'], 8)).toEqual({ terms: ['kill', 'sudo', 'nginx'], each: [0.6, 0.2, 0.4] });
    expect(coverageOrder(members, summaries, ['kill', 'kill nginx', 'nginx'], 8).terms).toEqual(['kill', 'nginx']);
  });

  it('names a parent from the terms its children share, and lists the children', async () => {
    const summaries = [
      ...Array.from({ length: 6 }, () => 'detective story plot twist'),
      ...Array.from({ length: 6 }, () => 'villain story exact method'),
      ...Array.from({ length: 6 }, () => 'monthly budget spreadsheet'),
    ];
    const userOf = Int32Array.from(summaries.map((_, i) => i));
    const members = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
    const labeler = createOfflineLabeler();
    const leaves = await labeler.label(
      {
        level: 0,
        clusters: [0, 6, 12].map((from, c) => ({ clusterId: `L0-00${c}`, members: members(from, 6), childIds: [], contrast: new Int32Array(0) })),
        summaries,
        userOf,
        childLabels: new Map(),
      },
      makeCtx('.misfire-cache', { seed: 1, progress: silentProgress, minUsers: 5 }),
    );
    const [fiction] = await labeler.label(
      {
        level: 1,
        clusters: [
          { clusterId: 'L1-000', members: members(0, 12), childIds: ['L0-000', 'L0-001'], contrast: new Int32Array(0) },
          { clusterId: 'L1-001', members: members(12, 6), childIds: ['L0-002'], contrast: new Int32Array(0) },
        ],
        summaries,
        userOf,
        childLabels: new Map(leaves.map((l) => [l.clusterId, l])),
      },
      makeCtx('.misfire-cache', { seed: 1, progress: silentProgress, minUsers: 5 }),
    );
    expect(fiction.name).toMatch(/^Story\b/);
    expect(fiction.description).toContain(`“${leaves[0].name}”`);
    expect(fiction.description).toContain('Groups 2 clusters');
  });
});
