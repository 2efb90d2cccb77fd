/**
 * Dry-run cost estimate of the Claude provider, from config/pricing.json and a chars/4 token approximation.
 * It counts the facet calls exactly (one per conversation, minus those already in the cache when a
 * `cacheDir` is given) and, when `clusters` is given, one naming and one privacy-audit call per base
 * cluster. Prompt caching is ignored, so the estimate errs high.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Anthropic from '@anthropic-ai/sdk';
import { configError } from '../../errors.js';
import type { Conversation } from '../../types.js';
import { cacheKey, ResultCache } from './cache.js';
import { buildFacetRequest } from './facets.js';
import { MAX_CONTRAST, MAX_IN_CLUSTER } from './naming.js';
import { DEFAULTS } from './options.js';
import { NAMING_SYSTEM, NAMING_TOOL, PRIVACY_SYSTEM, PRIVACY_TOOL, PROMPT_VERSIONS } from './prompts.js';

export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface PricingTable {
  batchDiscount: number;
  models: Record<string, ModelPrice>;
}

export interface CostEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  usdBatch: number;
  /** Facet calls skipped because their result is already cached (only with `cacheDir`). */
  cachedCalls: number;
}

export interface EstimateCostOptions {
  model?: string;
  namingModel?: string;
  /** Expected number of base clusters (adds naming + audit calls). */
  clusters?: number;
  /** Skip conversations whose facets are already cached here. */
  cacheDir?: string;
  /** Price table (default: config/pricing.json). */
  pricing?: PricingTable;
}

/** Assumed output tokens per call (tool input JSON). */
export const OUTPUT_TOKENS = { facets: 150, naming: 120, privacy: 15 } as const;
/** Assumed tokens per summary shown to the namer. */
const TOKENS_PER_SUMMARY = 30;

/** Tokens ≈ characters / 4. */
export function approxTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function requestChars(params: Anthropic.MessageCreateParamsNonStreaming): number {
  const system = Array.isArray(params.system) ? params.system.map((b) => b.text).join('') : (params.system ?? '');
  const messages = params.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
  return system.length + JSON.stringify(params.tools ?? []).length + messages.join('').length;
}

/** Find config/pricing.json above this module (works from src/ and from dist/). */
export function defaultPricingPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'config', 'pricing.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw configError('config/pricing.json not found');
}

/** Read and shape-check a price table (default: config/pricing.json). */
export function loadPricing(path = defaultPricingPath()): PricingTable {
  const table = JSON.parse(readFileSync(path, 'utf8')) as PricingTable;
  if (typeof table.batchDiscount !== 'number' || typeof table.models !== 'object' || table.models === null) {
    throw configError(`${path}: expected { batchDiscount, models }`);
  }
  return table;
}

function priceOf(table: PricingTable, model: string): ModelPrice {
  const price = new Map(Object.entries(table.models)).get(model);
  if (!price) {
    throw configError(`no price for model "${model}" in config/pricing.json (known: ${Object.keys(table.models).join(', ')})`);
  }
  return price;
}

/**
 * Estimate calls, tokens and dollars of a run before making it.
 * @example estimateCost(conversations, { clusters: 40 }) // { calls, inputTokens, outputTokens, usd, usdBatch, cachedCalls }
 */
export function estimateCost(conversations: readonly Conversation[], options: EstimateCostOptions = {}): CostEstimate {
  const table = options.pricing ?? loadPricing();
  const model = options.model ?? DEFAULTS.model;
  const namingModel = options.namingModel ?? DEFAULTS.namingModel;
  const facetPrice = priceOf(table, model);
  const cache = options.cacheDir ? new ResultCache(options.cacheDir) : undefined;

  let calls = 0;
  let cachedCalls = 0;
  let facetIn = 0;
  for (const conversation of conversations) {
    const params = buildFacetRequest(conversation, model);
    if (cache?.has(cacheKey(model, PROMPT_VERSIONS.facets, params))) {
      cachedCalls++;
      continue;
    }
    calls++;
    facetIn += approxTokens(requestChars(params));
  }
  const facetOut = calls * OUTPUT_TOKENS.facets;
  let usd = (facetIn * facetPrice.input + facetOut * facetPrice.output) / 1e6;
  let inputTokens = facetIn;
  let outputTokens = facetOut;

  const clusters = Math.max(0, Math.floor(options.clusters ?? 0));
  if (clusters > 0) {
    const namingPrice = priceOf(table, namingModel);
    const namingIn =
      approxTokens(NAMING_SYSTEM.length + JSON.stringify(NAMING_TOOL).length) +
      (MAX_IN_CLUSTER + MAX_CONTRAST) * TOKENS_PER_SUMMARY;
    const privacyIn = approxTokens(PRIVACY_SYSTEM.length + JSON.stringify(PRIVACY_TOOL).length) + 60;
    const extraIn = clusters * (namingIn + privacyIn);
    const extraOut = clusters * (OUTPUT_TOKENS.naming + OUTPUT_TOKENS.privacy);
    calls += 2 * clusters;
    inputTokens += extraIn;
    outputTokens += extraOut;
    usd += (extraIn * namingPrice.input + extraOut * namingPrice.output) / 1e6;
  }
  return { calls, inputTokens, outputTokens, usd, usdBatch: usd * table.batchDiscount, cachedCalls };
}
