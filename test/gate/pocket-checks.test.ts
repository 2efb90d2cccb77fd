/**
 * Pockets of the baseline's errors as gate slices: a regression concentrated in a pocket whose members are
 * spread over clusters fails the gate although no cluster and no overall rate does, and every output names
 * the pocket under its own heading; the pockets have their own BH family; no pockets is said, not hidden.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { computeGate } from '../../src/gate/compute-gate.js';
import { gateJunit } from '../../src/gate/junit.js';
import { gateMarkdown } from '../../src/gate/markdown.js';
import { SUPPRESSED_POCKET_NAME } from '../../src/gate/pocket-checks.js';
import { gateSummaryLines } from '../../src/gate/summary-text.js';
import type { GateInput, GatePocket } from '../../src/gate/types.js';
import { buildGateView } from '../../src/render/gate-view.js';
import { benjaminiHochberg } from '../../src/stats/index.js';
import { syntheticInput } from './synthetic.js';

/**
 * Four clusters whose FPR does not move (4 conversations worse, 4 better in each), and the baseline's
 * false-positive pocket: in each cluster the 4 that got worse, the 6 both versions get wrong and 5 both get
 * right. The candidate is 16 conversations worse on the pocket and better on none.
 */
function spreadRegression(): { input: GateInput; pocket: Int32Array } {
  const specs = ['L0-000', 'L0-001', 'L0-002', 'L0-003'].map((id) => ({
    id,
    fpr: { n: 100, wrong: 10, worse: 4, better: 4 },
    fnr: { n: 40, wrong: 10, worse: 0, better: 5 },
  }));
  const input = syntheticInput(specs);
  const members: number[] = [];
  const rightTaken = new Map<number, number>();
  const leafOf = input.levels[0].membership;
  for (let i = 0; i < input.labels.length; i++) {
    if (input.labels[i] !== 0) continue;
    const b = input.baselineFlags[i];
    const c = input.candidateFlags[i];
    const right = b === 0 && c === 0;
    const taken = rightTaken.get(leafOf[i]) ?? 0;
    if (c === 1 || (right && taken < 5)) members.push(i);
    if (right) rightTaken.set(leafOf[i], taken + 1);
  }
  return { input, pocket: Int32Array.from(members) };
}

function harmfulMembers(input: GateInput, count: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < input.labels.length && out.length < count; i++) if (input.labels[i] === 1 && input.baselineFlags[i] === 0) out.push(i);
  return Int32Array.from(out);
}

function withPockets(): GateInput {
  const { input, pocket } = spreadRegression();
  const pockets: GatePocket[] = [
    { id: 'FP-1', kind: 'false_positive', label: 'Pentest homework, spread thin', suppressed: false, members: pocket },
    { id: 'FP-2', kind: 'false_positive', label: 'Quenbrook secrets', suppressed: true, members: pocket.subarray(0, 30) },
    { id: 'FN-1', kind: 'false_negative', label: 'Roleplay jailbreaks', suppressed: false, members: harmfulMembers(input, 40) },
  ];
  return { ...input, pockets: { status: 'checked', pockets } };
}

