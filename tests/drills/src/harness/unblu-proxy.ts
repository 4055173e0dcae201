import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Decides per call from Unblu whether to swallow Parley's answer (close the connection instead). */
export type DropRule = (headers: IncomingMessage['headers']) => boolean;

/**
 * Sits between Unblu and Parley (the host's `publicUrl`): forwards each call byte for byte and,
 * when `dropAnswer` says so, lets Parley process it but closes the connection instead of passing
 * the answer on, so Unblu retries the same invocation with a higher `X-Unblu-Retry-No`.
 */
export class UnbluProxy {
  dropAnswer: DropRule = () => false;
  /** Calls whose answer was dropped. */
  dropped = 0;
  private readonly server = createServer((req, res) => void this.forward(req, res));
  private port = 0;

  constructor(private readonly target: () => string) {}

  static async start(target: () => string): Promise<UnbluProxy> {
    const proxy = new UnbluProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const drop = this.dropAnswer(req.headers);
    const upstream = request(`${this.target()}${req.url ?? '/'}`, { method: req.method, headers: withoutHost(req.headers) }, (answer) => {
      void readAll(answer).then((bytes) => {
        if (drop) {
          this.dropped += 1;
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(bytes);
      });
    });
    upstream.on('error', () => res.socket?.destroy());
    upstream.end(body);
  }
}

function withoutHost(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'));
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
