import { createHmac } from 'node:crypto';
import {
  API_VERSIONS,
  call,
  type Chat,
  createChannel,
  type Harness,
  openChat,
  SECRET,
  sentMessageId,
  startHarness,
  text,
  visitorSends,
} from '../test-support.spec-helper.js';

describe.each(API_VERSIONS)('message states handled externally (%s)', (apiVersion) => {
  let h: Harness;
  let chat: Chat;
  beforeEach(async () => {
    h = await startHarness({ apiVersion });
    const channel = await createChannel(h.sim, h.endpoint.url, { messageStateHandledExternally: true });
    chat = await openChat(h.sim, channel.id);
  });
  afterEach(() => h.close());

  it('leaves agent messages undelivered until the middleware reports', async () => {
    const sent = await h.sim.agentSendText(chat.conversationId, 'Hallo');
    await h.sim.idle();
    expect(h.sim.messages(chat.conversationId)[0]).toMatchObject({ dispatch: { status: 'succeeded' }, deliveredAt: null, readAt: null });
    const body = { conversationId: chat.conversationId, messageId: sent.id };
    const path = apiVersion === 'v4' ? `/externalmessengers/${chat.channelId}/messageDelivered` : '/externalmessengers/messageDelivered';
    const res = await call(h.sim, 'POST', path, apiVersion === 'v4' ? body : { ...body, externalMessengerChannelId: chat.channelId });
    expect(res.status).toBe(204);
    expect(h.sim.messages(chat.conversationId)[0]).toMatchObject({ deliveredAt: expect.any(Number), readAt: null });
  });

  it('tells the middleware when an agent reads a messenger message, with the external source id', async () => {
    const messageId = sentMessageId(h.sim, await visitorSends(h.sim, chat, text('Ist jemand da?'), 'signal-1700000000'));
    const read = await h.sim.agentRead(chat.conversationId);
    expect(read.map((m) => m.id)).toEqual([messageId]);
    await h.sim.idle();

    expect(h.endpoint.requests).toHaveLength(1);
    const [request] = h.endpoint.requests;
    const stateFields = {
      messageId,
      state: 'READ',
      sourceId: 'signal-1700000000',
      externalMessengerChannelId: chat.channelId,
      conversationId: chat.conversationId,
    };
    if (apiVersion === 'v4') {
      expect(request.headers['x-unblu-service-name']).toBe('outbound.external_messenger.message_state');
      expect(request.body).toMatchObject({ $_type: 'ExternalMessengerMessageStateRequest', serviceName: 'outbound.external_messenger.message_state', ...stateFields });
    } else {
      expect(request.headers['x-unblu-event']).toBe('external_messenger.message_state');
      expect(request.body).toMatchObject({ $_type: 'ExternalMessengerMessageStateEvent', eventType: 'external_messenger.message_state', ...stateFields });
    }
    expect(request.headers['x-unblu-signature-256']).toBe(createHmac('sha256', SECRET).update(request.raw).digest('hex'));
    expect(h.sim.messages(chat.conversationId)[0].readAt).toEqual(expect.any(Number));

    // Reading again changes nothing and calls nobody.
    expect(await h.sim.agentRead(chat.conversationId)).toEqual([]);
    await h.sim.idle();
    expect(h.endpoint.requests).toHaveLength(1);
  });
});

describe('message states handled by Unblu', () => {
  it('does not report agent reads to the middleware', async () => {
    const h = await startHarness();
    try {
      const channel = await createChannel(h.sim, h.endpoint.url, { messageStateHandledExternally: false });
      const chat = await openChat(h.sim, channel.id);
      sentMessageId(h.sim, await visitorSends(h.sim, chat, text('Hallo')));
      expect(await h.sim.agentRead(chat.conversationId)).toHaveLength(1);
      await h.sim.idle();
      expect(h.endpoint.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('requireSignedResponses', () => {
  it('counts unsigned answers as failures when asked to', async () => {
    const h = await startHarness({ outbound: { requireSignedResponses: true, retryCount: 0 } });
    try {
      const channel = await createChannel(h.sim, h.endpoint.url);
      const chat = await openChat(h.sim, channel.id);
      await h.sim.agentSendText(chat.conversationId, 'Hallo');
      await h.sim.idle();
      expect(h.sim.messages(chat.conversationId)[0].dispatch).toMatchObject({ status: 'failed', error: expect.stringContaining('signature') });
    } finally {
      await h.close();
    }
  });
});