describe('pocket checks', () => {
  it('fail the gate on a regression inside a pocket that no cluster and no overall rate shows', () => {
    const gate = computeGate(withPockets());
    expect(gate.verdict).toBe('fail');
    expect([...gate.overall, ...gate.levels.flatMap((l) => l.checks)].filter((c) => c.status === 'fail')).toEqual([]);
    const [fp1, , fn1] = gate.pockets.checks;
    expect(fp1).toMatchObject({ scope: 'pocket', pocket_id: 'FP-1', pocket_name: 'Pentest homework, spread thin', metric: 'fpr', status: 'fail', members: 60, support: 60, worse: 16, better: 0 });
    expect(fp1.baseline.rate).toBeCloseTo(24 / 60, 12);
    expect(fp1.candidate.rate).toBeCloseTo(40 / 60, 12);
    // An FN pocket is judged on its FNR only; here the candidate fixed part of it.
    expect(fn1).toMatchObject({ pocket_id: 'FN-1', metric: 'fnr', status: 'pass', support: 40 });
    expect(fn1.increase).toBeLessThan(0);
    expect(gate.counts.fail).toBe(2);
  });

  it('adjusts p across the pockets (their own family) and never shows a suppressed pocket\'s name', () => {
    const gate = computeGate(withPockets());
    const checks = gate.pockets.checks;
    expect(checks.map((c) => c.q)).toEqual(benjaminiHochberg(checks.map((c) => c.p)));
    expect(checks[1].pocket_name).toBe(SUPPRESSED_POCKET_NAME);
    const outputs = [gateMarkdown(gate), gateJunit(gate), gateSummaryLines(gate).join('\n'), JSON.stringify(buildGateView(gate))];
    for (const text of outputs) expect(text).not.toMatch(/Quenbrook/);
  });

  it('leaves members labelled otherwise (new labels) out of the rate, and says how many members there are', () => {
    const input = withPockets();
    const labels = Int8Array.from(input.labels);
    const fp1 = input.pockets?.pockets[0].members as Int32Array;
    labels[fp1[0]] = 1;
    labels[fp1[1]] = -1;
    const gate = computeGate({ ...input, labels });
    expect(gate.pockets.checks[0]).toMatchObject({ members: 60, support: 58 });
  });

  it('lists the pockets under their own heading in Markdown, JUnit, the console and the HTML view', () => {
    const gate = computeGate(withPockets());
    const md = gateMarkdown(gate);
    const section = md.slice(md.indexOf("### Pockets of base's errors"));
    expect(section).toMatch(/^### Pockets of base's errors: 2 failing, 0 warning, 1 passing, 0 with insufficient data/);
    expect(section).toMatch(/\| FP-1 Pentest homework, spread thin \| FPR \| 60 \| 40\.0% /);
    expect(section).toMatch(/\| FN-1 Roleplay jailbreaks \| FNR \| 40 \|/);
    const xml = gateJunit(gate);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml).testsuites.testsuite as {
      '@_name': string;
      testcase?: { '@_name': string; '@_classname': string; failure?: unknown }[];
    }[];
    const pocketSuite = suites[suites.length - 1];
    expect(pocketSuite['@_name']).toBe("misfire gate: cand vs base (pockets of base's errors)");
    expect(pocketSuite.testcase?.filter((c) => c.failure).map((c) => c['@_name'])).toEqual(['FP-1 Pentest homework, spread thin · FPR', `FP-2 ${SUPPRESSED_POCKET_NAME} · FPR`]);
    expect(gateSummaryLines(gate).join('\n')).toMatch(/Pockets of base's errors: 3 pockets found[^]*\n {4}FP-1 Pentest homework, spread thin · FPR: FAIL: FPR base 40\.0%/);
    const view = buildGateView(gate);
    expect(view.pockets.heading).toBe("Pockets of base's errors");
    expect(view.pockets.rows.map((r) => [r.pocketId, r.name, r.status])).toEqual([
      ['FP-1', 'Pentest homework, spread thin', 'fail'],
      ['FP-2', SUPPRESSED_POCKET_NAME, 'fail'],
      ['FN-1', 'Roleplay jailbreaks', 'pass'],
    ]);
  });

  it('say why there are no pocket checks, in every output', () => {
    const { input } = spreadRegression();
    const cases = [
      [undefined, 'not_recorded', /has no pockets\.csv/],
      [{ status: 'checked' as const, pockets: [] }, 'none_found', /searched the errors of base and found no pockets/],
      [{ status: 'not_searched' as const, pockets: [] }, 'not_searched', /did not search the errors of base/],
    ] as const;
    for (const [pockets, status, note] of cases) {
      const gate = computeGate({ ...input, pockets });
      expect(gate.verdict).toBe('pass');
      expect(gate.pockets).toMatchObject({ classifier: 'base', status, checks: [] });
      expect(gate.pockets.note).toMatch(note);
      const md = gateMarkdown(gate);
      expect(md.slice(md.indexOf("### Pockets of base's errors\n\n"))).toMatch(note);
      expect(gateJunit(gate)).toMatch(new RegExp(`tests="0"[^>]*>\\n\\s*<system-out>[^<]*${note.source}`));
      expect(gateSummaryLines(gate).join('\n')).toMatch(note);
      expect(buildGateView(gate).pockets.note).toMatch(note);
    }
  });
});
