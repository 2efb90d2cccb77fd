/**
 * What a provider name recorded in run.json implies (src/providers/names.ts, placement.ts): the only place
 * that compares provider names, for code that reads a saved run (the report, the gate's placement).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeConversations } from '../../src/api/gate-placement.js';
import { loadStoredRun, type StoredRun } from '../../src/api/gate-run-files.js';
import { runMisfire } from '../../src/api/run.js';
import { DEFAULT_SETTINGS } from '../../src/api/settings.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { DEFAULT_PROVIDER, namesClustersFromTerms, PROVIDER_NAMES } from '../../src/providers/names.js';
import { extractOfflineFacets } from '../../src/providers/offline/facets.js';
import { placementSummarizer } from '../../src/providers/placement.js';
import type { Conversation } from '../../src/types.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';

describe('provider names', () => {
  it('runs offline unless told otherwise, and the default is a provider --provider accepts', () => {
    expect(DEFAULT_SETTINGS.provider).toBe(DEFAULT_PROVIDER);
    expect(PROVIDER_NAMES).toContain(DEFAULT_PROVIDER);
  });

  it('only the offline provider names clusters from their distinctive terms', () => {
    expect(PROVIDER_NAMES.filter(namesClustersFromTerms)).toEqual(['offline']);
    expect(namesClustersFromTerms('someone-else')).toBe(false);
  });
});

describe('placing conversations a saved run has not seen', () => {
  let data: TinyDataset;
  let stored: StoredRun;
  let conversations: Conversation[];

  beforeAll(async () => {
    data = writeTinyDataset();
    const outcome = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(data.dir, 'run') });
    stored = await loadStoredRun(outcome.outDir);
    conversations = (await readConversations(data.conversations)).conversations;
  });
  afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

  it('recomputes the offline summary the run embedded; no other provider’s summaries can be recomputed', () => {
    const summarize = placementSummarizer('offline', 'prompt');
    expect(summarize?.(conversations[0])).toBe(extractOfflineFacets(conversations[0]).summary);
    for (const name of PROVIDER_NAMES.filter((n) => n !== 'offline')) expect(placementSummarizer(name, 'prompt')).toBeNull();
    expect(placementSummarizer('someone-else', 'prompt')).toBeNull();
  });

  it('an offline run places its own conversations back in their clusters', async () => {
    expect(await placeConversations(stored, conversations)).toEqual(stored.leafIds);
  });

  it('a run recorded with another provider cannot place them, and says why', async () => {
    const claudeRun: StoredRun = { ...stored, run: { ...stored.run, settings: { ...stored.run.settings, provider: 'anthropic' } } };
    await expect(placeConversations(claudeRun, conversations.slice(0, 3))).rejects.toThrow(
      /cannot place 3 conversations the baseline run has not seen: the run used the "anthropic" provider; re-run the baseline over every conversation instead/,
    );
  });
});
