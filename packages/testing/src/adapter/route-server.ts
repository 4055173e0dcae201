import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterHttpRequest, AdapterRouteHandler, RouteRegistrar } from '@parley/core';

/** Adapter routes served over real HTTP on loopback, as the host would serve them. */
export interface RouteServer {
  /** Hand this to the adapter (or a conformance harness's `http`). */
  readonly registrar: RouteRegistrar;
  /** e.g. `http://127.0.0.1:41234`; routes are at `<url><path>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the routes a webhook-mode adapter registers on 127.0.0.1, so a messenger simulator can
 * push to them over the wire (STYLE §10). Raw bodies, lowercase headers and the first value of
 * each query parameter reach the handler as the host delivers them; unknown routes get 404 and a
 * throwing handler 500.
 */
export async function startRouteServer(options: { port?: number } = {}): Promise<RouteServer> {
  const routes = new Map<string, AdapterRouteHandler>();
  const server = createServer((req, res) => void dispatch(routes, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    registrar: {
      register: (method, path, handler) => {
        const key = `${method} ${path}`;
        if (routes.has(key)) throw new Error(`route ${key} is already registered`);
        routes.set(key, handler);
      },
      publicUrl: (path) => `${url}${path}`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function dispatch(routes: Map<string, AdapterRouteHandler>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://route-server.invalid');
  const handler = routes.get(`${req.method ?? 'GET'} ${url.pathname}`);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (handler === undefined) {
    res.writeHead(404).end();
    return;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const request: AdapterHttpRequest = { method: req.method ?? 'GET', path: url.pathname, headers, query, rawBody: new Uint8Array(Buffer.concat(chunks)) };
  try {
    const response = await handler(request);
    res.writeHead(response.status, response.headers);
    res.end(response.body === undefined ? undefined : response.body);
  } catch {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}
