/**
 * misfire as a library: run the pipeline, gate a candidate classifier, re-render a report, bless a
 * baseline, plan a labelling sample, read a run folder back (checked), and list the conversations of a cluster or pocket. Every function reports failures by throwing a
 * `MisfireError`; none sets an exit code.
 *
 * @example
 * import { runMisfire, gate } from 'misfire';
 * const { outDir, metrics } = await runMisfire({ conversations: 'convs.jsonl', verdicts: ['verdicts.csv'], labels: 'labels.csv', out: 'reports/v7' });
 * const result = await gate({ run: outDir, baseline: 'v6', candidate: 'v7' });
 * if (result.verdict === 'fail') console.log(result.levels);
 * await sampleRun({ run: outDir, budget: 500, classifier: 'v7', out: 'sample.csv' }); // which conversations to label
 */
export { runMisfire, type RunOptions, type RunOutcome } from './api/run.js';
export { DEFAULT_FIT_SAMPLE, runAtScale, type ScaledRunOptions, type ScaledRunOutcome } from './api/run-at-scale.js';
export { assignShard, type AssignOptions, type AssignOutcome } from './api/assign.js';
export { mergeCounts, type MergeOptions, type MergeOutcome } from './api/merge.js';
export { DEFAULT_SETTINGS, resolveSettings, type RunSettings } from './api/settings.js';
export type { AnalyzeResult } from './api/analyze.js';
export { gate, gateAgainstBaseline, gateRun, type GateBaselineOptions, type GateCommonOptions, type GateRunOptions } from './api/gate.js';
export { loadGateSettings } from './api/gate-config.js';
export { renderRunReport, renderRunReport as report, type ReportOptions, type ReportOutcome } from './api/report.js';
export { blessRun, type BlessOutcome } from './api/gate-bless.js';
export { showConversations, type ShowOptions } from './api/show.js';
export type { Listing, ShownConversation } from './drilldown/listing.js';
export type { MemberKind, Outcome } from './drilldown/members.js';
export type { PocketKind, ShowTarget } from './drilldown/target.js';
export { listingCsv, listingJsonl, MEMBER_CSV_COLUMNS } from './drilldown/member-records.js';
export { listingTable } from './drilldown/member-table.js';
export { sampleRun, DEFAULT_SAMPLE_FILE, type SampleOptions, type SampleOutcome } from './api/sample.js';
export { readSampleFile, SAMPLE_COLUMNS, type SampleRead, type SampleRow, type SampleStratum } from './artifacts/sample-file.js';
export type { MetricsDesignRecord, RunSampleRecord } from './artifacts/design-record.js';
export type { ClassifierDesignMetrics, DesignClusterRates, DesignRates } from './metrics/design-metrics.js';
export type { SamplePlan, StratumPlan } from './sampling/index.js';
export {
  DEFAULT_GATE_SETTINGS,
  type CheckStatus,
  type GateCheck,
  type GateLevelResult,
  type GateMetric,
  type GatePocketCheck,
  type GatePocketKind,
  type GatePocketsResult,
  type GatePocketsStatus,
  type GateResult,
  type GateSettings,
  type GateSliceCheck,
  type GateSliceDimensionResult,
  type GateSlicesResult,
  type GateSlicesStatus,
  type GateSource,
  type GateVerdict,
  type PairedCheck,
} from './gate/types.js';

export { isMisfireError, MisfireError, type ErrorLocation, type MisfireErrorCode } from './errors.js';

export { BASELINE_FILES, RUN_FILES } from './artifacts/run-files.js';
export { RUN_SCHEMA, type InputRecord, type RunRecord } from './artifacts/run-record.js';
export type { CountsRunRecord, ShardRecord } from './artifacts/counts-run-record.js';
export { COUNTS_SCHEMA, type CountFile } from './artifacts/counts-file.js';
export { parseCountFile } from './artifacts/read-counts.js';
export { METRICS_SCHEMA, type MetricsDocument, type MetricsSlicing } from './artifacts/metrics-document.js';
export type { ClusterRecord } from './artifacts/cluster-record.js';
export { BASELINE_SCHEMA, type BaselineManifest } from './artifacts/baseline-manifest.js';
export type { LeafCentroids, SavedEmbeddingModel } from './artifacts/model-files.js';
export {
  readRunAssignments,
  readRunCentroids,
  readRunFolder,
  readRunMetrics,
  type RunAssignments,
  type RunFolder,
} from './artifacts/read-run.js';
export { readRunPockets, type RecordedPocket, type RunPockets } from './artifacts/read-pockets.js';
export { readRunSlices, type RunSlices } from './artifacts/read-slices.js';
export type { SliceDimension, SliceDimensionRecord, SliceRecord, SliceSuppressionReason } from './slicing/dimensions.js';
export type { SliceMetrics } from './metrics/slices.js';
export type { ClassifierMetrics, ClusterMetrics, GroupMetrics, Interval, OverallMetrics } from './metrics/confusion.js';
export type { CategoryMetrics } from './metrics/categories.js';
export type { ProxyMetrics } from './metrics/proxy.js';
export type { ScoreMetrics } from './metrics/scores.js';
export type { ProgressReporter } from './types.js';
