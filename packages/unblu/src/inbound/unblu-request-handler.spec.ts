import { createHmac } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { ConfigError, PermanentError, TransientError, type UnbluEventListener } from '@parley/core';
import express, { type Express } from 'express';
import request, { type Response } from 'supertest';
import { signedUnbluCall, type SignedUnbluCall, type UnbluCallSpec } from './testing/signed-unblu-call.js';
import {
  CHANNEL_ID,
  CONTACT_ID,
  CONTACT_SOURCE_ID,
  CONVERSATION_ID,
  DOWNLOAD_URL,
  MESSAGE_ID,
  SERVER_TIMESTAMP,
  VISITOR_PERSON_ID,
  agentPerson,
  conversationEndedEvent,
  fileMessageData,
  outboundCreateContactRequest,
  outboundMessageStateRequest,
  outboundNewMessageRequest,
  outboundPingRequest,
  textMessageData,
  v3FileMessageData,
  webhookNewMessageEvent,
  webhookPingEvent,
} from './testing/unblu-call-fixtures.js';
import { createUnbluRequestHandler } from './unblu-request-handler.js';
import type { UnbluRequestHandlerOptions } from './unblu-request-handler-options.js';

const SECRET = 'current-channel-secret';
const OLD_SECRET = 'previous-channel-secret';
const NEW_MESSAGE = 'outbound.external_messenger.new_message';

type FakeListener = { [K in keyof Required<UnbluEventListener>]: jest.Mock };

function fakeListener(): FakeListener {
  return {
    onAgentMessage: jest.fn().mockResolvedValue({ externalMessageId: 'parley-msg-0001' }),
    onMessageState: jest.fn().mockResolvedValue(undefined),
    onConversationEvent: jest.fn().mockResolvedValue(undefined),
    onPing: jest.fn(),
  };
}

function appWith(listener: FakeListener, options: Partial<UnbluRequestHandlerOptions> = {}): Express {
  const app = express();
  app.use('/unblu', createUnbluRequestHandler({ secrets: [SECRET, OLD_SECRET], listener, ...options }));
  return app;
}

/** Keeps the response body as the exact bytes received, so its signature can be checked. */
function rawBody(res: EventEmitter, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

function send(app: Express, call: SignedUnbluCall): Promise<Response> {
  return request(app).post('/unblu').set(call.headers).send(call.body).buffer(true).parse(rawBody);
}

function sendCall(app: Express, payload: unknown, spec: UnbluCallSpec): Promise<Response> {
  return send(app, signedUnbluCall(payload, { secret: SECRET, ...spec }));
}

const json = (res: Response): unknown => JSON.parse((res.body as Buffer).toString('utf8'));

/** Checks the answer's signatures with node:crypto directly, over the bytes received. */
function expectSignedBy(res: Response, secret: string): void {
  const bytes = res.body as Buffer;
  expect(res.headers['x-unblu-signature-256']).toBe(createHmac('sha256', secret).update(bytes).digest('hex'));
  expect(res.headers['x-unblu-signature']).toBe(createHmac('sha1', secret).update(bytes).digest('hex'));
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.headers['content-encoding']).toBeUndefined();
}

function expectNothingCalled(listener: FakeListener): void {
  for (const method of Object.values(listener)) expect(method).not.toHaveBeenCalled();
}

