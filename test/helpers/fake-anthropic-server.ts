/**
 * A fake Anthropic Messages API on 127.0.0.1 (random port) for tests: POST /v1/messages answers the forced
 * tool (record_facets / name_cluster / rate_privacy) with input computed deterministically from the
 * request, and the Message Batches endpoints (create, retrieve, JSONL results) work end to end. Every
 * request is recorded; faults can be scripted by call number or by a pattern on the request body.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toolInputFor, validateMessagesBody, type MessagesBody } from './fake-anthropic-responder.js';

export type FaultKind = 'rate_limit' | 'overloaded' | 'server_error' | 'hang' | 'malformed' | 'echo_auth';

export interface Fault {
  /** n-th POST /v1/messages (1-based), or a pattern tested on the raw request body (also applies to batch items). */
  on: number | RegExp;
  kind: FaultKind;
  /** `retry-after` header value (seconds) for rate_limit / overloaded. */
  retryAfter?: string;
  /** `retry-after-ms` header value. */
  retryAfterMs?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface RecordedRequest {
  /** 1-based order of arrival over all requests. */
  seq: number;
  method: string;
  path: string;
  body: unknown;
  bodyText: string;
}

export interface FakeServerOptions {
  faults?: Fault[];
  /** Polls of GET /v1/messages/batches/:id before a batch reports `ended` (default 2). */
  pollsUntilEnded?: number;
  /** Called for each request as it is recorded, before the reply. */
  onRequest?: (request: RecordedRequest) => void;
  /** Override the tool input for a request; return undefined for the default. */
  respond?: (toolName: string, body: MessagesBody) => unknown;
}

export interface FakeAnthropicServer {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  url: string;
  requests: RecordedRequest[];
  /** The POST /v1/messages requests, in order. */
  messageCalls(): RecordedRequest[];
  /** Requests whose method and path start as given, e.g. ('GET', '/v1/messages/batches/'). */
  callsTo(method: string, pathPrefix: string): RecordedRequest[];
  addFaults(...faults: Fault[]): void;
  close(): Promise<void>;
}

