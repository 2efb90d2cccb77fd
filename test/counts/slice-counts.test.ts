/**
 * Slice counts (src/counts/slice-counts.ts, slice-metrics.ts): split in parts and merged they equal one
 * pass over everything; the count file carries them through encode/parse unchanged; parts that counted
 * different fields refuse to add; the statistics equal the in-memory path's (sliceMetrics over sliceOf).
 */
import { describe, expect, it } from 'vitest';
import { encodeCountFile } from '../../src/artifacts/counts-file.js';
import { parseCountFile } from '../../src/artifacts/read-counts.js';
import { indexUsers } from '../../src/clustering/privacy.js';
import { hash53 } from '../../src/counts/hash.js';
import { emptySliceCounts, countSliceConversation, countSliceVerdict, mergeSliceCounts, type SliceFieldCounts } from '../../src/counts/slice-counts.js';
import { slicesFromCounts } from '../../src/counts/slice-metrics.js';
import { classifierCounts, emptyCountTable } from '../../src/counts/table.js';
import { DEFAULT_METRICS_SETTINGS } from '../../src/metrics/confusion.js';
import type { ClassifierVerdicts } from '../../src/metrics/join.js';
import { sliceMetrics } from '../../src/metrics/slices.js';
import { sliceDimensions } from '../../src/slicing/dimensions.js';

const FIELDS = [{ field: 'channel', source: 'metadata' as const }];
const N = 400;
const channel = (i: number) => (i % 7 === 0 ? null : ['web', 'api', 'mobile', '10', '9'][i % 5]);
const user = (i: number) => `u${i % 61}`;
const flagged = (i: number) => (i % 3 === 0 ? 1 : 0);
const label = (i: number) => (i % 11 === 0 ? -1 : i % 4 === 0 ? 1 : 0);

function counted(indices: readonly number[]): SliceFieldCounts[] {
  const slicing = emptySliceCounts(FIELDS);
  for (const i of indices) {
    const values = countSliceConversation(slicing, [channel(i)], hash53(user(i)));
    countSliceVerdict(values, 'v7', flagged(i), label(i));
  }
  return slicing;
}

const all = Array.from({ length: N }, (_, i) => i);
const settings = { ...DEFAULT_METRICS_SETTINGS, minSupport: 5 };
const privacy = { minUsers: 5, minConversations: 5 };

describe('slice counts', () => {
  it('merge exactly: parts in any order give one pass\'s statistics', () => {
    const whole = slicesFromCounts(counted(all), ['v7'], settings, privacy);
    const parts = [0, 1, 2].map((p) => counted(all.filter((i) => i % 3 === p)));
    const merged = slicesFromCounts(parts.reduceRight((a, b) => mergeSliceCounts(a, b, (why) => new Error(why)), emptySliceCounts(FIELDS)), ['v7'], settings, privacy);
    expect(merged).toEqual(whole);
    expect(whole.dimensions[0].slices.map((s) => s.value)).toEqual(['9', '10', 'api', 'mobile', 'web', null]);
  });

  it('give the in-memory path\'s dimension and slice rows', () => {
    const { userOf } = indexUsers(all.map(user));
    const dims = sliceDimensions([{ ...FIELDS[0], values: all.map(channel) }], { userOf, ...privacy, cross: null });
    const memory = sliceMetrics(dims, { name: 'v7', flagged: Int8Array.from(all, flagged), score: new Float64Array(N).fill(NaN), hasScores: false } as ClassifierVerdicts, Int8Array.from(all, label), settings);
    const counts = slicesFromCounts(counted(all), ['v7'], settings, privacy);
    expect(counts.dimensions).toEqual(dims.map((d) => d.record));
    expect(counts.byClassifier.get('v7')).toEqual(memory);
  });

  it('survive the count file, and parts of different fields refuse to add', () => {
    const table = emptyCountTable(1, true);
    classifierCounts(table, 'v7', null).cells[4] = 1;
    table.slicing = counted(all);
    const file = { misfire_version: 'test', model: { fingerprint: 'f', leaves: 1 }, inputs: { conversations: { file: 'c', sha256: null, bytes: 0 }, verdicts: [], labels: null }, table };
    const back = parseCountFile(encodeCountFile(file), 'part.counts');
    expect(slicesFromCounts(back.table.slicing ?? [], ['v7'], settings, privacy)).toEqual(slicesFromCounts(table.slicing, ['v7'], settings, privacy));
    expect(() => mergeSliceCounts(counted(all), emptySliceCounts([{ field: 'topic', source: 'metadata' }]), (why) => new Error(why))).toThrow(
      /different fields \(channel \(metadata\) and topic \(metadata\)\)/,
    );
  });
});
