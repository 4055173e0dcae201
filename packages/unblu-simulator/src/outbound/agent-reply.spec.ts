import { createHmac } from 'node:crypto';
import {
  ADMIN_AUTH,
  API_VERSIONS,
  type Chat,
  createChannel,
  defaultReply,
  type Harness,
  openChat,
  SECRET,
  startHarness,
} from '../test-support.spec-helper.js';

const hmac = (algorithm: 'sha1' | 'sha256', bytes: Buffer) => createHmac(algorithm, SECRET).update(bytes).digest('hex');

describe.each(API_VERSIONS)('agent replies reach the channel endpoint (%s)', (apiVersion) => {
  const outbound = apiVersion === 'v4';
  const nameHeader = outbound ? 'x-unblu-service-name' : 'x-unblu-event';
  const idHeader = outbound ? 'x-unblu-invocation-id' : 'x-unblu-event-id';
  let h: Harness;
  let chat: Chat;
  beforeEach(async () => {
    h = await startHarness({ apiVersion, outbound: { retryCount: 2, retryDelayMs: 10, timeoutMs: 300 } });
    const channel = await createChannel(h.sim, h.endpoint.url, outbound ? { outboundTimeoutMillis: 300 } : {});
    chat = await openChat(h.sim, channel.id);
  });
  afterEach(() => h.close());

  it('sends a signed call with Unblu headers and the message in the version payload', async () => {
    await h.sim.agentSendText(chat.conversationId, 'Guten Tag, hier ist Anna.');
    await h.sim.idle();
    expect(h.endpoint.requests).toHaveLength(1);
    const [request] = h.endpoint.requests;
    expect(request.headers).toMatchObject({
      'user-agent': 'Unblu-Hookshot',
      'content-type': 'application/json; charset=UTF-8',
      [nameHeader]: outbound ? 'outbound.external_messenger.new_message' : 'external_messenger.new_message',
      'x-unblu-retry-no': '0',
      'x-unblu-version': apiVersion,
      'x-unblu-signature': hmac('sha1', request.raw),
      'x-unblu-signature-256': hmac('sha256', request.raw),
    });
    expect(request.headers[idHeader]).toEqual(expect.any(String));
    expect(request.headers['x-unblu-delivery']).toEqual(expect.any(String));

    const message = request.body.conversationMessage;
    expect(message).toMatchObject({
      $_type: 'TextMessageData',
      type: 'TEXT',
      text: 'Guten Tag, hier ist Anna.',
      fallbackText: 'Guten Tag, hier ist Anna.',
      conversationId: chat.conversationId,
      externalMessengerChannelId: chat.channelId,
      internal: false,
      serverTimestamp: expect.any(Number),
      senderPerson: { $_type: 'PersonData', personType: 'AGENT', displayName: 'Anna Meier' },
    });
    if (outbound) {
      expect(request.body).toMatchObject({ $_type: 'ExternalMessengerNewMessageRequest', serviceName: 'outbound.external_messenger.new_message' });
      expect(request.body.receivingContacts).toEqual([expect.objectContaining({ $_type: 'ExternalMessengerContact', id: chat.contactId })]);
      expect(message.senderPerson.displayNameForVisitor).toBe('Anna');
    } else {
      expect(request.body).toMatchObject({ $_type: 'ExternalMessengerNewMessageEvent', eventType: 'external_messenger.new_message', timestamp: expect.any(Number) });
    }
  });

  it('records the outcome: external id (v4), delivered and read when the channel does not handle states', async () => {
    const sent = await h.sim.agentSendText(chat.conversationId, 'Hallo');
    await h.sim.idle();
    const [message] = h.sim.messages(chat.conversationId);
    expect(message.dispatch).toMatchObject({ status: 'succeeded' });
    expect(message.externalMessageId).toBe(outbound ? `ext-${sent.id}` : null);
    expect(message.deliveredAt).toEqual(expect.any(Number));
    expect(message.readAt).toEqual(expect.any(Number));
    expect(h.sim.deliveries()[0]).toMatchObject({ ok: true, status: 200, retryNo: 0, responseSignatureValid: false });
  });

  it('retries a failing endpoint with increasing retry numbers under one invocation id', async () => {
    h.endpoint.reply = (request, index) => (index < 2 ? { status: 503 } : defaultReply(request));
    await h.sim.agentSendText(chat.conversationId, 'Bitte warten');
    await h.sim.idle();
    const attempts = h.endpoint.requests;
    expect(attempts.map((r) => r.headers['x-unblu-retry-no'])).toEqual(['0', '1', '2']);
    expect(new Set(attempts.map((r) => r.headers[idHeader])).size).toBe(1);
    expect(new Set(attempts.map((r) => r.headers['x-unblu-delivery'])).size).toBe(3);
    expect(attempts.map((r) => r.raw.toString())).toEqual(Array(3).fill(attempts[0].raw.toString()));
    expect(h.sim.messages(chat.conversationId)[0].dispatch.status).toBe('succeeded');
    expect(h.sim.deliveries().map((d) => d.status)).toEqual([503, 503, 200]);
  });

  it('gives up after the retries when the endpoint answers too slowly and marks the dispatch failed', async () => {
    h.endpoint.reply = (request) => ({ ...defaultReply(request), delayMs: 600 });
    await h.sim.agentSendText(chat.conversationId, 'Hallo?');
    await h.sim.idle();
    const [message] = h.sim.messages(chat.conversationId);
    expect(message.dispatch).toMatchObject({ status: 'failed', error: expect.stringContaining('timed out') });
    expect(message.readAt).toBeNull();
    expect(h.sim.deliveries()).toHaveLength(3);
    expect(h.sim.deliveries().every((d) => d.status === null && d.error?.includes('timed out'))).toBe(true);
  });

  if (outbound) {
    it('retries an answer that is not JSON, and records whether an answer was signed', async () => {
      h.endpoint.reply = (request, index) => {
        if (index === 0) return { rawBody: 'OK' };
        const body = JSON.stringify({ $_type: 'ExternalMessengerNewMessageResponse', externalMessageId: 'tg-77' });
        return { rawBody: body, headers: { 'x-unblu-signature-256': createHmac('sha256', SECRET).update(body).digest('hex') } };
      };
      await h.sim.agentSendText(chat.conversationId, 'Hallo');
      await h.sim.idle();
      expect(h.sim.deliveries().map((d) => [d.ok, d.error, d.responseSignatureValid])).toEqual([
        [false, 'answer is not JSON', false],
        [true, null, true],
      ]);
      expect(h.sim.messages(chat.conversationId)[0].externalMessageId).toBe('tg-77');
    });
  }

  it('never sends internal messages and skips channels Unblu has disabled', async () => {
    await h.sim.agentSendText(chat.conversationId, 'nur intern', { internal: true });
    h.sim.setChannelWebhookStatus(chat.channelId, 'INACTIVE_UNAVAILABLE');
    await h.sim.agentSendText(chat.conversationId, 'niemand hört zu');
    await h.sim.idle();
    expect(h.endpoint.requests).toHaveLength(0);
    const [internal, skipped] = h.sim.messages(chat.conversationId);
    expect(internal.dispatch.status).toBe('not_applicable');
    expect(skipped.dispatch).toEqual({ status: 'skipped', reason: 'channel webhookStatus is INACTIVE_UNAVAILABLE' });
  });

  it('sends files as download links that work with Basic auth', async () => {
    const data = Buffer.from('%PDF-1.7 contract');
    await h.sim.agentSendFile(chat.conversationId, { fileName: 'contract.pdf', mimeType: 'application/pdf', data, caption: 'Ihr Vertrag' });
    await h.sim.idle();
    const message = h.endpoint.requests[0].body.conversationMessage;
    expect(message).toMatchObject({ $_type: 'FileMessageData', type: 'FILE', fileName: 'contract.pdf', mimeType: 'application/pdf', caption: 'Ihr Vertrag', totalSize: data.length, fileStatus: 'COMPLETED' });
    const url: string = outbound
      ? message.downloadLinks.find((l: { type: string }) => l.type === 'WEB_API').url
      : message.downloadLink;
    const res = await fetch(url, { headers: { Authorization: ADMIN_AUTH } });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(data);
  });

  it('keeps an agent person other than the default when asked to', async () => {
    await h.sim.agentSendText(chat.conversationId, 'Ich übernehme', {
      agent: { username: 'ben.keller', firstName: 'Ben', lastName: 'Keller' },
    });
    await h.sim.idle();
    expect(h.endpoint.requests[0].body.conversationMessage.senderPerson.displayName).toBe('Ben Keller');
    expect(h.sim.conversation(chat.conversationId)).toMatchObject({ state: 'ACTIVE' });
  });
});
