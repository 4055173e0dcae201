import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulator } from '../unblu-simulator.js';
import {
  ADMIN_AUTH,
  API_VERSIONS,
  call,
  type Chat,
  createChannel,
  ID_PATTERN,
  ok,
  openChat,
  sentMessageId,
  text,
  visitorSends,
} from '../test-support.spec-helper.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe.each(API_VERSIONS)('messages from the messenger (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let chat: Chat;
  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion });
    const channel = await createChannel(sim, 'http://127.0.0.1:9/hook');
    chat = await openChat(sim, channel.id);
  });
  afterEach(() => sim.close());

  /** Where message-state reports go, in the version's shape. */
  const report = (operation: string, body: Record<string, unknown>) =>
    apiVersion === 'v4'
      ? call(sim, 'POST', `/externalmessengers/${chat.channelId}/${operation}`, body)
      : call(sim, 'POST', `/externalmessengers/${operation}`, { ...body, externalMessengerChannelId: chat.channelId });

  it('posts a text message and answers with the message id in the version shape', async () => {
    const res = await visitorSends(sim, chat, text('Grüezi'), 'signal-ts-1');
    expect(res.status).toBe(200);
    if (apiVersion === 'v4') expect(res.body).toEqual({ $_type: 'SendMessageResult', messageId: expect.stringMatching(ID_PATTERN) });
    else expect(res.body).toEqual(expect.stringMatching(ID_PATTERN));
    const [message] = sim.messages(chat.conversationId);
    expect(message).toMatchObject({
      id: sentMessageId(sim, res),
      direction: 'visitor',
      type: 'TEXT',
      text: 'Grüezi',
      sourceId: 'signal-ts-1',
      senderPersonId: chat.personId,
      senderName: 'Clara Kunde',
    });
  });

  it('decodes a file sent as data URL and serves it at the authenticated download link', async () => {
    const res = await visitorSends(sim, chat, {
      $_type: 'FilePostMessageData',
      type: 'FILE',
      fileName: 'receipt.png',
      caption: 'my receipt',
      fileData: `data:image/png;base64,${PNG.toString('base64')}`,
    });
    sentMessageId(sim, res);
    const [message] = sim.messages(chat.conversationId);
    expect(message.file).toMatchObject({ fileName: 'receipt.png', mimeType: 'image/png', size: PNG.length, caption: 'my receipt' });
    const url = message.file?.downloadUrl ?? '';
    expect(url.startsWith(`${sim.apiBaseUrl}/`)).toBe(true);

    const download = await fetch(url, { headers: { Authorization: ADMIN_AUTH } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${sim.apiBaseUrl}/files/unknown`, { headers: { Authorization: ADMIN_AUTH } })).status).toBe(404);
  });

  it('rejects a file that is not a data URL, naming the field', async () => {
    const res = await visitorSends(sim, chat, { type: 'FILE', fileName: 'x.txt', fileData: 'https://example.com/x.txt' });
    expect(res.status).toBe(400);
    expect(res.body.errorMessage).toContain('messageData.fileData');
  });

  it('accepts only senders connected via the channel, on conversations of that channel that have not ended', async () => {
    const stranger = await ok(sim, 'POST', '/persons/createOrUpdateVirtual', { sourceId: 'stranger' });
    const wrongSender = apiVersion === 'v4' ? { ...chat, contactId: 'not-a-contact' } : { ...chat, personId: stranger.id };
    expect((await visitorSends(sim, wrongSender, text('hi'))).status).toBe(400);

    const otherChannel = await createChannel(sim, 'http://127.0.0.1:9/other');
    const otherChat = await openChat(sim, otherChannel.id);
    const crossed = await visitorSends(sim, { ...otherChat, channelId: chat.channelId }, text('hi'));
    expect(crossed.status).toBe(400);
    expect(crossed.body.errorMessage).toContain('not connected to channel');

    await ok(sim, 'POST', `/conversations/${chat.conversationId}/end`, { reason: 'OTHER' });
    expect((await visitorSends(sim, chat, text('too late'))).status).toBe(409);
    expect(sim.messages(chat.conversationId)).toEqual([]);
  });

  it('records sent, failed, delivered and read reports on agent messages', async () => {
    const agentMessage = await sim.agentSendText(chat.conversationId, 'Wie kann ich helfen?');
    const ref = { conversationId: chat.conversationId, messageId: agentMessage.id };
    const failedField = apiVersion === 'v4' ? 'failState' : 'failedState';

    expect((await report('messageSendFailed', { ...ref, [failedField]: 'RETRYABLE', failureText: 'rate limited' })).status).toBe(204);
    expect(sim.messages(chat.conversationId)[0].failure).toMatchObject({ failState: 'RETRYABLE', failureText: 'rate limited' });

    expect((await report('messageSentSuccessfully', ref)).status).toBe(204);
    expect(sim.messages(chat.conversationId)[0]).toMatchObject({ sentAt: expect.any(Number), failure: null });

    expect((await report('messageRead', ref)).status).toBe(204);
    expect(sim.messages(chat.conversationId)[0]).toMatchObject({ deliveredAt: expect.any(Number), readAt: expect.any(Number) });

    const missingState = await report('messageSendFailed', ref);
    expect(missingState.status).toBe(400);
    expect(missingState.body.errorMessage).toContain(failedField);
    expect((await report('messageDelivered', { ...ref, messageId: 'unknown' })).status).toBe(404);
  });

  it('rejects state reports about messages that came from the messenger', async () => {
    const messageId = sentMessageId(sim, await visitorSends(sim, chat, text('hello')));
    const res = await report('messageDelivered', { conversationId: chat.conversationId, messageId });
    expect(res.status).toBe(400);
  });
});

describe('v3 conversation bodies', () => {
  it('rejects a contextPersonId that is not a participant', async () => {
    const sim = await startUnbluSimulator({ apiVersion: 'v3' });
    try {
      const res = await call(sim, 'POST', '/conversations/create', {
        participants: [{ personId: 'someone', connectedViaExternalMessenger: false }],
        contextPersonId: 'someone-else',
      });
      expect(res.status).toBe(400);
      expect(res.body.errorMessage).toContain('contextPersonId');
    } finally {
      await sim.close();
    }
  });
});
