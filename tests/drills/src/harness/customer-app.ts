import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoopbackDelivery } from '@parley/testing';

/**
 * The customers' app: receives every agent message Parley delivers (`deliverTo`) and records it,
 * raw duplicates included.
 */
export class CustomerApp {
  /** Every POST received, in arrival order, duplicates included. */
  readonly raw: LoopbackDelivery[] = [];
  private readonly server = createServer((req, res) => void this.receive(req, res));
  private port = 0;

  static async start(): Promise<CustomerApp> {
    const app = new CustomerApp();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    app.port = (app.server.address() as AddressInfo).port;
    return app;
  }

  /** The `deliverTo` URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/deliveries`;
  }

  /** What one chat received, each Parley message once (first delivery wins), in arrival order. */
  texts(chatId: string): string[] {
    const seen = new Set<string>();
    return this.raw.filter((d) => d.chatId === chatId && !seen.has(d.parleyMessageId) && seen.add(d.parleyMessageId)).map((d) => d.text ?? '');
  }

  /** Deliveries of a Parley message id that had already been delivered (at-least-once repeats). */
  duplicates(): LoopbackDelivery[] {
    const seen = new Set<string>();
    return this.raw.filter((d) => seen.has(d.parleyMessageId) || !seen.add(d.parleyMessageId));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      this.raw.push((await readJson(req)) as LoopbackDelivery);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch {
      res.writeHead(400).end();
    }
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
