/**
 * `misfire run --provider anthropic --dry-run`: what a run would send to Claude and what it would cost,
 * before spending anything. Counts one facet call per conversation not yet in the cache, and one naming
 * plus one privacy-audit call per cluster at every level of the hierarchy (an upper bound: clusters hidden
 * by the privacy thresholds are not named). Reads the cache dir, never writes, never calls the API.
 */
import { defaultLeafK } from '../../clustering/cluster-points.js';
import { levelSizes } from '../../clustering/hierarchy.js';
import type { Conversation } from '../../types.js';
import { DEFAULTS } from './options.js';
import { estimateCost, type CostEstimate, type PricingTable } from './pricing.js';

export interface DryRunOptions {
  model?: string;
  namingModel?: string;
  /** Leaf clusters (default: the run's rule, see defaultLeafK). */
  k?: number | null;
  /** The support a pocket needs (caps the default leaf count on small data; default 20). */
  minSupport?: number;
  /** Levels of the hierarchy (default 2). */
  levels?: number;
  cacheDir?: string;
  pricing?: PricingTable;
}

export interface DryRunEstimate extends CostEstimate {
  conversations: number;
  /** Clusters over every level (each gets a naming and an audit call). */
  clusters: number;
  /** Facet calls still to make. */
  facetCalls: number;
  model: string;
  namingModel: string;
}

/** Clusters a run would name: the leaf count and every parent level above it. */
export function expectedClusters(n: number, k: number | null | undefined, levels: number, minSupport = 20): number {
  if (n === 0) return 0;
  const leafK = Math.min(k ?? defaultLeafK(n, minSupport), Math.max(n, 1));
  return levelSizes(leafK, levels).reduce((sum, size) => sum + size, 0);
}

/**
 * Estimate a Claude run on these conversations.
 * @example estimateRun(conversations, { cacheDir: '.misfire-cache' }) // { conversations, cachedCalls, calls, usd, usdBatch, ... }
 */
export function estimateRun(conversations: readonly Conversation[], options: DryRunOptions = {}): DryRunEstimate {
  const model = options.model ?? DEFAULTS.model;
  const namingModel = options.namingModel ?? DEFAULTS.namingModel;
  const clusters = expectedClusters(conversations.length, options.k, options.levels ?? 2, options.minSupport);
  const estimate = estimateCost(conversations, { model, namingModel, clusters, cacheDir: options.cacheDir, pricing: options.pricing });
  return {
    ...estimate,
    conversations: conversations.length,
    clusters,
    facetCalls: conversations.length - estimate.cachedCalls,
    model,
    namingModel,
  };
}

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Dollars with enough digits to tell small runs apart: $0.0042, $1.37, $1,234.50. */
export function formatUsd(usd: number): string {
  const digits = usd > 0 && usd < 1 ? 4 : 2;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** The dry-run table printed on stdout. */
export function formatDryRun(e: DryRunEstimate): string {
  const rows: [string, string, string][] = [
    ['conversations', integer(e.conversations), ''],
    ['cached', integer(e.cachedCalls), `facet results already in the cache (no call)`],
    [
      'calls',
      integer(e.calls),
      `${integer(e.facetCalls)} facets (${e.model}) + ${integer(e.clusters)} clusters × name and privacy audit (${e.namingModel})`,
    ],
    ['input tokens', integer(e.inputTokens), '≈ characters / 4'],
    ['output tokens', integer(e.outputTokens), ''],
    ['estimated USD', formatUsd(e.usd), 'standard'],
    ['', formatUsd(e.usdBatch), 'with --batch'],
  ];
  const left = Math.max(...rows.map((r) => r[0].length));
  const mid = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([label, value, note]) => `  ${label.padEnd(left)}  ${value.padStart(mid)}${note ? `  ${note}` : ''}`);
  return [
    'misfire dry run (--provider anthropic): no API call made, nothing written',
    ...lines,
    'Prompt caching is ignored and every cluster is counted, so the estimate errs high. Prices: config/pricing.json.',
    '',
  ].join('\n');
}
