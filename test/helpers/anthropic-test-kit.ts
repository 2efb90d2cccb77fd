/**
 * Shared setup for the Claude provider tests: the fake Messages API with its temp folder and environment
 * (`useFakeAnthropic`), conversations, temp cache dirs, a sleep recorder.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { createAnthropicProvider, type AnthropicProviderOptions } from '../../src/providers/anthropic/index.js';
import type { Embedder, Provider } from '../../src/providers/types.js';
import type { Conversation, Facets } from '../../src/types.js';
import { listFiles } from './files.js';
import { makeCtx } from './provider-context.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type FakeServerOptions } from './fake-anthropic-server.js';

export const TEST_KEY = 'sk-ant-test-SECRET-123';

export const stubEmbedder: Embedder = {
  name: 'stub',
  async embed(texts) {
    return { embedding: { n: texts.length, dim: 1, data: new Float32Array(texts.length).fill(1) }, model: null };
  },
};

const TOPICS = ['tomato gardening', 'sorting algorithms', 'tax forms', 'bread baking', 'guitar chords', 'knitting'];

export function makeConversations(n: number, prefix = 'c'): Conversation[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    userId: `u${i % 3}`,
    messages: [
      { role: 'user' as const, content: `Question ${i}: how do I get better at ${TOPICS[i % TOPICS.length]}?` },
      { role: 'assistant' as const, content: `Here are some tips (variant ${i}).` },
    ],
    metadata: new Map([['source', 'test']]),
  }));
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'misfire-anthropic-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Concatenated contents of every file under `dir`. */
export async function readAllFiles(dir: string): Promise<string> {
  const files = listFiles(dir);
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  return texts.join('\n');
}

/** The cached result files (not batch state) under a cache dir. */
export async function cachedResultFiles(cacheDir: string): Promise<string[]> {
  return listFiles(join(cacheDir, 'anthropic')).filter((f) => !f.includes('/batches/') && f.endsWith('.json'));
}

export interface SleepRecorder {
  sleep: (ms: number) => Promise<void>;
  delays: number[];
}

/** An instant sleep that records the requested delays. */
export function recordingSleep(): SleepRecorder {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** A provider pointed at the fake server (never the internet: the URL must be on 127.0.0.1). */
export function localProvider(url: string, options: AnthropicProviderOptions = {}): Provider {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`test base URL must be local, got ${url}`);
  return createAnthropicProvider({
    apiKey: TEST_KEY,
    baseURL: url,
    timeoutMs: 2_000,
    sleep: recordingSleep().sleep,
    embedder: stubEmbedder,
    ...options,
  });
}

/** The facets an undisturbed run produces: a fresh fake server, a fresh cache, then both thrown away. */
export async function referenceFacets(conversations: readonly Conversation[]): Promise<Facets[]> {
  const server = await startFakeAnthropicServer();
  const dir = await tempDir();
  try {
    return await localProvider(server.url).facets.extract(conversations, makeCtx(dir));
  } finally {
    await removeDir(dir);
    await server.close();
  }
}

export interface FakeAnthropic {
  /** The running fake Messages API (another one after `restart`). */
  readonly server: FakeAnthropicServer;
  /** Its base URL, always on 127.0.0.1. */
  readonly url: string;
  /** A fresh temp folder, removed afterwards: the provider's cache dir, or the root of what the test writes. */
  readonly dir: string;
  /** Close the server and start another with `options`, for a test that needs a differently behaving API. */
  restart(options?: FakeServerOptions): Promise<FakeAnthropicServer>;
  /** Point ANTHROPIC_BASE_URL at the fake server and set ANTHROPIC_API_KEY to `apiKey`, until the test ends. */
  setEnv(apiKey: string): void;
}

/**
 * Register the hooks that start a fake Anthropic server (checked to be local) and a temp folder before each
 * test (`per: 'file'`: once for the file), and afterwards undo the environment, close the server and
 * remove the folder.
 * @example
 * const fake = useFakeAnthropic({ pollsUntilEnded: 2 });
 * it('…', async () => localProvider(fake.url).facets.extract(conversations, makeCtx(fake.dir)));
 */
export function useFakeAnthropic(options: FakeServerOptions & { per?: 'test' | 'file' } = {}): FakeAnthropic {
  const { per = 'test', ...serverOptions } = options;
  let server: FakeAnthropicServer | undefined;
  let dir: string | undefined;
  const start = async (startOptions: FakeServerOptions) => {
    server = await startFakeAnthropicServer(startOptions);
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    return server;
  };
  const fake: FakeAnthropic = {
    get server() {
      if (!server) throw new Error('the fake Anthropic server runs only inside tests');
      return server;
    },
    get url() {
      return fake.server.url;
    },
    get dir() {
      if (!dir) throw new Error('the fake Anthropic temp folder exists only inside tests');
      return dir;
    },
    async restart(restartOptions = {}) {
      await server?.close();
      return start(restartOptions);
    },
    setEnv(apiKey) {
      vi.stubEnv('ANTHROPIC_API_KEY', apiKey);
      vi.stubEnv('ANTHROPIC_BASE_URL', fake.url);
    },
  };
  const before = per === 'file' ? beforeAll : beforeEach;
  const after = per === 'file' ? afterAll : afterEach;
  before(async () => {
    await start(serverOptions);
    dir = await tempDir();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  after(async () => {
    await server?.close();
    server = undefined;
    if (dir) await removeDir(dir);
    dir = undefined;
  });
  return fake;
}
