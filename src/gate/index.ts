/** The CI gate: pure computation and its text renderings (JUnit, Markdown). No I/O, no exit codes. */
export { computeGate, gateClusterName, GATE_SCHEMA, SUPPRESSED_NAME, UNNAMED_NAME } from './compute-gate.js';
export { pairedCounts, type GroupCounts, type PairedCounts } from './paired-counts.js';
export { checkStatus, formatP } from './rule.js';
export { parseGateConfig, resolveGateSettings, validateGateSettings } from './settings.js';
export { gateJunit, escapeXml } from './junit.js';
export { gateMarkdown, markdownCell } from './markdown.js';
export { allChecks, checkMessage, checkTitle } from './describe-check.js';
export * from './types.js';
export { gateLevels, type ClusterLike } from './levels.js';
export { gateSummaryLines } from './summary-text.js';
