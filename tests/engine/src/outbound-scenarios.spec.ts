import type { ParleyStore } from '@parley/core';
import { FakeUnbluGateway, LoopbackAdapter } from '@parley/testing';
import {
  STORE_KINDS,
  agentText,
  newChannel,
  startRig,
  storeLocation,
  until,
  type EngineRig,
  type StoreLocation,
} from './engine-harness.js';

/*
 * Agent → customer on a real store: stable ids for Unblu, sending through the adapter in order,
 * state reports, failures and message states both ways.
 */

describe.each(STORE_KINDS)('agent → customer on %s', (kind) => {
  let location: StoreLocation;
  let store: ParleyStore;
  let gateway: FakeUnbluGateway;
  let channelId: string;
  let rig: EngineRig;
  let conversationId: string;

  async function start(adapter?: LoopbackAdapter): Promise<void> {
    rig = await startRig(store, gateway, channelId, { adapter, binding: { messageStatesHandledExternally: true } });
    await rig.adapter.customerSends('chat-1', { text: 'Hello', externalMessageId: 'c-1' });
    conversationId = (await until(() => gateway.posted()[0])).conversationId;
  }

  beforeEach(async () => {
    location = storeLocation(kind);
    store = await location.open();
    gateway = new FakeUnbluGateway();
    channelId = await newChannel(gateway);
  });

  afterEach(async () => {
    await rig.engine.stop();
    await store.close();
    await location.destroy();
  });

  it("answers Unblu with a stable id, sends once with the agent's name, and reports it sent", async () => {
    await start();
    const event = agentText(channelId, conversationId, 'How can I help?');
    const first = await rig.engine.listener.onAgentMessage(event);
    const again = await rig.engine.listener.onAgentMessage({ ...event, delivery: { ...event.delivery, retryNo: 1 } });
    expect(again.externalMessageId).toBe(first.externalMessageId);
    await until(() => gateway.states('sentSuccessfully').length === 1);
    expect(rig.adapter.sent('chat-1').map((m) => m.text)).toEqual(['Anna: How can I help?']);
    expect(gateway.states('sentSuccessfully')[0]?.ref).toMatchObject({ channelId, conversationId, messageId: event.messageId });
    const mapping = await store.messages.byUnbluId(event.messageId);
    expect(mapping).toMatchObject({ parleyId: first.externalMessageId, direction: 'outbound', chatId: 'chat-1' });
  });

  it('never sends internal (agents-only) messages', async () => {
    await start();
    await rig.engine.listener.onAgentMessage(agentText(channelId, conversationId, 'note: VIP customer', { internal: true }));
    await rig.engine.listener.onAgentMessage(agentText(channelId, conversationId, 'Welcome!'));
    await until(() => rig.adapter.sent('chat-1').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rig.adapter.sent('chat-1').map((m) => m.text)).toEqual(['Anna: Welcome!']);
  });

  it('keeps the agent order through transient send failures and sends each message once', async () => {
    await start();
    rig.adapter.failNextSends(5, 'transient');
    const texts = Array.from({ length: 10 }, (_, i) => `reply ${i}`);
    for (const text of texts) await rig.engine.listener.onAgentMessage(agentText(channelId, conversationId, text));
    await until(() => gateway.states('sentSuccessfully').length === 10);
    expect(rig.adapter.sent('chat-1').map((m) => m.text)).toEqual(texts.map((t) => `Anna: ${t}`));
  });

  it("reports TERMINAL with the messenger's reason when it refuses, and goes on with the next", async () => {
    await start();
    rig.adapter.failNextSends(1, 'permanent');
    const refused = agentText(channelId, conversationId, 'refused');
    await rig.engine.listener.onAgentMessage(refused);
    await rig.engine.listener.onAgentMessage(agentText(channelId, conversationId, 'delivered'));
    await until(() => gateway.states('sentSuccessfully').length === 1);
    const [failed] = gateway.states('sendFailed');
    expect(failed).toMatchObject({ failState: 'TERMINAL', ref: { messageId: refused.messageId } });
    expect(failed?.reason).toBeTruthy();
    expect(rig.adapter.sent('chat-1').map((m) => m.text)).toEqual(['Anna: delivered']);
  });

  it('reports RETRYABLE and keeps a dead letter when retries run out', async () => {
    rig = undefined as unknown as EngineRig;
    const adapter = new LoopbackAdapter({ capabilities: { centralAccount: true } });
    rig = await startRig(store, gateway, channelId, { adapter, engine: { retryPolicy: { initialDelayMs: 5, maxDelayMs: 10, factor: 2, jitter: 0, maxAttempts: 3, maxAgeMs: 60_000 } } });
    await rig.adapter.customerSends('chat-1', { text: 'Hello', externalMessageId: 'c-1' });
    conversationId = (await until(() => gateway.posted()[0])).conversationId;
    adapter.failNextSends(3, 'transient');
    const event = agentText(channelId, conversationId, 'eventually');
    await rig.engine.listener.onAgentMessage(event);
    const [failed] = await until(() => (gateway.states('sendFailed').length === 1 ? gateway.states('sendFailed') : undefined));
    expect(failed).toMatchObject({ failState: 'RETRYABLE', ref: { messageId: event.messageId } });
    expect(failed?.reason).toMatch(/after 3 attempts/);
    const [dead] = await until(async () => ((await rig.engine.deadLetters.list()).length === 1 ? rig.engine.deadLetters.list() : undefined));
    expect(await rig.engine.deadLetters.redrive(dead?.id ?? '')).toBe(true);
    await until(() => gateway.states('sentSuccessfully').length === 1);
    expect(adapter.sent('chat-1').map((m) => m.text)).toEqual(['Anna: eventually']);
  });

  it('turns customer receipts into Unblu states and agent reads into read marks', async () => {
    await start();
    const event = agentText(channelId, conversationId, 'Your card is on its way');
    await rig.engine.listener.onAgentMessage(event);
    const [sent] = await until(() => (rig.adapter.sent('chat-1').length === 1 ? rig.adapter.sent('chat-1') : undefined));
    await rig.adapter.customerReceipts('chat-1', 'delivered', [sent?.externalMessageId ?? '']);
    await rig.adapter.customerReceipts('chat-1', 'read', [sent?.externalMessageId ?? '']);
    await until(() => gateway.states('read').length === 1);
    expect(gateway.states('delivered')[0]?.ref.messageId).toBe(event.messageId);
    expect(gateway.states('read')[0]?.ref.messageId).toBe(event.messageId);

    const customerMessage = gateway.posted()[0];
    await rig.engine.listener.onMessageState({
      type: 'message-state',
      delivery: { mechanism: 'outbound', name: 'outbound.external_messenger.message_state', id: 'st-1', retryNo: 0 },
      channelId,
      conversationId,
      messageId: customerMessage?.messageId ?? '',
      state: 'READ',
      externalMessageId: 'c-1',
    });
    await until(() => rig.adapter.readMarks.length === 1);
    expect(rig.adapter.readMarks[0]).toMatchObject({ chatId: 'chat-1', externalMessageIds: ['c-1'] });
  });

  it('sends agent files to the customer', async () => {
    await start();
    const file = gateway.addFile(new Uint8Array([1, 2, 3]), 'form.pdf', 'application/pdf');
    await rig.engine.listener.onAgentMessage(agentText(channelId, conversationId, '', { content: { kind: 'file', file, caption: 'please sign' } }));
    const [sent] = await until(() => (rig.adapter.sent('chat-1').length === 1 ? rig.adapter.sent('chat-1') : undefined));
    expect(sent?.attachment).toMatchObject({ fileName: 'form.pdf', mimeType: 'application/pdf', caption: 'Anna: please sign' });
    expect(Array.from(sent?.attachment?.data ?? [])).toEqual([1, 2, 3]);
  });
});
