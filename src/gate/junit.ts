/**
 * The gate as JUnit XML for CI test viewers: one test suite for the overall rates, one per level (a test
 * case per cluster × metric), one for the pockets of the baseline's errors (a test case per pocket, the
 * suite's <system-out> saying what was checked or why nothing was) and one per slicing dimension (a test
 * case per slice × metric). A failing check is a <failure>;
 * `insufficient_data` is <skipped> (never a pass); a warning passes with the message in <system-out>.
 */
import { allChecks, checkMessage, checkTitle, sliceChecks, type AnyCheck } from './describe-check.js';
import type { GateResult } from './types.js';

/**
 * Escape text for XML attribute values and character data. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const attr = (name: string, value: string | number) => `${name}="${escapeXml(String(value))}"`;

function testcase(check: AnyCheck, gate: GateResult, suite: string): string {
  const open = `    <testcase ${attr('name', checkTitle(check))} ${attr('classname', `misfire.gate.${suite}`)} time="0"`;
  const message = checkMessage(check, gate);
  switch (check.status) {
    case 'fail':
      return `${open}>\n      <failure ${attr('message', message)} type="regression">${escapeXml(message)}</failure>\n    </testcase>`;
    case 'insufficient_data':
      return `${open}>\n      <skipped ${attr('message', message)}/>\n    </testcase>`;
    case 'warn':
      return `${open}>\n      <system-out>${escapeXml(message)}</system-out>\n    </testcase>`;
    default:
      return `${open}/>`;
  }
}

function suite(name: string, checks: readonly AnyCheck[], gate: GateResult, classSuffix: string, note: string | null = null): string {
  const failures = checks.filter((c) => c.status === 'fail').length;
  const skipped = checks.filter((c) => c.status === 'insufficient_data').length;
  const head = `  <testsuite ${attr('name', name)} ${attr('tests', checks.length)} ${attr('failures', failures)} errors="0" ${attr('skipped', skipped)} time="0">`;
  const out = note === null ? [] : [`    <system-out>${escapeXml(note)}</system-out>`];
  return [head, ...checks.map((c) => testcase(c, gate, classSuffix)), ...out, '  </testsuite>'].join('\n');
}

/**
 * Render the gate as a JUnit XML document (deterministic: no timestamps or host names).
 * @example
 * writeFileSync('gate.xml', gateJunit(gate));
 */
export function gateJunit(gate: GateResult): string {
  const title = `misfire gate: ${gate.candidate} vs ${gate.baseline}`;
  const suites = [
    suite(`${title} (overall)`, gate.overall, gate, 'overall'),
    ...gate.levels.map((l) => suite(`${title} (level ${l.level})`, l.checks, gate, `L${l.level}`)),
    suite(`${title} (pockets of ${gate.pockets.classifier}'s errors)`, gate.pockets.checks, gate, 'pockets', gate.pockets.note),
    ...gate.slices.dimensions.map((d) =>
      suite(`${title} (slices by ${d.field}${d.cross_level === null ? '' : ` × level-${d.cross_level} cluster`})`, d.checks, gate, `slices.${d.dimension_id}`),
    ),
  ];
  const checks: AnyCheck[] = [...allChecks(gate), ...gate.pockets.checks, ...sliceChecks(gate)];
  const failures = checks.filter((c) => c.status === 'fail').length;
  const skipped = checks.filter((c) => c.status === 'insufficient_data').length;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites ${attr('name', `misfire gate (${gate.verdict})`)} ${attr('tests', checks.length)} ${attr('failures', failures)} errors="0" ${attr('skipped', skipped)} time="0">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
