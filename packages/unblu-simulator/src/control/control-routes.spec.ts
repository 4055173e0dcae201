import type { AnyJson, Chat, Harness } from '../test-support.spec-helper.js';
import { createChannel, openChat, startHarness, text, visitorSends } from '../test-support.spec-helper.js';

describe('control API and agent page', () => {
  let h: Harness;
  let chat: Chat;
  beforeEach(async () => {
    h = await startHarness();
    const channel = await createChannel(h.sim, h.endpoint.url);
    chat = await openChat(h.sim, channel.id, 'chat-ctl');
  });
  afterEach(() => h.close());

  const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: AnyJson }> => {
    const res = await fetch(`${h.sim.url}/sim/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('lists conversations with channel, source id, state and participants', async () => {
    const { status, body } = await control('GET', '/conversations');
    expect(status).toBe(200);
    expect(body).toEqual([
      expect.objectContaining({
        id: chat.conversationId,
        channelId: chat.channelId,
        sourceId: 'chat-ctl',
        state: 'QUEUED',
        participants: [expect.objectContaining({ personId: chat.personId, viaMessenger: true, participationType: 'CONTEXT_PERSON' })],
      }),
    ]);
  });

  it('lets an agent reply, send a file, read and end, without authentication', async () => {
    await visitorSends(h.sim, chat, text('Hallo'), 'sig-1');
    const reply = await control('POST', `/conversations/${chat.conversationId}/messages`, { text: 'Grüezi' });
    expect(reply).toMatchObject({ status: 200, body: { direction: 'agent', text: 'Grüezi', senderName: 'Anna Meier' } });
    const file = await control('POST', `/conversations/${chat.conversationId}/files`, {
      fileName: 'a.txt',
      mimeType: 'text/plain',
      dataBase64: Buffer.from('abc').toString('base64'),
    });
    expect(file.body.file).toMatchObject({ fileName: 'a.txt', size: 3 });
    const read = await control('POST', `/conversations/${chat.conversationId}/read`, {});
    expect(read.body.map((m: { sourceId: string }) => m.sourceId)).toEqual(['sig-1']);
    await h.sim.idle();

    const messages = (await control('GET', `/conversations/${chat.conversationId}/messages`)).body;
    expect(messages.map((m: AnyJson) => [m.direction, m.type, m.dispatch.status])).toEqual([
      ['visitor', 'TEXT', 'not_applicable'],
      ['agent', 'TEXT', 'succeeded'],
      ['agent', 'FILE', 'succeeded'],
    ]);
    expect(messages[1].externalMessageId).toBe(`ext-${messages[1].id}`);
    const agentDeskFile = await fetch(`${h.sim.url}/sim/files/${messages[2].file.fileStoreId}`);
    expect(await agentDeskFile.text()).toBe('abc');

    const ended = await control('POST', `/conversations/${chat.conversationId}/end`, { reason: 'ENDED_BY_PARTICIPANT' });
    expect(ended.body).toMatchObject({ state: 'ENDED', endReason: 'ENDED_BY_PARTICIPANT' });
    const tooLate = await control('POST', `/conversations/${chat.conversationId}/messages`, { text: 'noch da?' });
    expect(tooLate.status).toBe(409);
  });

  it('shows deliveries and channels, switches a channel off, and sets faults', async () => {
    await h.sim.agentSendText(chat.conversationId, 'Hallo');
    await h.sim.idle();
    const deliveries = (await control('GET', '/deliveries')).body;
    expect(deliveries).toEqual([expect.objectContaining({ kind: 'outbound', name: 'outbound.external_messenger.new_message', status: 200, ok: true })]);

    const channel = await control('POST', `/channels/${chat.channelId}/webhook-status`, { status: 'INACTIVE' });
    expect(channel.body).toMatchObject({ id: chat.channelId, webhookStatus: 'INACTIVE', version: 2 });
    expect((await control('GET', '/channels')).body).toEqual([channel.body]);

    const faults = await control('PUT', '/faults', { errorRate: 0.25, failNext: { count: 1 } });
    expect(faults.body).toMatchObject({ errorRate: 0.25, failNext: { count: 1, status: 500 } });
    expect((await control('PUT', '/faults', { dropRate: 3 })).status).toBe(400);
  });

  it('serves the agent page at / and /sim as self-contained HTML', async () => {
    for (const path of ['/', '/sim', '/sim/']) {
      const res = await fetch(`${h.sim.url}${path}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('/sim/api');
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    }
    expect(h.sim.agentPageUrl).toBe(`${h.sim.url}/`);
  });
});
