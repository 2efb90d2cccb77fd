/**
 * `runMisfire` with provider 'anthropic', end to end against the fake Messages API on 127.0.0.1, on a
 * generated data set of 200 conversations: run.json records models, prompt versions, call counts and the
 * exact token totals the server billed; the API key is in no file of the out dir or the cache dir; a rerun
 * makes zero API calls and reproduces the clusters; progress carries done/cached/failed/tokens; a refusal
 * does not stop the run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMisfire, type RunOutcome, type RunOptions } from '../../src/api/run.js';
import { generateDataset } from '../../src/demo/index.js';
import { PROMPT_VERSIONS } from '../../src/providers/anthropic/index.js';
import { toolInputFor, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import type { FakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { recordingSleep, TEST_KEY, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { type ProgressLog, recordingProgress } from '../helpers/provider-context.js';
import { listFiles } from '../helpers/files.js';
import { startRefusalProxy } from './refusal-proxy.js';

const N = 200;

interface Billed {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What the fake server billed for its recorded Messages calls (same formulas as the fake). */
function billed(server: FakeAnthropicServer): Billed {
  const seen = new Set<string>();
  const total: Billed = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  for (const call of server.messageCalls()) {
    const body = call.body as MessagesBody;
    const system = Array.isArray(body.system) ? body.system.map((b) => b.text).join('') : (body.system ?? '');
    total.inputTokens += Math.ceil(JSON.stringify(body.messages).length / 4);
    total.outputTokens += Math.ceil(JSON.stringify(toolInputFor(body.tool_choice?.name ?? '', body)).length / 4);
    if (seen.has(system)) total.cacheReadTokens += Math.ceil(system.length / 4);
    else total.cacheWriteTokens += Math.ceil(system.length / 4);
    seen.add(system);
  }
  return total;
}

