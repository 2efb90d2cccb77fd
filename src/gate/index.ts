/** The CI gate: pure computation (clusters, overall, pockets) and its text renderings (JUnit, Markdown). No I/O, no exit codes. */
export { computeGate, gateClusterName, GATE_SCHEMA, SUPPRESSED_NAME, UNNAMED_NAME } from './compute-gate.js';
export { pairedCounts, type GroupCounts, type PairedCounts } from './paired-counts.js';
export { pairedFields } from './paired-check.js';
export { checkPockets, gatePocketName, pocketsNote, SUPPRESSED_POCKET_NAME, UNNAMED_POCKET_NAME } from './pocket-checks.js';
export { checkStatus, formatP } from './rule.js';
export { parseGateConfig, resolveGateSettings, validateGateSettings } from './settings.js';
export { gateJunit, escapeXml } from './junit.js';
export { gateMarkdown, markdownCell } from './markdown.js';
export { allChecks, checkMessage, checkSubject, checkTitle, pocketsHeading, sliceChecks, type AnyCheck } from './describe-check.js';
export { checkSlices, slicesNote } from './slice-checks.js';
export * from './types.js';
export { gateLevels, type ClusterLike } from './levels.js';
export { gateSummaryLines } from './summary-text.js';