interface FakeBatch {
  id: string;
  requests: { custom_id: string; params: MessagesBody }[];
  polls: number;
  createdAt: string;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${Date.now()}`, ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } }, headers);
}

/** The whole body of a request, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Start the fake server; close it in afterEach / afterAll. */
export async function startFakeAnthropicServer(options: FakeServerOptions = {}): Promise<FakeAnthropicServer> {
  const requests: RecordedRequest[] = [];
  const faults: (Fault & { left: number })[] = (options.faults ?? []).map((f) => ({ ...f, left: f.times ?? 1 }));
  const batches = new Map<string, FakeBatch>();
  const seenSystems = new Set<string>();
  const pollsUntilEnded = options.pollsUntilEnded ?? 2;
  let messageCallCount = 0;
  let url = '';

  const takeFault = (callNumber: number | null, bodyText: string): Fault | undefined => {
    const fault = faults.find(
      (f) => f.left > 0 && (typeof f.on === 'number' ? f.on === callNumber : f.on.test(bodyText)),
    );
    if (fault) fault.left--;
    return fault;
  };

  const message = (body: MessagesBody, malformed: boolean, id: string): Record<string, unknown> => {
    const toolName = body.tool_choice?.name ?? '';
    const input = malformed ? malformedInput(toolName) : (options.respond?.(toolName, body) ?? toolInputFor(toolName, body));
    const systemText = Array.isArray(body.system) ? body.system.map((b) => b.text).join('') : (body.system ?? '');
    const systemTokens = Math.ceil(systemText.length / 4);
    const cached = seenSystems.has(systemText);
    seenSystems.add(systemText);
    return {
      id: `msg_${id}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [{ type: 'tool_use', id: `toolu_${id}`, name: toolName, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: Math.ceil(JSON.stringify(body.messages).length / 4),
        output_tokens: Math.ceil(JSON.stringify(input).length / 4),
        cache_read_input_tokens: cached ? systemTokens : 0,
        cache_creation_input_tokens: cached ? 0 : systemTokens,
      },
    };
  };

  const batchObject = (batch: FakeBatch): Record<string, unknown> => {
    const ended = batch.polls >= pollsUntilEnded;
    const n = batch.requests.length;
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: { processing: ended ? 0 : n, succeeded: ended ? n : 0, errored: 0, canceled: 0, expired: 0 },
      created_at: batch.createdAt,
      ended_at: ended ? new Date().toISOString() : null,
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${url}/v1/messages/batches/${batch.id}/results` : null,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const bodyText = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    try {
      body = bodyText ? JSON.parse(bodyText) : undefined;
    } catch {
      body = bodyText;
    }
    const recorded: RecordedRequest = { seq: requests.length + 1, method, path, body, bodyText };
    requests.push(recorded);
    options.onRequest?.(recorded);

    const auth = req.headers['x-api-key'] ?? req.headers.authorization;
    if (!auth) return sendError(res, 401, 'missing API key');

    if (method === 'POST' && path === '/v1/messages') {
      const callNumber = ++messageCallCount;
      const fault = takeFault(callNumber, bodyText);
      if (fault?.kind === 'hang') return; // never answer; the client must time out
      const retryHeaders: Record<string, string> = {};
      if (fault?.retryAfter !== undefined) retryHeaders['retry-after'] = fault.retryAfter;
      if (fault?.retryAfterMs !== undefined) retryHeaders['retry-after-ms'] = fault.retryAfterMs;
      if (fault?.kind === 'rate_limit') return sendError(res, 429, 'rate limited', retryHeaders);
      if (fault?.kind === 'overloaded') return sendError(res, 529, 'Overloaded', retryHeaders);
      if (fault?.kind === 'server_error') return sendError(res, 500, 'internal error');
      if (fault?.kind === 'echo_auth') return sendError(res, 400, `rejected credentials ${String(auth)}`);
      const problem = validateMessagesBody(body);
      if (problem) return sendError(res, 400, problem);
      return sendJson(res, 200, message(body as MessagesBody, fault?.kind === 'malformed', `fake_${callNumber}`));
    }

    if (method === 'POST' && path === '/v1/messages/batches') {
      const requestsIn = (body as { requests?: FakeBatch['requests'] })?.requests;
      if (!Array.isArray(requestsIn) || requestsIn.length === 0) return sendError(res, 400, 'requests: required');
      const batch: FakeBatch = {
        id: `msgbatch_fake_${batches.size + 1}`,
        requests: requestsIn,
        polls: 0,
        createdAt: new Date().toISOString(),
      };
      batches.set(batch.id, batch);
      return sendJson(res, 200, batchObject(batch));
    }

    const resultsMatch = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(path);
    if (method === 'GET' && resultsMatch) {
      const batch = batches.get(decodeURIComponent(resultsMatch[1]));
      if (!batch) return sendError(res, 404, 'batch not found');
      if (batch.polls < pollsUntilEnded) return sendError(res, 400, 'batch has not ended');
      const lines = batch.requests.map((r, i) => {
        const itemText = JSON.stringify(r.params);
        const fault = takeFault(null, itemText);
        const problem = validateMessagesBody(r.params);
        if (problem || (fault && fault.kind !== 'malformed')) {
          const error = { type: 'error', error: { type: 'api_error', message: problem ?? 'internal error' } };
          return { custom_id: r.custom_id, result: { type: 'errored', error } };
        }
        const msg = message(r.params, fault?.kind === 'malformed', `${batch.id}_${i}`);
        return { custom_id: r.custom_id, result: { type: 'succeeded', message: msg } };
      });
      res.writeHead(200, { 'content-type': 'application/binary' });
      res.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      return;
    }

    const batchMatch = /^\/v1\/messages\/batches\/([^/]+)$/.exec(path);
    if (method === 'GET' && batchMatch) {
      const batch = batches.get(decodeURIComponent(batchMatch[1]));
      if (!batch) return sendError(res, 404, 'batch not found');
      batch.polls++;
      return sendJson(res, 200, batchObject(batch));
    }

    return sendError(res, 404, `no route ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    requests,
    messageCalls: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages'),
    callsTo: (method, prefix) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)),
    addFaults: (...more) => faults.push(...more.map((f) => ({ ...f, left: f.times ?? 1 }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function malformedInput(toolName: string): unknown {
  if (toolName === 'record_facets') return { concern: 'high', task: 'x', language: 'eng' };
  if (toolName === 'name_cluster') return { name: 42 };
  return { score: 'low' };
}

/** sha256 hex of a text (exported for tests that predict the fake's answers). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