describe('createUnbluRequestHandler: refusing what is not a genuine Unblu call', () => {
  it('answers 401 with a reason to an unsigned call and calls nothing', async () => {
    const listener = fakeListener();
    const res = await send(appWith(listener), signedUnbluCall(outboundNewMessageRequest(), { serviceName: NEW_MESSAGE }));
    expect(res.status).toBe(401);
    expect(json(res)).toStrictEqual({ error: 'invalid signature', detail: 'missing signature' });
    expectNothingCalled(listener);
  });

  it('answers 401 to a call signed with an unknown secret', async () => {
    const listener = fakeListener();
    const call = signedUnbluCall(outboundNewMessageRequest(), { secret: 'attacker-guess', serviceName: NEW_MESSAGE });
    const res = await send(appWith(listener), call);
    expect(res.status).toBe(401);
    expect(json(res)).toStrictEqual({ error: 'invalid signature', detail: 'invalid x-unblu-signature-256' });
    expectNothingCalled(listener);
  });

  it('answers 401 when the body was changed after signing', async () => {
    const listener = fakeListener();
    const call = signedUnbluCall(outboundNewMessageRequest(), { secret: SECRET, serviceName: NEW_MESSAGE });
    const res = await send(appWith(listener), { ...call, body: call.body.replace('"internal":false', '"internal":true ') });
    expect(res.status).toBe(401);
    expectNothingCalled(listener);
  });

  it.each([
    ['a wrong', 'curl/8.5.0'],
    ['a look-alike', 'Unblu-Hookshot-Fake'],
  ])('answers 401 to %s User-Agent', async (_label, userAgent) => {
    const listener = fakeListener();
    const call = signedUnbluCall(outboundPingRequest(), { secret: SECRET, serviceName: 'outbound.ping' });
    const res = await send(appWith(listener), { ...call, headers: { ...call.headers, 'user-agent': userAgent } });
    expect(res.status).toBe(401);
    expect(json(res)).toStrictEqual({ error: 'unexpected user agent', detail: 'expected Unblu-Hookshot' });
    expectNothingCalled(listener);
  });

  it('accepts a versioned User-Agent, and any when the check is disabled', async () => {
    const call = signedUnbluCall(outboundPingRequest(), { secret: SECRET, serviceName: 'outbound.ping' });
    const versioned = { ...call, headers: { ...call.headers, 'user-agent': 'Unblu-Hookshot/8.14.4' } };
    expect((await send(appWith(fakeListener()), versioned)).status).toBe(200);
    const curl = { ...call, headers: { ...call.headers, 'user-agent': 'curl/8.5.0' } };
    expect((await send(appWith(fakeListener(), { expectedUserAgent: false }), curl)).status).toBe(200);
  });

  it('answers 413 to a body over the limit', async () => {
    const listener = fakeListener();
    const message = textMessageData({ text: 'x'.repeat(4096) });
    const res = await sendCall(appWith(listener, { maxBodyBytes: 2048 }), outboundNewMessageRequest(message), { serviceName: NEW_MESSAGE });
    expect(res.status).toBe(413);
    expect(json(res)).toStrictEqual({ error: 'payload too large', detail: 'the limit is 2048 bytes' });
    expectNothingCalled(listener);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await sendCall(appWith(fakeListener()), '{"$_type":"PingRequest",', { serviceName: 'outbound.ping' });
    expect(res.status).toBe(400);
    expect(json(res)).toStrictEqual({ error: 'malformed JSON', detail: 'the body is not valid JSON' });
  });

  it('answers 400 naming a missing required field, and calls nothing', async () => {
    const listener = fakeListener();
    const body = outboundNewMessageRequest(textMessageData({ conversationId: undefined }));
    const res = await sendCall(appWith(listener), body, { serviceName: NEW_MESSAGE });
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({ error: 'invalid payload', detail: expect.stringContaining('conversationMessage.conversationId') });
    expectNothingCalled(listener);
  });

  it('answers 400 when neither or both call names are given', async () => {
    const neither = await sendCall(appWith(fakeListener()), outboundPingRequest(), {});
    expect(neither.status).toBe(400);
    expect(json(neither)).toMatchObject({ error: 'missing call name' });
    const both = await sendCall(appWith(fakeListener()), outboundPingRequest(), { serviceName: 'outbound.ping', event: 'ping' });
    expect(both.status).toBe(400);
    expect(json(both)).toMatchObject({ error: 'ambiguous call name' });
  });

  it('answers 500 without guessing when a body parser ran before it', async () => {
    const app = express();
    app.use(express.json({ type: () => true }));
    app.use('/unblu', createUnbluRequestHandler({ secrets: [SECRET], listener: fakeListener() }));
    const res = await sendCall(app, outboundPingRequest(), { serviceName: 'outbound.ping' });
    expect(res.status).toBe(500);
  });

  it('refuses invalid options at creation', () => {
    expect(() => createUnbluRequestHandler({ secrets: [], listener: fakeListener() })).toThrow(ConfigError);
    expect(() => createUnbluRequestHandler({ secrets: [''], listener: fakeListener() })).toThrow(/secrets\.0/);
    expect(() => createUnbluRequestHandler({ secrets: [SECRET], listener: fakeListener(), maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
  });
});

describe('createUnbluRequestHandler: pings', () => {
  it('answers an outbound ping with the same pingId, signed', async () => {
    const listener = fakeListener();
    const res = await sendCall(appWith(listener), outboundPingRequest('CD-Wj4RyTVOhx0oC_PCX_g'), { serviceName: 'outbound.ping', invocationId: 'inv-ping' });
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({ $_type: 'PingResponse', pingId: 'CD-Wj4RyTVOhx0oC_PCX_g' });
    expectSignedBy(res, SECRET);
    expect(listener.onPing).toHaveBeenCalledWith({
      type: 'ping',
      delivery: { mechanism: 'outbound', name: 'outbound.ping', id: 'inv-ping', retryNo: 0 },
      pingId: 'CD-Wj4RyTVOhx0oC_PCX_g',
    });
  });

  it('answers a webhook ping with 200, even when onPing throws', async () => {
    const listener = fakeListener();
    listener.onPing.mockImplementation(() => {
      throw new Error('doctor not listening');
    });
    const res = await sendCall(appWith(listener), webhookPingEvent(), { event: 'ping' });
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({});
    expectSignedBy(res, SECRET);
    expect(listener.onPing).toHaveBeenCalledTimes(1);
  });
});

describe('createUnbluRequestHandler: agent messages', () => {
  it('hands a v4 text message to the listener and answers with its externalMessageId, signed', async () => {
    const listener = fakeListener();
    const message = textMessageData({ senderPerson: agentPerson({ displayNameForVisitor: null }), internal: true });
    const spec = { serviceName: NEW_MESSAGE, invocationId: 'inv-42', deliveryId: 'dlv-42', retryNo: 1 };
    const res = await sendCall(appWith(listener), outboundNewMessageRequest(message), spec);
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({ $_type: 'ExternalMessengerNewMessageResponse', externalMessageId: 'parley-msg-0001' });
    expectSignedBy(res, SECRET);
    expect(listener.onAgentMessage).toHaveBeenCalledTimes(1);
    expect(listener.onAgentMessage).toHaveBeenCalledWith({
      type: 'agent-message',
      delivery: { mechanism: 'outbound', name: NEW_MESSAGE, id: 'inv-42', deliveryId: 'dlv-42', retryNo: 1 },
      channelId: CHANNEL_ID,
      conversationId: CONVERSATION_ID,
      messageId: MESSAGE_ID,
      sender: { personId: expect.any(String), personType: 'AGENT', displayName: 'Jane Doe (Private Banking)' },
      internal: true,
      content: { kind: 'text', text: 'Guten Tag, wie kann ich helfen?', markdown: false },
      receivingContacts: [{ contactId: CONTACT_ID, sourceId: CONTACT_SOURCE_ID, personId: VISITOR_PERSON_ID }],
      sentAt: SERVER_TIMESTAMP,
    });
  });

  it('answers only after the listener has accepted the message (durable before acknowledged)', async () => {
    const listener = fakeListener();
    let accept: (value: { externalMessageId: string }) => void = () => undefined;
    listener.onAgentMessage.mockReturnValue(new Promise((resolve) => (accept = resolve)));
    let answered = false;
    const pending = sendCall(appWith(listener), outboundNewMessageRequest(textMessageData()), { serviceName: NEW_MESSAGE }).then(
      (res) => {
        answered = true;
        return res;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listener.onAgentMessage).toHaveBeenCalledTimes(1);
    expect(answered).toBe(false);
    accept({ externalMessageId: 'parley-late' });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ externalMessageId: 'parley-late' });
  });

  it('hands a v4 file message over with its WEB_API download URL', async () => {
    const listener = fakeListener();
    listener.onAgentMessage.mockResolvedValue({ externalMessageId: 'parley-file-7' });
    const res = await sendCall(appWith(listener), outboundNewMessageRequest(fileMessageData()), { serviceName: NEW_MESSAGE });
    expect(json(res)).toStrictEqual({ $_type: 'ExternalMessengerNewMessageResponse', externalMessageId: 'parley-file-7' });
    expect(listener.onAgentMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        content: { kind: 'file', file: { url: DOWNLOAD_URL, fileName: 'Kontoauszug_2024.pdf', mimeType: 'application/pdf', size: 48213 }, caption: 'Ihr Kontoauszug' },
      }),
    );
  });

  it('hands v3 webhook messages (text and file) over and acknowledges them with a signed {}', async () => {
    const listener = fakeListener();
    const app = appWith(listener);
    const spec = { event: 'external_messenger.new_message', eventId: 'evt-3', retryNo: 4 };
    const text = await sendCall(app, webhookNewMessageEvent(), spec);
    const file = await sendCall(app, webhookNewMessageEvent(v3FileMessageData()), spec);
    for (const res of [text, file]) {
      expect(res.status).toBe(200);
      expect(json(res)).toStrictEqual({});
      expectSignedBy(res, SECRET);
    }
    const [[textEvent], [fileEvent]] = listener.onAgentMessage.mock.calls as [[unknown], [unknown]];
    expect(textEvent).toMatchObject({
      delivery: { mechanism: 'webhook', name: 'external_messenger.new_message', id: 'evt-3', retryNo: 4 },
      channelId: CHANNEL_ID,
      sender: { personType: 'AGENT', displayName: 'Jane Doe (Private Banking)' },
      content: { kind: 'text' },
      receivingContacts: [],
    });
    expect(fileEvent).toMatchObject({ content: { kind: 'file', file: { url: DOWNLOAD_URL.replace('/rest/v4/', '/rest/v3/') } } });
  });

  it('accepts a call signed with a previous secret and signs the answer with that secret', async () => {
    const listener = fakeListener();
    const call = signedUnbluCall(outboundNewMessageRequest(), { secret: OLD_SECRET, serviceName: NEW_MESSAGE });
    const res = await send(appWith(listener), call);
    expect(res.status).toBe(200);
    expectSignedBy(res, OLD_SECRET);
    expect(listener.onAgentMessage).toHaveBeenCalledTimes(1);
  });

  it('answers 503 with Retry-After when the listener fails transiently', async () => {
    const listener = fakeListener();
    listener.onAgentMessage.mockRejectedValue(new TransientError('store busy', 'store.busy', { retryAfterMs: 2500 }));
    const res = await sendCall(appWith(listener), outboundNewMessageRequest(), { serviceName: NEW_MESSAGE });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(json(res)).toStrictEqual({ error: 'temporarily unavailable' });
    expectSignedBy(res, SECRET);
  });

  it.each([
    ['an unexpected error', new Error('SQLITE_CORRUPT at /var/lib/parley/db.sqlite')],
    ['a permanent error', new PermanentError('secret detail: chat 4711 unknown')],
  ])('answers 500 without leaking %s', async (_label, error) => {
    const listener = fakeListener();
    listener.onAgentMessage.mockRejectedValue(error);
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
    const res = await sendCall(appWith(listener, { logger }), outboundNewMessageRequest(), { serviceName: NEW_MESSAGE, invocationId: 'inv-500' });
    expect(res.status).toBe(500);
    expect(json(res)).toStrictEqual({ error: 'internal error' });
    expect((res.body as Buffer).toString('utf8')).not.toContain(error.message.slice(0, 12));
    expect(res.headers['retry-after']).toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: error, id: 'inv-500', name: NEW_MESSAGE }), expect.any(String));
  });

  it('answers 500 when the listener resolves without an externalMessageId', async () => {
    const listener = fakeListener();
    listener.onAgentMessage.mockResolvedValue({ externalMessageId: '' });
    const res = await sendCall(appWith(listener), outboundNewMessageRequest(), { serviceName: NEW_MESSAGE });
    expect(res.status).toBe(500);
  });
});

