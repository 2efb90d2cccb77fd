/**
 * A proxy on 127.0.0.1 in front of the fake Messages API that makes the "model" decline: a POST
 * /v1/messages whose body `refuse` picks is answered with stop_reason 'refusal' and no tool call (as the
 * real API does for harmful content); everything else is passed through to the fake server unchanged.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../helpers/fake-anthropic-server.js';

export const REFUSAL_USAGE = { input_tokens: 40, output_tokens: 7 } as const;

export interface RefusalProxy {
  url: string;
  /** Refusals sent so far. */
  refused: () => number;
  close(): Promise<void>;
}

export async function startRefusalProxy(upstream: string, refuse: (bodyText: string) => boolean): Promise<RefusalProxy> {
  let refused = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      const path = req.url ?? '/';
      if (req.method === 'POST' && path.split('?')[0] === '/v1/messages' && refuse(bodyText)) {
        refused++;
        const model = (JSON.parse(bodyText) as { model?: string }).model ?? 'unknown';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `msg_refusal_${refused}`,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text: 'I can’t help with that.' }],
            stop_reason: 'refusal',
            stop_sequence: null,
            usage: { ...REFUSAL_USAGE, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
          }),
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      }
      const reply = await fetch(`${upstream}${path}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : bodyText,
      });
      res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await reply.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
