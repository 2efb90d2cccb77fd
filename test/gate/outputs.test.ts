/** The gate's outputs: JUnit XML (valid, one test case per cluster × metric), Markdown and the HTML section. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { computeGate } from '../../src/gate/compute-gate.js';
import { escapeXml, gateJunit } from '../../src/gate/junit.js';
import { gateMarkdown, markdownCell } from '../../src/gate/markdown.js';
import { buildGateView } from '../../src/render/gate-view.js';
import { steady, syntheticInput } from './synthetic.js';

const NASTY = 'Scripts <b>&</b> "quotes" \'apos\' | pipes *stars* \u0001ctl';

const gate = computeGate(
  syntheticInput([
    steady('L0-000', { label: NASTY }),
    { ...steady('L0-001', { label: 'Pentest, pentest report and remediate' }), fpr: { n: 60, wrong: 3, worse: 20, better: 1 } },
    { id: 'L0-002', label: 'Tiny', fpr: { n: 8, wrong: 0, worse: 7 }, fnr: { n: 0, wrong: 0 } },
    steady('L0-003', { label: 'Quenbrook secrets', suppressed: true }),
  ]),
);

interface Testcase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '#text': string };
  skipped?: { '@_message': string };
}

function testcases(xml: string): Testcase[] {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
  // A suite without test cases (the pockets, when there are none) has no testcase list.
  return (parsed.testsuites.testsuite as { testcase?: Testcase[] }[]).flatMap((s) => s.testcase ?? []);
}

describe('JUnit XML', () => {
  const xml = gateJunit(gate);

  it('is valid XML with one test case per cluster × metric, plus the overall rates', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const cases = testcases(xml);
    // 4 leaves + 1 parent, 2 metrics each, + 2 overall (no pockets given).
    expect(cases).toHaveLength((4 + 1) * 2 + 2);
    expect(cases.map((c) => c['@_name'])).toContain('L0-001 Pentest, pentest report and remediate · FPR');
  });

  it('fails exactly the regressed cluster, with both rates, intervals, p and q in the message', () => {
    const failed = testcases(gateJunit(gate)).filter((c) => c.failure);
    // The leaf, its parent (which sums it) and the overall FPR; nothing else.
    expect(failed.map((c) => c['@_name'])).toEqual(['overall · FPR', 'L0-001 Pentest, pentest report and remediate · FPR', 'L1-000 parent L1-000 · FPR']);
    const message = failed[1].failure?.['@_message'] ?? '';
    expect(message).toMatch(/base 5\.0% \[[\d.]+%–[\d.]+%\] \(3\/60\) → cand 36\.7% \[[\d.]+%–[\d.]+%\] \(22\/60\)/);
    expect(message).toMatch(/p = [\d.e-]+, q = [\d.e-]+/);
  });

  it('marks thin clusters skipped (not passed) and keeps suppressed names out', () => {
    const cases = testcases(xml);
    const tiny = cases.find((c) => c['@_name'] === 'L0-002 Tiny · FPR');
    expect(tiny?.skipped?.['@_message']).toMatch(/INSUFFICIENT_DATA/);
    expect(cases.map((c) => c['@_name'])).toContain('L0-003 (suppressed cluster) · FNR');
    expect(xml).not.toMatch(/Quenbrook/);
  });

  it('escapes names: the XML survives markup, quotes and control characters, and round-trips the text', () => {
    const name = testcases(xml).find((c) => c['@_name'].startsWith('L0-000'))?.['@_name'];
    expect(name).toBe(`L0-000 ${NASTY.replace('\u0001', '\uFFFD')} · FPR`);
    expect(escapeXml('a<b>&"\'\n')).toBe('a&lt;b&gt;&amp;&quot;&apos;&#10;');
    expect(xml).not.toMatch(/<b>/);
  });
});

describe('Markdown', () => {
  const md = gateMarkdown(gate);

  it('leads with the verdict and lists the failing cluster', () => {
    expect(md.split('\n')[0]).toBe('## misfire gate: FAIL — regression');
    const failing = md.slice(md.indexOf('#### Failing'), md.indexOf('#### Warnings') > 0 ? md.indexOf('#### Warnings') : undefined);
    expect(failing).toMatch(/\| L0-001 Pentest, pentest report and remediate \| FPR \| 60 \| 5\.0% /);
  });

  it('cannot inject markup or break tables, and hides suppressed names', () => {
    expect(md).not.toMatch(/<b>/);
    expect(markdownCell('a|b <i>*x*')).toBe('a\\|b &lt;i&gt;\\*x\\*');
    expect(md).not.toMatch(/Quenbrook/);
  });
});

describe('HTML gate section (templates/partials/gate.hbs)', () => {
  const partial = readFileSync(new URL('../../templates/partials/gate.hbs', import.meta.url), 'utf8');
  const render = Handlebars.create().compile(partial, { strict: true });
  const html = render(buildGateView(gate));
  const nastyFails = computeGate(syntheticInput([{ ...steady('L0-000', { label: NASTY }), fpr: { n: 60, wrong: 3, worse: 20, better: 1 } }, steady('L0-001')]));

  it('renders in strict mode with the verdict and the failing cluster linked to its detail', () => {
    expect(html).toMatch(/Fail: the candidate regressed/);
    expect(html).toMatch(/<a href="#cluster-L0-001"><strong>Pentest, pentest report and remediate<\/strong><\/a>/);
    expect(html).toMatch(/<tr class="gate-fail">/);
    // The leaf and its parent fail; the failing overall FPR is not counted among the clusters.
    expect(html).toMatch(/Clusters: 2 failing, 0 warning, 6 passing, 2 with insufficient data/);
  });

  it('escapes every name and never shows a suppressed one', () => {
    const nasty = render(buildGateView(nastyFails));
    expect(nasty).not.toMatch(/<b>&<\/b>/);
    expect(nasty).toMatch(/Scripts &lt;b&gt;&amp;&lt;\/b&gt;/);
    expect(html).not.toMatch(/Quenbrook/);
  });
});
