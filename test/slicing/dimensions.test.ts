/**
 * Slicing dimensions: values in a stable order (numbers by value, text, no value last), every conversation in
 * one slice, the clusters' privacy rule (a value with too few users or conversations is suppressed and never
 * written), and value × cluster slices for --cross.
 */
import { describe, expect, it } from 'vitest';
import { compareValues, sliceDimensions } from '../../src/slicing/dimensions.js';
import { sliceName } from '../../src/slicing/names.js';

const userOf = (n: number, users: number) => Int32Array.from({ length: n }, (_, i) => i % users);

describe('field dimensions', () => {
  it('orders values (numbers by value, then text, no value last) and puts every conversation in one slice', () => {
    expect(['b', null, '10', '9', 'a', '-1.5'].sort(compareValues)).toEqual(['-1.5', '9', '10', 'a', 'b', null]);
    const values = ['web', 'api', null, 'web', 'api', 'web'];
    const [dim] = sliceDimensions([{ field: 'channel', source: 'metadata', values }], { userOf: userOf(6, 6), minUsers: 1, minConversations: 1, cross: null });
    expect(dim.record.dimension_id).toBe('S0');
    expect(dim.record.slices.map((s) => [s.slice_id, s.value, s.missing, s.size])).toEqual([
      ['S0-000', 'api', false, 2],
      ['S0-001', 'web', false, 3],
      ['S0-002', null, true, 1],
    ]);
    expect(Array.from(dim.sliceOf)).toEqual([1, 0, 2, 1, 0, 1]);
  });

  it('suppresses a value held by fewer than min-users users or min-conversations conversations, and never writes it', () => {
    // "quenbrook" comes from 2 users in 6 conversations; "tiny-team" from 6 users in 6 conversations (min-conversations 8).
    const values = [...Array(6).fill('quenbrook'), ...Array(6).fill('tiny-team'), ...Array(40).fill('common')];
    const users = Int32Array.from(values, (v, i) => (v === 'quenbrook' ? i % 2 : 100 + i));
    const [dim] = sliceDimensions([{ field: 'team', source: 'metadata', values }], { userOf: users, minUsers: 5, minConversations: 8, cross: null });
    const byReason = dim.record.slices.map((s) => [s.value, s.suppressed, s.suppression_reason, s.unique_users]);
    expect(byReason).toEqual([
      ['common', false, null, 40],
      [null, true, 'few_users', 2],
      [null, true, 'few_conversations', 6],
    ]);
    expect(JSON.stringify(dim.record)).not.toMatch(/quenbrook|tiny-team/);
    expect(sliceName({ ...dim.record.slices[1], field: 'team' })).toBe('team = (suppressed value)');
  });
});

describe('cross dimensions (--cross)', () => {
  it('adds value × cluster slices after the field dimensions, suppressing those of a suppressed cluster', () => {
    const values = ['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b'];
    const clusterOf = Int32Array.of(0, 1, 0, 1, 0, 0, 2, 2);
    const dims = sliceDimensions([{ field: 'f', source: 'metadata', values }], {
      userOf: userOf(8, 8),
      minUsers: 1,
      minConversations: 1,
      cross: { level: 1, clusterOf, clusterIds: ['L1-000', 'L1-001', 'L1-002'], suppressed: [false, false, true] },
    });
    expect(dims.map((d) => [d.record.dimension_id, d.record.cross_level])).toEqual([['S0', null], ['S1', 1]]);
    const cross = dims[1].record.slices.map((s) => [s.slice_id, s.value, s.cluster_id, s.size, s.suppression_reason]);
    expect(cross).toEqual([
      ['S1-000', 'a', 'L1-000', 2, null],
      ['S1-001', 'a', 'L1-001', 1, null],
      ['S1-002', null, 'L1-002', 1, 'cluster_suppressed'],
      ['S1-003', 'b', 'L1-000', 2, null],
      ['S1-004', 'b', 'L1-001', 1, null],
      ['S1-005', null, 'L1-002', 1, 'cluster_suppressed'],
    ]);
    expect(Array.from(dims[1].crossOf?.valueSlice ?? [])).toEqual([0, 0, 0, 1, 1, 1]);
    expect(sliceName({ ...dims[1].record.slices[0], field: 'f' }, () => 'Code')).toBe('f = a × Code');
  });
});