describe('createUnbluRequestHandler: states, lifecycle and other calls', () => {
  it('hands an outbound message state over and answers ExternalMessengerMessageStateResponse', async () => {
    const listener = fakeListener();
    const serviceName = 'outbound.external_messenger.message_state';
    const res = await sendCall(appWith(listener), outboundMessageStateRequest(), { serviceName });
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({ $_type: 'ExternalMessengerMessageStateResponse' });
    expectSignedBy(res, SECRET);
    expect(listener.onMessageState).toHaveBeenCalledWith({
      type: 'message-state',
      delivery: { mechanism: 'outbound', name: serviceName, retryNo: 0 },
      channelId: CHANNEL_ID,
      conversationId: CONVERSATION_ID,
      messageId: 'cUst0m3rM3ss4g3IdAbCdE',
      state: 'READ',
      externalMessageId: 'telegram-msg-4711',
    });
  });

  it('hands conversation.ended over', async () => {
    const listener = fakeListener();
    const res = await sendCall(appWith(listener), conversationEndedEvent(), { event: 'conversation.ended', eventId: 'evt-end' });
    expect(res.status).toBe(200);
    expect(listener.onConversationEvent).toHaveBeenCalledWith({
      type: 'conversation',
      delivery: { mechanism: 'webhook', name: 'conversation.ended', id: 'evt-end', retryNo: 0 },
      change: 'ended',
      conversationId: CONVERSATION_ID,
      channelId: CHANNEL_ID,
      sourceId: 'telegram:123456789',
      state: 'ENDED',
      endReason: 'ENDED_BY_PARTICIPANT',
    });
  });

  it('declines agent-initiated contact with a typed ERROR response', async () => {
    const listener = fakeListener();
    const serviceName = 'outbound.external_messenger.create_contact';
    const res = await sendCall(appWith(listener), outboundCreateContactRequest(), { serviceName });
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({
      $_type: 'ExternalMessengerCreateContactErrorResponse',
      type: 'ERROR',
      errorText: expect.stringContaining('does not support agent-initiated contacts'),
    });
    expectSignedBy(res, SECRET);
    expectNothingCalled(listener);
  });

  it('acknowledges an unknown event with 200 {} and calls nothing', async () => {
    const listener = fakeListener();
    const res = await sendCall(appWith(listener), { $_type: 'PersonUpdatedEvent', person: {} }, { event: 'person.updated' });
    expect(res.status).toBe(200);
    expect(json(res)).toStrictEqual({});
    expectNothingCalled(listener);
  });

  it.each(['application/json', 'application/json; charset=UTF-8', 'application/vnd.unblu+json'])(
    'accepts the JSON content type %s',
    async (contentType) => {
      const call = signedUnbluCall(outboundPingRequest('p-ct'), { secret: SECRET, serviceName: 'outbound.ping' });
      const res = await send(appWith(fakeListener()), { ...call, headers: { ...call.headers, 'content-type': contentType } });
      expect(res.status).toBe(200);
      expect(json(res)).toStrictEqual({ $_type: 'PingResponse', pingId: 'p-ct' });
    },
  );
});
