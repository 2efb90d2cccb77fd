#!/usr/bin/env node
// Print "N passed, N failed, N skipped" from vitest's JSON reporter output; exit 1 when tests failed
// or the report is missing (a CI gate fails closed).
// Usage: ci-summary.mjs REPORT [STEP …] — each STEP names a CI step before the tests that failed (e.g.
// typecheck); it is reported on its own line and counts as one failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-output/vitest.json';
const failedSteps = process.argv.slice(3);
for (const step of failedSteps) console.log(`${step} failed (see its output above)`);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`vitest wrote no readable JSON report at ${file}: ${err.message}`);
  console.log(`0 passed, ${1 + failedSteps.length} failed`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + countFilesFailedWithoutTests(report) + failedSteps.length;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

/**
 * Test files that failed without a failing test (an import error, a crash in beforeAll) count as one failure
 * each; files whose tests failed are already counted in numFailedTests. (numFailedTestSuites counts describe
 * blocks, so it cannot be used for this.)
 */
function countFilesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
