import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** What the server saw of one request. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
}

/** How to answer one request. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string or Buffer, which are sent as they are. */
  body?: unknown;
  /** Wait before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  destroySocket?: boolean;
}

export type ScriptedHandler = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server on a free port that records every request and answers as `handler`
 * says. Tests use it to assert exactly what the client put on the wire, and to stage Unblu's
 * failure modes (error bodies, delays, dropped connections).
 */
export async function startRecordingServer(handler: ScriptedHandler): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const app = express();
  app.use(express.raw({ type: () => true, limit: '64mb' }));
  app.use((req, res, next) => {
    const recorded = record(req);
    requests.push(recorded);
    Promise.resolve(handler(recorded))
      .then(async (scripted) => answer(req, res, scripted))
      .catch(next);
  });
  const server = await listen(app);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => close(server),
  };
}

function record(req: express.Request): RecordedRequest {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const url = new URL(req.originalUrl, 'http://localhost');
  return {
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...req.headers },
    body: raw === '' ? undefined : parseJson(raw),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function answer(req: express.Request, res: express.Response, scripted: ScriptedResponse): Promise<void> {
  if (scripted.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
  if (scripted.destroySocket) {
    req.socket.destroy();
    return;
  }
  res.status(scripted.status ?? 200);
  for (const [name, value] of Object.entries(scripted.headers ?? {})) res.setHeader(name, value);
  const { body } = scripted;
  if (body === undefined) res.end();
  else if (typeof body === 'string' || Buffer.isBuffer(body)) res.send(body);
  else res.json(body);
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open until they time out.
    server.closeAllConnections();
  });
}
