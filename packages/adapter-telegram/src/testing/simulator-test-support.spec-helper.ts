import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';

/** grammy's real client pointed at the simulator. */
export function apiFor(sim: BotApiSimulator, token = sim.token): Api {
  return new Api(token, { apiRoot: sim.url });
}

export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A tiny webhook endpoint: records each push and answers with the next queued status (200 when none). */
export interface WebhookReceiver {
  url: string;
  pushes: ReceivedPush[];
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const pushes: ReceivedPush[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pushes.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    pushes,
    answerNext: (...next) => statuses.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
