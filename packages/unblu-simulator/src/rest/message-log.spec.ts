import { startUnbluSimulator } from '../start-unblu-simulator.js';
import {
  call,
  type Chat,
  createChannel,
  openChat,
  sentMessageId,
  startHarness,
  text,
  visitorSends,
  type Harness,
} from '../test-support.spec-helper.js';

describe('v4 conversationhistory/exportMessageLog', () => {
  let h: Harness;
  let chat: Chat;
  beforeEach(async () => {
    h = await startHarness({ apiVersion: 'v4' });
    const channel = await createChannel(h.sim, h.endpoint.url);
    chat = await openChat(h.sim, channel.id);
  });
  afterEach(() => h.close());

  const exportLog = (body: Record<string, unknown>, conversationId = chat.conversationId, auth?: string | null) =>
    call(h.sim, 'POST', `/conversationhistory/${conversationId}/exportMessageLog`, { $_type: 'MessageExportQuery', ...body }, auth);
  const sentAfter = (value: number) => ({
    $_type: 'SendTimestampMessageExportFilter',
    field: 'SEND_TIMESTAMP',
    operator: { $_type: 'GreaterThanTimestampOperator', type: 'GREATER_THAN', value },
  });

  it('lists the conversation messages with the messenger ids as externalMessageId', async () => {
    const visitorId = sentMessageId(h.sim, await visitorSends(h.sim, chat, text('Grüezi'), 'signal-1'));
    const agent = await h.sim.agentSendText(chat.conversationId, 'Hoi');
    await h.sim.idle();
    const note = await h.sim.agentSendText(chat.conversationId, 'internal note', { internal: true });

    const res = await exportLog({ offset: 0, limit: 10 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ $_type: 'MessageExportResult', hasMoreItems: false });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        $_type: 'ConversationHistoryMessageData',
        id: visitorId,
        conversationId: chat.conversationId,
        sendTimestamp: expect.any(Number),
        senderPersonId: chat.personId,
        type: 'TEXT',
        internal: false,
        externalMessageId: 'signal-1',
        text: 'Grüezi',
      }),
      expect.objectContaining({ id: agent.id, externalMessageId: `ext-${agent.id}`, text: 'Hoi', internal: false }),
      expect.objectContaining({ id: note.id, externalMessageId: null, internal: true }),
    ]);
  });

  it('filters by send timestamp, orders and pages by offset and limit', async () => {
    for (const n of [1, 2, 3]) sentMessageId(h.sim, await visitorSends(h.sim, chat, text(`m${n}`), `s${n}`));
    const [first] = h.sim.messages(chat.conversationId);

    const all = await exportLog({ searchFilters: [sentAfter(first.createdAt - 1)], offset: 0, limit: 2 });
    expect(all.body).toMatchObject({ hasMoreItems: true, nextOffset: 2 });
    expect(all.body.items.map((m: { externalMessageId: string }) => m.externalMessageId)).toEqual(['s1', 's2']);
    const rest = await exportLog({ searchFilters: [sentAfter(first.createdAt - 1)], offset: 2, limit: 2 });
    expect(rest.body).toMatchObject({ hasMoreItems: false, nextOffset: null });
    expect(rest.body.items.map((m: { externalMessageId: string }) => m.externalMessageId)).toEqual(['s3']);

    const descending = await exportLog({ orderBy: [{ $_type: 'MessageExportOrderBy', field: 'TEXT', order: 'DESCENDING' }] });
    expect(descending.body.items.map((m: { text: string }) => m.text)).toEqual(['m3', 'm2', 'm1']);

    const none = await exportLog({ searchFilters: [sentAfter(Date.now() + 60_000)] });
    expect(none.body).toMatchObject({ hasMoreItems: false, items: [] });
  });

  it('answers 404 for an unknown conversation, 400 for a bad query and 401 without credentials', async () => {
    expect((await exportLog({}, 'no-such-conversation')).status).toBe(404);
    const bad = await exportLog({ searchFilters: [{ field: 'TEXT', operator: { type: 'EQUALS', value: 'x' } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errorMessage).toContain('searchFilters.0.field');
    expect((await exportLog({}, chat.conversationId, null)).status).toBe(401);
  });
});

describe('v3 has no message log export', () => {
  it('answers 404 like any unknown endpoint', async () => {
    const sim = await startUnbluSimulator({ apiVersion: 'v3' });
    try {
      const res = await call(sim, 'POST', '/conversationhistory/c1/exportMessageLog', { $_type: 'MessageExportQuery' });
      expect(res.status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
