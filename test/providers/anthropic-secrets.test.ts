import { describe, expect, it } from 'vitest';
import { isMisfireError } from '../../src/errors.js';
import { redactSecrets } from '../../src/providers/anthropic/client.js';
import { createAnthropicProvider } from '../../src/providers/anthropic/index.js';
import { localProvider, makeConversations, readAllFiles, stubEmbedder, TEST_KEY, useFakeAnthropic } from '../helpers/anthropic-test-kit.js';
import { makeCtx } from '../helpers/provider-context.js';

/** Everything an error could print: message, stack, name, own enumerable fields and the cause chain. */
function everythingPrintable(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.name, current.message, current.stack ?? '', String(current));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      parts.push('[unserialisable]');
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('anthropic provider: the API key', () => {
  const fake = useFakeAnthropic();

  it('a missing key is a config error that points at ANTHROPIC_API_KEY', () => {
    fake.setEnv('');
    let err: unknown;
    try {
      createAnthropicProvider({ embedder: stubEmbedder, baseURL: fake.url });
    } catch (e) {
      err = e;
    }
    expect(isMisfireError(err) && err.code).toBe('config');
    expect((err as Error).message).toContain('ANTHROPIC_API_KEY');
  });

  it('takes the key from ANTHROPIC_API_KEY and the endpoint from ANTHROPIC_BASE_URL', async () => {
    fake.setEnv(TEST_KEY);
    const provider = createAnthropicProvider({ embedder: stubEmbedder, sleep: async () => {} });
    await provider.facets.extract(makeConversations(2), makeCtx(fake.dir));
    expect(fake.server.messageCalls()).toHaveLength(2);
  });

  it('never appears in any file written to the cache dir nor in any error, even when the server echoes it', async () => {
    const errors: unknown[] = [];
    // Retried faults, then a run that succeeds: cache files written with usage and outputs.
    fake.server.addFaults(
      { on: 1, kind: 'rate_limit', retryAfter: '0' },
      { on: 2, kind: 'server_error' },
      { on: 3, kind: 'malformed' },
      { on: 4, kind: 'hang' },
    );
    await localProvider(fake.url, { timeoutMs: 300 }).facets.extract(makeConversations(4), makeCtx(fake.dir));
    await localProvider(fake.url, { batch: true }).facets.extract(makeConversations(6, 'z'), makeCtx(fake.dir));

    // A server that echoes the credentials back in its error message.
    fake.server.addFaults({ on: /Question 0: .*secret-echo/, kind: 'echo_auth' });
    const echo = [{ ...makeConversations(1)[0], id: 'echo', messages: [{ role: 'user' as const, content: 'Question 0: secret-echo' }] }];
    const echoed = await caught(localProvider(fake.url).facets.extract(echo, makeCtx(fake.dir)));
    errors.push(echoed);
    expect((echoed as Error).message).toContain('[redacted]');

    // Retries exhausted on a timeout, and on overload.
    fake.server.addFaults({ on: /timeout-please/, kind: 'hang', times: 2 });
    const hang = [{ ...echo[0], messages: [{ role: 'user' as const, content: 'timeout-please' }] }];
    errors.push(await caught(localProvider(fake.url, { maxRetries: 1, timeoutMs: 200 }).facets.extract(hang, makeCtx(fake.dir))));
    fake.server.addFaults({ on: /overload-please/, kind: 'overloaded', times: 2 });
    const busy = [{ ...echo[0], messages: [{ role: 'user' as const, content: 'overload-please' }] }];
    errors.push(await caught(localProvider(fake.url, { maxRetries: 1 }).facets.extract(busy, makeCtx(fake.dir))));

    expect(errors).toHaveLength(3);
    for (const err of errors) {
      expect(isMisfireError(err) && err.code).toBe('provider');
      const printable = everythingPrintable(err);
      expect(printable).not.toContain(TEST_KEY);
      expect(printable).not.toContain('SECRET');
    }
    const written = await readAllFiles(fake.dir);
    expect(written.length).toBeGreaterThan(0);
    expect(written).not.toContain(TEST_KEY);
    expect(written).not.toContain('SECRET');
    // The key did reach the server (so the checks above are not vacuous).
    expect(fake.server.requests.length).toBeGreaterThan(10);
  });

  it('redacts the key and key-shaped strings from any text', () => {
    expect(redactSecrets(`bad key ${TEST_KEY}!`, TEST_KEY)).toBe('bad key [redacted]!');
    expect(redactSecrets('x-api-key: abc123 and sk-ant-api03-XYZ_9', undefined)).toBe('x-api-key: [redacted] and [redacted]');
  });
});