describe('runMisfire with --provider anthropic (fake API on 127.0.0.1)', () => {
  const fake = useFakeAnthropic({ per: 'file' });
  let root: string;
  let data: { conversations: string; verdicts: string; labels: string };
  let cacheDir: string;
  let first: RunOutcome;
  let firstCalls: number;
  let firstBilled: Billed;
  let second: RunOutcome;
  let progress: ProgressLog;

  const options = (out: string, url: string, extra: Partial<RunOptions> = {}): RunOptions => ({
    conversations: data.conversations,
    verdicts: [data.verdicts],
    labels: data.labels,
    out,
    cacheDir,
    settings: { provider: 'anthropic', seed: 3 },
    anthropic: { apiKey: TEST_KEY, baseURL: url, sleep: recordingSleep().sleep, timeoutMs: 10_000 },
    now: new Date('2025-01-01T00:00:00Z'),
    ...extra,
  });

  beforeAll(async () => {
    root = fake.dir;
    const summary = await generateDataset({ n: N, seed: 5, outDir: join(root, 'data') });
    data = summary.files;
    cacheDir = join(root, 'cache');
    progress = recordingProgress();
    first = await runMisfire(options(join(root, 'out-1'), fake.url, { progress }));
    firstCalls = fake.server.messageCalls().length;
    firstBilled = billed(fake.server);
    second = await runMisfire(options(join(root, 'out-2'), fake.url));
  });

  it('run.json records the provider, its models, prompt versions, call counts and the billed token totals', async () => {
    const run = JSON.parse(await readFile(join(root, 'out-1', 'run.json'), 'utf8')) as RunOutcome['run'];
    expect(run.provider.name).toBe('anthropic');
    const usage = run.provider.usage;
    expect(usage.models).toEqual({ facets: 'claude-haiku-4-5', naming: 'claude-sonnet-4-6', privacy: 'claude-sonnet-4-6' });
    expect(usage.promptVersions).toEqual({ ...PROMPT_VERSIONS });
    // One facet call per distinct conversation, then one naming and one audit call per named cluster.
    const rows = (await readFile(data.conversations, 'utf8')).trim().split('\n');
    const distinct = new Set(rows.map((line) => JSON.stringify((JSON.parse(line) as { messages: unknown }).messages))).size;
    const named = first.result.clusters.filter((c) => !c.suppressed || c.suppression_reason === 'privacy_audit').length;
    const toolCalls = (tool: string) => fake.server.messageCalls().filter((c) => (c.body as MessagesBody).tool_choice?.name === tool).length;
    expect(named).toBeGreaterThan(0);
    expect(toolCalls('record_facets')).toBe(distinct);
    expect(toolCalls('name_cluster')).toBe(named);
    expect(toolCalls('rate_privacy')).toBe(named);
    expect(firstCalls).toBe(distinct + 2 * named);
    expect(usage).toMatchObject({ calls: firstCalls, cachedCalls: 0, failedCalls: 0, retries: 0, refusals: 0, ...firstBilled });
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it('the API key appears in no file of the out dir or the cache dir', async () => {
    const files = [...listFiles(join(root, 'out-1')), ...listFiles(join(root, 'out-2')), ...listFiles(cacheDir)];
    expect(files.length).toBeGreaterThan(N); // the cache holds one file per result
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(TEST_KEY), file).toBe(false);
      expect(bytes.includes('SECRET'), file).toBe(false);
    }
  });

  it('a rerun on the same cache makes zero API calls and reproduces facets and clusters', async () => {
    expect(fake.server.messageCalls()).toHaveLength(firstCalls);
    expect(second.run.provider.usage).toMatchObject({ calls: 0, retries: 0, inputTokens: 0, outputTokens: 0 });
    expect(second.run.provider.usage.cachedCalls).toBeGreaterThanOrEqual(N);
    expect(second.result.facets).toEqual(first.result.facets);
    for (const name of ['clusters.json', 'assignments.csv', 'metrics.json']) {
      expect(await readFile(join(root, 'out-2', name), 'utf8'), name).toBe(await readFile(join(root, 'out-1', name), 'utf8'));
    }
  });

  it('reports progress with done / cached / failed / tokens', () => {
    const facetStart = progress.events.findIndex((e) => e.kind === 'start' && e.stage === 'facets');
    expect(progress.events[facetStart]).toEqual({ kind: 'start', stage: 'facets', total: N });
    const updates = progress.events.slice(facetStart).filter((e) => e.kind === 'update');
    const last = updates.find((e) => e.done === N);
    expect(last?.extra).toMatchObject({ done: N, cached: 0, failed: 0 });
    expect(last?.extra?.tokens).toBeGreaterThan(0);
    expect(progress.events.some((e) => e.kind === 'start' && e.stage?.startsWith('naming'))).toBe(true);
    expect(progress.events.some((e) => e.kind === 'start' && e.stage === 'privacy audit')).toBe(true);
  });

  it('a run over content the model refuses to summarise completes and counts the refusals in run.json', async () => {
    // Refuse every facet request of five conversations, picked by an opening message that no other has.
    const openings = (await readFile(data.conversations, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { messages: { content: string }[] }).messages[0].content);
    const unique = openings.filter((t) => !/[&<>"'\\]/.test(t) && openings.filter((o) => o.includes(t)).length === 1);
    const fragments = unique.filter((_, i) => i % Math.floor(unique.length / 5) === 0).slice(0, 5);
    expect(fragments).toHaveLength(5);
    const refuse = (body: string) => body.includes('record_facets"}') && fragments.some((f) => body.includes(`<user>${f}</user>`));
    const proxy = await startRefusalProxy(fake.url, refuse);
    try {
      const out = join(root, 'out-refusal');
      const outcome = await runMisfire(
        options(out, proxy.url, { cacheDir: join(root, 'cache-refusal'), anthropic: { ...options(out, proxy.url).anthropic, maxRetries: 1 } }),
      );
      const usage = outcome.run.provider.usage;
      expect(usage.refusals).toBe(fragments.length);
      expect(usage.refusals).toBe(outcome.result.facets.filter((f) => f.summary.startsWith('(the model declined')).length);
      expect(proxy.refused()).toBe(usage.refusals * 2);
      expect(usage.failedCalls).toBe(0);
      const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunOutcome['run'];
      expect(run.provider.usage.refusals).toBe(usage.refusals);
    } finally {
      await proxy.close();
    }
  });
});
