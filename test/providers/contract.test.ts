/**
 * Every provider passes the same contract (provider-contract.ts): offline as is, anthropic against a fake
 * Messages API on 127.0.0.1 whose "model" is careless — it copies the user's opening message, PII and
 * injected instructions included, into the summary — so the provider's own scrubbing is what is tested.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { createProvider } from '../../src/providers/registry.js';
import { silentProgress } from '../../src/types.js';
import { conversationText, fakeFacets, type MessagesBody } from '../helpers/fake-anthropic-responder.js';
import { recordingSleep, removeDir, tempDir, TEST_KEY, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';
import { providerContract, type ContractSubject } from './provider-contract.js';
import { loadWordVectors } from '../../src/io/word-vectors.js';

/** Seed, progress and privacy threshold of every contract context. */
const CONTRACT_CONTEXT = { seed: 11, progress: silentProgress, minUsers: 2 };

/** A leaky fake model: the summary repeats the opening user message (at most 200 characters). */
function leakySummary(toolName: string, body: MessagesBody): unknown {
  if (toolName !== 'record_facets') return undefined;
  const conversation = conversationText(body);
  const opening = /<user>([\s\S]*?)<\/user>/.exec(conversation)?.[1] ?? conversation;
  return { ...fakeFacets(conversation), summary: `get help with: ${opening.slice(0, 200)}` };
}

providerContract(
  'offline',
  async (): Promise<ContractSubject> => {
    const root = await tempDir();
    return {
      provider: createProvider('offline', { embeddingDim: 8 }),
      ctx: async () => makeCtx(root, CONTRACT_CONTEXT),
      teardown: () => removeDir(root),
    };
  },
  { auditor: false, abstractiveSummaries: false, workerTask: true },
);

const fake = useFakeAnthropic({ per: 'file', respond: leakySummary });

providerContract(
  'offline with the semantic embedder',
  async (): Promise<ContractSubject> => {
    const root = await tempDir();
    return {
      provider: createProvider('offline', { embeddingDim: 8, wordVectors: await loadWordVectors() }),
      ctx: async () => makeCtx(root, CONTRACT_CONTEXT),
      teardown: () => removeDir(root),
    };
  },
  { auditor: false, abstractiveSummaries: false, workerTask: true },
);

providerContract(
  'anthropic (fake Messages API on 127.0.0.1)',
  async (): Promise<ContractSubject> => {
    const shared = join(fake.dir, 'shared');
    const provider = createProvider('anthropic', {
      embeddingDim: 8,
      anthropic: { apiKey: TEST_KEY, baseURL: fake.url, sleep: recordingSleep().sleep, timeoutMs: 5_000 },
    });
    return {
      provider,
      ctx: async (options = {}) => makeCtx(options.freshCache ? await mkdtemp(join(fake.dir, 'cache-')) : shared, CONTRACT_CONTEXT),
      requests: () => fake.server.messageCalls().length,
      teardown: async () => {},
    };
  },
  { auditor: true, abstractiveSummaries: true, workerTask: false },
);
