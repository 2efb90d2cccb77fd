/**
 * The pure gate checks slices like clusters: paired McNemar per slice and rate, BH across the slices of one
 * dimension, the clusters' rule; a regression in one slice fails the gate with the slice named; conversations
 * in no slice (placed ones without a known value) count in no slice check.
 */
import { describe, expect, it } from 'vitest';
import { computeGate } from '../../src/gate/compute-gate.js';
import { checkSlices } from '../../src/gate/slice-checks.js';
import { gateJunit, gateMarkdown, gateSummaryLines } from '../../src/gate/index.js';
import type { GateInput, GateSliceDimension } from '../../src/gate/types.js';
import { steady, syntheticInput } from './synthetic.js';

/** The synthetic clusters, read as the values of a `channel` field. */
function channelSlices(input: GateInput, names = ['api', 'mobile', 'web'], membership?: Int32Array): GateSliceDimension {
  return {
    id: 'S1',
    field: 'channel',
    cross_level: null,
    slices: names.map((name, i) => ({ id: `S1-00${i}`, name: `channel = ${name}`, suppressed: false })),
    membership: membership ?? Int32Array.from(input.levels[0].membership),
  };
}

describe('slice checks', () => {
  const jump = { fpr: { n: 200, wrong: 8, worse: 40, better: 2 }, fnr: { n: 40, wrong: 4, worse: 1, better: 1 } };

  it('fails a candidate that regresses in one slice, naming the slice in every output', () => {
    const base = syntheticInput([{ id: 'L0-000', ...jump }, steady('L0-001'), steady('L0-002')]);
    const gate = computeGate({ ...base, slices: { status: 'checked', dimensions: [channelSlices(base)] } });
    expect(gate.verdict).toBe('fail');
    expect(gate.schema).toBe('misfire.gate/v3');
    const checks = gate.slices.dimensions[0].checks;
    expect(checks.map((c) => [c.slice_id, c.metric, c.status])).toEqual([
      ['S1-000', 'fpr', 'fail'],
      ['S1-000', 'fnr', 'pass'],
      ['S1-001', 'fpr', 'pass'],
      ['S1-001', 'fnr', 'pass'],
      ['S1-002', 'fpr', 'pass'],
      ['S1-002', 'fnr', 'pass'],
    ]);
    expect(checks[0]).toMatchObject({ scope: 'slice', field: 'channel', slice_name: 'channel = api', support: 200, increase: 0.19 });
    expect(gate.counts.fail).toBe(gate.levels.flatMap((l) => l.checks).filter((c) => c.status === 'fail').length + 2);
    expect(gateSummaryLines(gate).join('\n')).toMatch(/S1-000 channel = api · FPR: FAIL/);
    expect(gateMarkdown(gate)).toMatch(/### Slices: 1 failing[^]*#### Failing slices[^]*\| S1-000 channel = api \| FPR \| 200 /);
    expect(gateJunit(gate)).toMatch(/<testsuite name="misfire gate: cand vs base \(slices by channel\)" tests="6" failures="1"[^]*<testcase name="S1-000 channel = api · FPR" classname="misfire.gate.slices.S1" time="0">\s*<failure/);
  });

  it('corrects across the slices of one dimension, not across dimensions', () => {
    const base = syntheticInput([{ id: 'L0-000', ...jump }, steady('L0-001'), steady('L0-002')]);
    const one = checkSlices({ ...base, slices: { status: 'checked', dimensions: [channelSlices(base)] } }, base.settings);
    const other: GateSliceDimension = { ...channelSlices(base, ['a', 'b', 'c']), id: 'S2', field: 'plan' };
    const two = checkSlices({ ...base, slices: { status: 'checked', dimensions: [channelSlices(base), other] } }, base.settings);
    expect(two.dimensions[0].checks.map((c) => c.q)).toEqual(one.dimensions[0].checks.map((c) => c.q));
    expect(two.note).toBe('2 slicing dimensions of the run (channel, plan), each slice checked like a cluster on FPR and FNR, Benjamini–Hochberg across the slices of a dimension');
  });

  it('leaves conversations in no slice out of every slice check', () => {
    const base = syntheticInput([{ id: 'L0-000', ...jump }, steady('L0-001')]);
    const membership = Int32Array.from(base.levels[0].membership, (m, i) => (i % 2 ? -1 : m));
    const result = checkSlices({ ...base, slices: { status: 'checked', dimensions: [channelSlices(base, ['api', 'web'], membership)] } }, base.settings);
    const support = result.dimensions[0].checks.filter((c) => c.metric === 'fpr').map((c) => c.support);
    expect(support).toEqual([100, 50]);
  });

  it('says when there is nothing to check', () => {
    const base = syntheticInput([steady('L0-000'), steady('L0-001')]);
    expect(computeGate(base).slices).toEqual({ status: 'not_recorded', note: 'the run has no slices.csv (written before misfire sliced by metadata, or counted in a streamed run: its slices are in metrics.json only): no slice checks', dimensions: [] });
    expect(computeGate({ ...base, slices: { status: 'checked', dimensions: [] } }).slices.status).toBe('none');
  });
});
