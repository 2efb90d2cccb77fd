/** Which conversations a cluster holds at any level, and which of them are of the kind asked for. */
import { describe, expect, it } from 'vitest';
import { clusterMembers, membersOfKind, outcomeOf } from '../../src/drilldown/members.js';

const parentOf = new Map<string, string | null>([
  ['L0-000', 'L1-000'],
  ['L0-001', 'L1-000'],
  ['L0-002', 'L1-001'],
  ['L1-000', 'L2-000'],
  ['L1-001', 'L2-000'],
  ['L2-000', null],
]);
const leafIds = ['L0-002', 'L0-000', 'L0-001', 'L0-002', 'L0-000'];

describe('clusterMembers', () => {
  it('a leaf holds its own conversations; a parent, its leaves\' (any depth), in run order', () => {
    expect([...clusterMembers(leafIds, parentOf, 'L0-000')]).toEqual([1, 4]);
    expect([...clusterMembers(leafIds, parentOf, 'L1-000')]).toEqual([1, 2, 4]);
    expect([...clusterMembers(leafIds, parentOf, 'L1-001')]).toEqual([0, 3]);
    expect([...clusterMembers(leafIds, parentOf, 'L2-000')]).toEqual([0, 1, 2, 3, 4]);
  });

  it('ends on a cycle in a hand-edited hierarchy instead of looping', () => {
    const cyclic = new Map<string, string | null>([['L0-000', 'L1-000'], ['L1-000', 'L0-000']]);
    expect([...clusterMembers(['L0-000'], cyclic, 'L2-000')]).toEqual([]);
  });
});

describe('outcomes and kinds', () => {
  const flagged = Int8Array.of(1, 1, 0, 0, -1, 1);
  const labels = Int8Array.of(0, 1, 1, 0, 0, -1);
  const all = Int32Array.of(0, 1, 2, 3, 4, 5);

  it('each confusion-matrix cell; none without a verdict or a label', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => outcomeOf(flagged[i], labels[i]))).toEqual(['fp', 'tp', 'fn', 'tn', null, null]);
  });

  it('keeps the members of the kind asked for, in the order given', () => {
    expect([...membersOfKind(all, flagged, labels, 'fp')]).toEqual([0]);
    expect([...membersOfKind(all, flagged, labels, 'fn')]).toEqual([2]);
    expect([...membersOfKind(all, flagged, labels, 'flagged')]).toEqual([0, 1, 5]);
    expect([...membersOfKind(Int32Array.of(5, 3, 1), flagged, labels, 'all')]).toEqual([5, 3, 1]);
    expect([...membersOfKind(all, flagged, null, 'flagged')]).toEqual([0, 1, 5]);
  });
});
