import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long `close()` lets in-flight requests run before cutting their connections. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningServer {
  server: Server;
  /** Where the server is reachable, e.g. `http://127.0.0.1:8080` (wildcard hosts map to loopback). */
  url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (answers sent after this carry
   * `Connection: close`), closes idle connections, and after the shutdown timeout destroys the
   * rest. Resolves when every connection is gone; calling it again returns the same promise.
   */
  close(): Promise<void>;
}

function urlOf(address: AddressInfo): string {
  const wildcard: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
  const host = wildcard[address.address] ?? address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Sends `Connection: close` on answers not yet started, and drops connections as they fall idle. */
function drainOnClose(server: Server): () => void {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (closing && !res.headersSent) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A keep-alive connection becomes idle only after the response ends; close it then, not after keepAliveTimeout.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  };
}

function closer(server: Server, timeoutMs: number): () => Promise<void> {
  const startDraining = drainOnClose(server);
  let closed: Promise<void> | undefined;
  return () => {
    closed ??= new Promise<void>((resolve, reject) => {
      startDraining();
      const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
      timer.unref();
      server.close((error) => {
        clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      });
      server.closeIdleConnections();
    });
    return closed;
  };
}

/**
 * Starts serving `app` (an express app or any request listener) on `host:port` (port 0 picks a free one).
 * @throws (rejects) when the address cannot be bound, e.g. `EADDRINUSE`.
 */
export function listen(app: RequestListener, host: string, port: number, options: { shutdownTimeoutMs?: number } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    // Keep idle connections longer than the callers' pools (Unblu, load balancers) do, so a caller
    // never sends on a socket Parley is closing at that moment (ECONNRESET). Node's default is 5 s.
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const close = closer(server, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
      resolve({ server, url: urlOf(server.address() as AddressInfo), close });
    });
    server.listen(port, host);
  });
}
