import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransientError } from '@parley/core';
import { HttpLoopbackAdapter, type LoopbackDelivery } from './http-loopback-adapter.js';
import { createRecordingContext } from './recording-context.js';

describe('HttpLoopbackAdapter', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const deliveries: LoopbackDelivery[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (status === 200) deliveries.push(JSON.parse(body) as LoopbackDelivery);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deliveries`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes customer messages over its route and answers once the sink accepted them', async () => {
    const adapter = new HttpLoopbackAdapter({ deliverTo: url });
    const context = createRecordingContext();
    await adapter.start(context);
    const response = await context.http.invoke('POST', '/customer/messages', { body: { chatId: 'c1', text: 'hello', externalMessageId: 'x-1' } });
    expect(response.status).toBe(200);
    expect(context.inbound.messages.map((m) => m.text)).toEqual(['hello']);
    expect((await context.http.invoke('POST', '/customer/messages', { body: { chatId: 1 } })).status).toBe(400);
    await adapter.stop();
  });

  it('posts every outbound message to the customer app, and a failure there is transient', async () => {
    const adapter = new HttpLoopbackAdapter({ deliverTo: url });
    const context = createRecordingContext();
    await adapter.start(context);
    const signal = new AbortController().signal;
    await adapter.send({ parleyMessageId: 'p-1', chatId: 'c1', text: 'Anna: hi', sender: { kind: 'agent', displayName: 'Anna' } }, signal);
    expect(deliveries).toEqual([expect.objectContaining({ parleyMessageId: 'p-1', chatId: 'c1', text: 'Anna: hi' })]);
    const sent = await context.http.invoke('GET', '/customer/sent', { query: { chatId: 'c1' } });
    expect(JSON.parse(String(sent.body))).toEqual([expect.objectContaining({ text: 'Anna: hi' })]);
    status = 503;
    await expect(adapter.send({ parleyMessageId: 'p-2', chatId: 'c1', text: 'again', sender: { kind: 'agent' } }, signal)).rejects.toBeInstanceOf(TransientError);
    status = 200;
    await adapter.stop();
  });
});
