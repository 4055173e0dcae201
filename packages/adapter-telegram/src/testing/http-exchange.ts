import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** One HTTP request and its answer, with a signal for "nobody is waiting for the answer any more". */
export class HttpExchange {
  readonly url: URL;
  /** Aborts when the client hangs up before the answer, or when the simulator shuts down. */
  readonly signal: AbortSignal;

  constructor(
    readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    shutdown: AbortSignal,
  ) {
    this.url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const hangUp = new AbortController();
    res.once('close', () => hangUp.abort());
    this.signal = AbortSignal.any([hangUp.signal, shutdown]);
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  json(status: number, body: unknown): Promise<void> {
    return this.send(status, { 'content-type': 'application/json' }, JSON.stringify(body));
  }

  /** Writes the whole answer; resolves once it is flushed or the connection is gone. */
  send(status: number, headers: OutgoingHttpHeaders, body: string | Uint8Array): Promise<void> {
    if (this.res.headersSent || this.res.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.res.once('close', () => resolve());
      this.res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
      this.res.end(body, () => resolve());
    });
  }

  /** Destroys the connection without an answer: the client sees a network error. */
  destroy(): void {
    this.req.socket.destroy();
  }
}
