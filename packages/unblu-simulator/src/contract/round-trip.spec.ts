import { createHmac } from 'node:crypto';
import { TransientError, type UnbluApiVersion } from '@parley/core';
import { SECRET, type ContractHarness, type LinkOptions, linkConversation, startContractHarness } from './contract-harness.js';

/*
 * The whole path once per API version: channel → visitor → conversation → customer message →
 * agent reply reaches Parley's endpoint correctly signed, and Parley's answer is recorded →
 * conversation ended.
 */
describe.each<UnbluApiVersion>(['v4', 'v3'])('round trip with web API %s', (apiVersion) => {
  let h: ContractHarness;

  beforeAll(async () => {
    h = await startContractHarness(apiVersion);
  });
  afterAll(async () => {
    await h.close();
  });

  it('carries a conversation from the first customer message to its end', async () => {
    const { gateway, sim, listener } = h;
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint: h.endpoint, secret: SECRET });
    expect(channel.webhookApiVersion).toBe(apiVersion === 'v4' ? 'V4' : 'V3');

    const visitor = await gateway.visitors.upsert({
      channelId: channel.id,
      externalId: '4711',
      personSourceId: 'telegram:4711',
      firstName: 'Lea',
      lastName: 'Keller',
    });
    expect(visitor.contactId === undefined).toBe(apiVersion === 'v3');

    const conversation = await gateway.conversations.create({ channelId: channel.id, sourceId: 'chat-4711', visitor });
    expect(conversation.state).not.toBe('ENDED');
    expect(await gateway.conversations.findActive(channel.id, 'chat-4711')).toMatchObject({ id: conversation.id });

    const { messageId } = await gateway.messages.send({
      channelId: channel.id,
      conversationId: conversation.id,
      visitor,
      sourceId: 'tg-msg-1',
      content: { kind: 'text', text: 'Hello, I lost my card' },
    });
    expect(sim.messages(conversation.id)).toEqual([
      expect.objectContaining({ id: messageId, direction: 'visitor', text: 'Hello, I lost my card', sourceId: 'tg-msg-1' }),
    ]);

    const reply = await sim.agentSendText(conversation.id, 'I will block it right away.');
    const event = await sim.waitFor(() => listener.agentMessages.find((e) => e.messageId === reply.id));
    expect(event).toMatchObject({
      channelId: channel.id,
      conversationId: conversation.id,
      internal: false,
      content: { kind: 'text', text: 'I will block it right away.' },
      // Unblu 8 has a visitor-facing name; Unblu 7 only the display name.
      sender: { personType: 'AGENT', displayName: apiVersion === 'v4' ? 'Anna' : 'Anna Meier' },
    });

    await sim.idle();
    const delivery = sim.deliveries().find((d) => d.ok && JSON.stringify(d.requestBody).includes(reply.id));
    expect(delivery).toBeDefined();
    const body = JSON.stringify(delivery?.requestBody);
    const headers = Object.fromEntries(
      Object.entries(delivery?.requestHeaders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(headers['user-agent']).toBe('Unblu-Hookshot');
    expect(headers['x-unblu-signature-256']).toBe(createHmac('sha256', SECRET).update(body).digest('hex'));
    expect(headers['x-unblu-signature']).toBe(createHmac('sha1', SECRET).update(body).digest('hex'));
    if (apiVersion === 'v4') {
      expect(delivery?.responseSignatureValid).toBe(true);
      expect(sim.messages(conversation.id).find((m) => m.id === reply.id)?.externalMessageId).toBe(`parley-${reply.id}`);
    }

    const ref = { channelId: channel.id, conversationId: conversation.id, messageId: reply.id, visitor };
    await gateway.messages.sentSuccessfully(ref);
    expect(sim.messages(conversation.id).find((m) => m.id === reply.id)?.sentAt).toEqual(expect.any(Number));

    const ended = await gateway.conversations.end(conversation.id, 'EXTERNAL_CHANNEL_CLOSED');
    expect(ended.state).toBe('ENDED');
    expect(await gateway.conversations.findActive(channel.id, 'chat-4711')).toBeUndefined();
    expect(sim.conversation(conversation.id)).toMatchObject({ state: 'ENDED', endReason: 'EXTERNAL_CHANNEL_CLOSED' });
  });
});

describe.each<UnbluApiVersion>(['v4', 'v3'])('Unblu calls into Parley with web API %s', (apiVersion) => {
  let h: ContractHarness;

  beforeAll(async () => {
    h = await startContractHarness(apiVersion);
  });
  afterAll(async () => {
    await h.close();
  });

  const linked = (options: LinkOptions = {}) => linkConversation(h, options);

  it('retries a call Parley could not accept, with the same id and a higher retry number', async () => {
    const { conversation } = await linked();
    const original = h.listener.onAgentMessage.bind(h.listener);
    let failures = 1;
    const spy = jest.spyOn(h.listener, 'onAgentMessage').mockImplementation(async (event) => {
      if (failures-- > 0) throw new TransientError('store busy');
      return original(event);
    });
    try {
      const reply = await h.sim.agentSendText(conversation.id, 'second try');
      await h.sim.waitFor(() => h.listener.agentMessages.find((e) => e.messageId === reply.id));
      const calls = spy.mock.calls.map(([event]) => event).filter((e) => e.messageId === reply.id);
      expect(calls.map((e) => e.delivery.retryNo)).toEqual([0, 1]);
      expect(calls[1]?.delivery.id).toBe(calls[0]?.delivery.id);
      expect(calls[0]?.delivery.id).toEqual(expect.any(String));
      await h.sim.idle();
      const attempts = h.sim.deliveries().filter((d) => JSON.stringify(d.requestBody).includes(reply.id));
      expect(attempts.map((d) => d.status)).toEqual([503, 200]);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports an agent reading a customer message when the channel handles states itself', async () => {
    const { channel, visitor, conversation } = await linked({ messageStateHandledExternally: true });
    const { messageId } = await h.gateway.messages.send({
      channelId: channel.id,
      conversationId: conversation.id,
      visitor,
      sourceId: 'ext-42',
      content: { kind: 'text', text: 'Are you there?' },
    });
    await h.sim.agentRead(conversation.id, [messageId]);
    const state = await h.sim.waitFor(() => h.listener.states.find((s) => s.messageId === messageId));
    expect(state).toMatchObject({ conversationId: conversation.id, state: 'READ', externalMessageId: 'ext-42' });
  });

  it('never calls Parley for an internal agent message', async () => {
    const { conversation } = await linked();
    const internal = await h.sim.agentSendText(conversation.id, 'note for colleagues', { internal: true });
    const visible = await h.sim.agentSendText(conversation.id, 'for the customer');
    await h.sim.waitFor(() => h.listener.agentMessages.find((e) => e.messageId === visible.id));
    await h.sim.idle();
    expect(h.listener.agentMessages.some((e) => e.messageId === internal.id)).toBe(false);
  });
});
