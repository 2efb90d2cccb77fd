/** Section 1 (run summary) and section 7 (methods) of the report, from run.json and metrics.json. */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { RunRecord } from '../artifacts/run-record.js';
import { namesClustersFromTerms } from '../providers/names.js';
import { smallestSearchP } from './error-pocket-view.js';
import { METHODS_SECTIONS } from './methods.js';
import { facetsFallbackText } from './facets-fallback-text.js';
import { flagRatesOnly, sampleCommand } from './flag-rate-pockets.js';
import { sampleText } from './sample-text.js';
import { count, fileSize } from './format.js';
import type { MethodsView, RunSummaryView } from './view-types.js';

/** How the report names the run folder in commands (the report may be read from anywhere). */
const RUN_FOLDER = 'DIR';

export function runSummary(run: RunRecord, metrics: MetricsDocument, clusters: readonly ClusterRecord[]): RunSummaryView {
  const inputs = [
    { role: 'conversations', record: run.inputs.conversations },
    ...run.inputs.verdicts.map((record) => ({ role: 'verdicts', record })),
    ...(run.inputs.labels ? [{ role: 'labels', record: run.inputs.labels }] : []),
    ...(run.inputs.embeddings ? [{ role: 'embeddings', record: run.inputs.embeddings }] : []),
    ...(run.inputs.sample ? [{ role: 'sample', record: run.inputs.sample }] : []),
  ].map(({ role, record }) => ({ role, file: record.file, sha256: record.sha256 ?? '—', bytes: fileSize(record.bytes) }));
  const r = run.rows;
  const m = run.missing;
  const rows = [
    { label: 'Verdict rows read', value: count(r.verdict_rows_read) },
    { label: 'Verdict rows with neither score nor flag (rejected)', value: count(r.verdict_rows_without_verdict) },
    { label: 'Label rows read', value: count(r.label_rows_read) },
    { label: 'Label rows with an empty label (unknown)', value: count(r.labels_unknown) },
    { label: 'Verdict rows naming an unknown conversation', value: count(m.unknown_verdict_ids) },
    { label: 'Label rows naming an unknown conversation', value: count(m.unknown_label_ids) },
    { label: 'Conversations without a usable label', value: count(m.unlabelled_conversations) },
    ...Object.entries(m.conversations_without_verdict).map(([name, missing]) => ({ label: `Conversations without a verdict from ${name}`, value: count(missing) })),
  ];
  const s = run.settings;
  const thresholds = Object.entries(s.thresholds).map(([name, t]) => `${name} ≥ ${t}`);
  const facetsFallback = facetsFallbackText(run);
  const proxyMode = metrics.mode === 'proxy' || !metrics.labels_present;
  const sampleNote = sampleText(run);
  return {
    conversations: count(r.conversations),
    users: count(r.users),
    classifiers: r.classifiers,
    labelsPresent: metrics.labels_present,
    proxyMode,
    proxyNote: metrics.note ?? null,
    ...(proxyMode ? { proxyNotice: { flagRatesOnly: metrics.classifiers.some((c) => flagRatesOnly(c.proxy)), sampleCommand: sampleCommand(RUN_FOLDER) } } : {}),
    provider: run.provider.name,
    inputs,
    rows,
    missing: m.details,
    ...(facetsFallback === null ? {} : { facetsFallback }),
    ...(sampleNote === null ? {} : { sampleNote }),
    warnings: shortList(run.warnings.map((w) => w.message)),
    privacy: {
      minUsers: s.minUsers,
      minConversations: s.minConversations,
      suppressed: clusters.filter((c) => c.suppressed).length,
      levels: run.clusters.levels,
    },
    settings: [
      { label: 'Seed', value: String(run.seed) },
      { label: 'Provider', value: run.provider.name },
      { label: 'Leaf clusters (k)', value: s.k === null ? 'default (2·∛n)' : String(s.k) },
      { label: 'Levels', value: String(s.levels) },
      { label: 'Threshold', value: [s.threshold === null ? 'from the verdict files' : `score ≥ ${s.threshold}`, ...thresholds].join('; ') },
      { label: 'Pocket rule', value: `q < ${s.alpha}, rate ≥ overall + ${s.minEffect}, support ≥ ${s.minSupport}` },
      { label: 'Pockets by meaning', value: s.permutations > 0 ? `permutation test of the whole search, ${s.permutations} shuffles, p < ${s.alpha}` : 'not searched (--permutations 0)' },
    ],
  };
}

/** Warnings shown in the summary; the rest are counted (run.json keeps them all). */
const SHOWN_WARNINGS = 10;

function shortList(messages: readonly string[]): string[] {
  if (messages.length <= SHOWN_WARNINGS) return [...messages];
  return [...messages.slice(0, SHOWN_WARNINGS), `…and ${messages.length - SHOWN_WARNINGS} more in run.json`];
}

export function methodsView(run: RunRecord, metrics: MetricsDocument, clusters: readonly ClusterRecord[]): MethodsView {
  const s = run.settings;
  return {
    alpha: String(s.alpha),
    minEffect: `${Math.round(s.minEffect * 1000) / 10} percentage points`,
    minSupport: s.minSupport,
    minUsers: s.minUsers,
    minConversations: s.minConversations,
    levels: run.clusters.levels.length,
    leafClusters: clusters.filter((c) => c.level === 0).length,
    provider: run.provider.name,
    naming: namesClustersFromTerms(run.provider.name)
      ? `A cluster's name and description come from the words that set it apart from the other clusters, counting a word only if at least ${s.minUsers} distinct users used it.`
      : `A cluster's name and description are written by the model (${run.provider.name}) from the summaries of at least ${s.minUsers} distinct users, and checked by a privacy audit.`,
    examplesPerCluster: s.examplesPerCluster,
    labelled: metrics.labels_present,
    permutations: s.permutations,
    smallestP: smallestSearchP(s.permutations),
    definitions: METHODS_SECTIONS,
  };
}
