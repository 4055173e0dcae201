import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ParleyEngine, type ParleyStore, type UnbluApiVersion } from '@parley/core';
import { LoopbackAdapter } from '@parley/testing';
import { createUnbluGateway, createUnbluRequestHandler } from '@parley/unblu';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import { FAST, storeLocation, until, type StoreLocation } from './engine-harness.js';

/*
 * The engine with the real Unblu client and request handler against the Unblu simulator, for both
 * web API versions: customer → agent and back, files both ways, state reports, conversation end.
 */

const SECRET = 'engine-round-trip-secret';

describe.each<UnbluApiVersion>(['v4', 'v3'])('engine round trip through the Unblu simulator (web API %s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let server: Server;
  let location: StoreLocation;
  let store: ParleyStore;
  let engine: ParleyEngine;
  let adapter: LoopbackAdapter;
  let channelId: string;

  beforeAll(async () => {
    sim = await startUnbluSimulator({ apiVersion, outbound: { retryDelayMs: 20 } });
    const gateway = createUnbluGateway({ baseUrl: sim.apiBaseUrl, apiVersion, auth: { type: 'basic', username: 'admin', password: 'admin' }, timeoutMs: 5000 });
    const app = express();
    const listener = { onAgentMessage: (e: never) => engine.listener.onAgentMessage(e), onMessageState: (e: never) => engine.listener.onMessageState(e), onConversationEvent: (e: never) => engine.listener.onConversationEvent(e) };
    app.use('/unblu', createUnbluRequestHandler({ secrets: [SECRET], listener }));
    server = await listen(app);
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/unblu`;
    const channel = await gateway.channels.create({ name: 'Loopback', endpoint, secret: SECRET, messageStateHandledExternally: true });
    channelId = channel.id;
    await gateway.webhooks.create({ name: 'parley-conversations', endpoint, secret: SECRET, events: ['conversation.ended'] });
    location = storeLocation('sqlite');
    store = await location.open();
    adapter = new LoopbackAdapter({ capabilities: { centralAccount: true } });
    engine = new ParleyEngine({ store, gateway, messengers: [{ messengerId: 'loop', adapter, channelId, closingText: 'Thank you, the chat has ended.' }], ...FAST });
    await engine.start();
  });

  afterAll(async () => {
    await engine.stop();
    await sim.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await location.destroy();
  });

  it('carries a conversation both ways, with files, states and its end', async () => {
    await adapter.customerSends('chat-7', { text: 'Hello, I lost my card', externalMessageId: 'c-1', sender: { id: 'u-7', firstName: 'Lea', lastName: 'Keller' } });
    const conversation = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === 'chat-7'));
    await sim.waitFor(() => sim.messages(conversation.id).length === 1);
    expect(sim.messages(conversation.id)[0]).toMatchObject({ direction: 'visitor', text: 'Hello, I lost my card', sourceId: 'c-1' });

    const reply = await sim.agentSendText(conversation.id, 'I will block it right away.');
    await until(() => adapter.sent('chat-7').length === 1);
    expect(adapter.sent('chat-7')[0]?.text).toBe(`${apiVersion === 'v4' ? 'Anna' : 'Anna Meier'}: I will block it right away.`);
    const recorded = await sim.waitFor(() => sim.messages(conversation.id).find((m) => m.id === reply.id && m.sentAt !== null));
    // Unblu 8 keeps the id Parley answered with; Unblu 7's webhooks expect no answer.
    if (apiVersion === 'v4') expect(recorded.externalMessageId).toBeTruthy();

    const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await adapter.customerSends('chat-7', { externalMessageId: 'c-2', attachments: [{ fileName: 'card.png', mimeType: 'image/png', data: photo }] });
    const posted = await sim.waitFor(() => sim.messages(conversation.id).find((m) => m.sourceId === 'c-2'));
    expect(posted).toMatchObject({ type: 'FILE' });

    await sim.agentSendFile(conversation.id, { fileName: 'form.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4') });
    await until(() => adapter.sent('chat-7').length === 2);
    expect(Buffer.from(adapter.sent('chat-7')[1]?.attachment?.data ?? []).toString()).toBe('%PDF-1.4');

    const [first] = adapter.sent('chat-7');
    await adapter.customerReceipts('chat-7', 'read', [first?.externalMessageId ?? '']);
    await sim.waitFor(() => sim.messages(conversation.id).find((m) => m.id === reply.id && m.readAt !== null));

    await sim.endConversation(conversation.id);
    await until(() => adapter.sent('chat-7').some((m) => m.text === 'Thank you, the chat has ended.'));
    await adapter.customerSends('chat-7', { text: 'One more thing', externalMessageId: 'c-3' });
    const next = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === 'chat-7' && c.id !== conversation.id));
    await sim.waitFor(() => sim.messages(next.id).some((m) => m.text === 'One more thing'));
  });
});

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const created = createServer(app);
    created.once('error', reject);
    created.listen(0, '127.0.0.1', () => resolve(created));
  });
}
