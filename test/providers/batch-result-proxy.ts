/**
 * A proxy on 127.0.0.1 in front of the fake Messages API that changes how batch items end: the JSONL
 * results of a batch are rewritten so the items `outcome` picks come back `expired` or `errored` (as the
 * real API reports them), whatever the fake server answered. Everything else passes through unchanged;
 * the batch's results_url is pointed at the proxy so the SDK fetches the results through it.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BatchItemEnd = 'expired' | 'errored';

export interface BatchResultProxy {
  url: string;
  /** Items rewritten so far, by how they were made to end. */
  rewritten: () => Record<BatchItemEnd, number>;
  close(): Promise<void>;
}

interface ResultLine {
  custom_id: string;
  result: { type: string };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const ERRORED = { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } } };

/** `outcome(paramsJson)` gets each batch item's request params as JSON text; undefined leaves the item alone. */
export async function startBatchResultProxy(
  upstream: string,
  outcome: (paramsJson: string) => BatchItemEnd | undefined,
): Promise<BatchResultProxy> {
  const paramsById = new Map<string, string>();
  const counts: Record<BatchItemEnd, number> = { expired: 0, errored: 0 };
  let url = '';

  const rewriteResults = (text: string): string =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const parsed = JSON.parse(line) as ResultLine;
        const end = outcome(paramsById.get(parsed.custom_id) ?? '');
        if (!end) return line;
        counts[end]++;
        return JSON.stringify({ custom_id: parsed.custom_id, result: end === 'expired' ? { type: 'expired' } : ERRORED });
      })
      .join('\n') + '\n';

  const server = createServer((req, res) => {
    void (async () => {
      const bodyText = await readBody(req);
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && path === '/v1/messages/batches') {
        const body = JSON.parse(bodyText) as { requests: { custom_id: string; params: unknown }[] };
        for (const r of body.requests) paramsById.set(r.custom_id, JSON.stringify(r.params));
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      }
      const reply = await fetch(`${upstream}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : bodyText,
      });
      let text = await reply.text();
      if (req.method === 'GET' && /^\/v1\/messages\/batches\/[^/]+\/results$/.test(path) && reply.ok) text = rewriteResults(text);
      else text = text.split(upstream).join(url);
      res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    rewritten: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
