import { PermanentError, TransientError, type UnbluApiVersion, type UnbluVisitor } from '@parley/core';
import { createUnbluGateway } from '@parley/unblu';
import { SECRET, type ContractHarness, linkConversation, startContractHarness, uniqueName } from './contract-harness.js';

/* Every UnbluGateway operation, against the simulator, in both API versions. */
describe.each<UnbluApiVersion>(['v4', 'v3'])('UnbluGateway against the simulator (%s)', (apiVersion) => {
  let h: ContractHarness;

  beforeAll(async () => {
    h = await startContractHarness(apiVersion);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sim.setFaults({ errorRate: 0, dropRate: 0, latencyMs: 0 });
  });

  const linkedConversation = (sourceId?: string) => linkConversation(h, { sourceId });

  describe('ping', () => {
    it('succeeds with valid credentials', async () => {
      await expect(h.gateway.ping()).resolves.toBeUndefined();
    });

    it('fails permanently with a wrong password', async () => {
      const wrong = createUnbluGateway({
        baseUrl: h.sim.apiBaseUrl,
        apiVersion,
        auth: { type: 'basic', username: 'admin', password: 'nope' },
      });
      await expect(wrong.ping()).rejects.toMatchObject({ code: 'unblu.401' });
      await expect(wrong.ping()).rejects.toBeInstanceOf(PermanentError);
    });
  });

  describe('channels', () => {
    it('creates, reads, finds by name, lists, updates with version and deletes', async () => {
      const name = uniqueName('Signal private');
      const created = await h.gateway.channels.create({
        name,
        description: 'private customers',
        endpoint: h.endpoint,
        secret: SECRET,
        messageStateHandledExternally: true,
        metadata: { owner: 'parley' },
      });
      expect(created).toMatchObject({ name, endpoint: h.endpoint, status: 'ACTIVE', messageStateHandledExternally: true });
      expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

      expect(await h.gateway.channels.read(created.id)).toMatchObject({ id: created.id, name });
      expect(await h.gateway.channels.findByName(name)).toMatchObject({ id: created.id });
      expect((await h.gateway.channels.list()).map((c) => c.id)).toContain(created.id);

      const updated = await h.gateway.channels.update({ ...created, description: 'changed', endpoint: `${h.endpoint}/v2` });
      expect(updated).toMatchObject({ description: 'changed', endpoint: `${h.endpoint}/v2` });
      expect(updated.version).toBeGreaterThan(created.version);

      await expect(h.gateway.channels.update({ ...created, description: 'stale' })).rejects.toMatchObject({ code: 'unblu.409' });

      await h.gateway.channels.delete(created.id);
      expect(await h.gateway.channels.read(created.id)).toBeUndefined();
      expect(await h.gateway.channels.findByName(name)).toBeUndefined();
    });

    it('refuses a second channel with the same name', async () => {
      const name = uniqueName('dup');
      await h.gateway.channels.create({ name, endpoint: h.endpoint });
      await expect(h.gateway.channels.create({ name, endpoint: h.endpoint })).rejects.toBeInstanceOf(PermanentError);
    });

    it('pings the channel endpoint through Unblu', async () => {
      const channel = await h.gateway.channels.create({ name: uniqueName('ping'), endpoint: h.endpoint, secret: SECRET });
      const before = h.listener.pings.length;
      await h.gateway.channels.ping(channel.id);
      await h.sim.waitFor(() => h.listener.pings.length > before);
      expect(h.listener.pings.at(-1)?.delivery.mechanism).toBe(apiVersion === 'v4' ? 'outbound' : 'webhook');
    });
  });

  describe('webhook registrations', () => {
    it('creates, reads, finds by name, updates, pings and deletes', async () => {
      const name = uniqueName('parley-conversations');
      const created = await h.gateway.webhooks.create({
        name,
        endpoint: h.endpoint,
        secret: SECRET,
        events: ['conversation.ended'],
      });
      expect(created).toMatchObject({ name, status: 'ACTIVE', events: ['conversation.ended'] });
      expect(await h.gateway.webhooks.read(created.id)).toMatchObject({ id: created.id });
      expect(await h.gateway.webhooks.findByName(name)).toMatchObject({ id: created.id });

      const updated = await h.gateway.webhooks.update({ ...created, events: ['conversation.ended', 'conversation.created'] });
      expect(updated.events).toEqual(expect.arrayContaining(['conversation.ended', 'conversation.created']));
      await expect(h.gateway.webhooks.update({ ...created, description: 'stale' })).rejects.toMatchObject({ code: 'unblu.409' });

      const pings = h.listener.pings.length;
      await h.gateway.webhooks.ping(created.id);
      await h.sim.waitFor(() => h.listener.pings.length > pings);

      await h.gateway.webhooks.delete(created.id);
      expect(await h.gateway.webhooks.read(created.id)).toBeUndefined();
    });

    it('delivers conversation.ended to the registration', async () => {
      await h.gateway.webhooks.create({ name: uniqueName('ended'), endpoint: h.endpoint, secret: SECRET, events: ['conversation.ended'] });
      const { conversation } = await linkedConversation();
      await h.sim.endConversation(conversation.id, 'ENDED_BY_PARTICIPANT');
      const event = await h.sim.waitFor(() =>
        h.listener.conversationEvents.find((e) => e.conversationId === conversation.id && e.change === 'ended'),
      );
      expect(event.endReason).toBe('ENDED_BY_PARTICIPANT');
    });
  });

  describe('visitors', () => {
    it('upserts idempotently: the same identity on every call', async () => {
      const channel = await h.gateway.channels.create({ name: uniqueName('visitors'), endpoint: h.endpoint });
      const spec = { channelId: channel.id, externalId: '+41790000001', personSourceId: 'signal:+41790000001', firstName: 'Eva' };
      const first = await h.gateway.visitors.upsert(spec);
      const second = await h.gateway.visitors.upsert({ ...spec, lastName: 'Graf' });
      expect(second).toEqual(first);
      expect(first.personId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      if (apiVersion === 'v4') expect(first.contactId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    });
  });

  describe('conversations', () => {
    it('creates a queued chat request with the visitor as the only participant', async () => {
      const { conversation, channel, sourceId } = await linkedConversation();
      expect(conversation).toMatchObject({ channelId: channel.id, sourceId });
      expect(['QUEUED', 'CREATED', 'ONBOARDING']).toContain(conversation.state);
      const participants = h.sim.conversation(conversation.id).participants;
      expect(participants).toHaveLength(1);
      expect(participants[0]).toMatchObject({ personType: 'VISITOR', viaMessenger: true });
    });

    it('refuses a second active conversation for the same chat, then allows one after the end', async () => {
      const { conversation, channel, visitor, sourceId } = await linkedConversation();
      await expect(
        h.gateway.conversations.create({ channelId: channel.id, sourceId, visitor }),
      ).rejects.toBeInstanceOf(PermanentError);
      await h.gateway.conversations.end(conversation.id, 'EXTERNAL_CHANNEL_CLOSED');
      const next = await h.gateway.conversations.create({ channelId: channel.id, sourceId, visitor });
      expect(next.id).not.toBe(conversation.id);
      expect(await h.gateway.conversations.findActive(channel.id, sourceId)).toMatchObject({ id: next.id });
    });

    it('reads a conversation and reports unknown ones as undefined', async () => {
      const { conversation } = await linkedConversation();
      expect(await h.gateway.conversations.read(conversation.id)).toMatchObject({ id: conversation.id });
      expect(await h.gateway.conversations.read('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
      expect(await h.gateway.conversations.findActive(conversation.channelId ?? '', 'no-such-chat')).toBeUndefined();
    });
  });

  describe('messages', () => {
    let ctx: Awaited<ReturnType<typeof linkedConversation>>;
    beforeAll(async () => {
      ctx = await linkedConversation();
    });

    const send = (visitor: UnbluVisitor, sourceId: string, text: string) =>
      h.gateway.messages.send({ channelId: ctx.channel.id, conversationId: ctx.conversation.id, visitor, sourceId, content: { kind: 'text', text } });

    it('posts a customer file as a data URL that Unblu stores byte for byte', async () => {
      const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
      const { messageId } = await h.gateway.messages.send({
        channelId: ctx.channel.id,
        conversationId: ctx.conversation.id,
        visitor: ctx.visitor,
        sourceId: uniqueName('file'),
        content: { kind: 'file', fileName: 'card.png', mimeType: 'image/png', data, caption: 'front' },
      });
      const stored = h.sim.messages(ctx.conversation.id).find((m) => m.id === messageId);
      expect(stored?.file).toMatchObject({ fileName: 'card.png', mimeType: 'image/png', size: data.length });
      const downloaded = await h.gateway.messages.download(
        { url: stored?.file?.downloadUrl ?? '', fileName: 'card.png', mimeType: 'image/png' },
        1024,
      );
      expect(Array.from(downloaded.data)).toEqual(Array.from(data));
    });

    it('downloads an agent file from its WEB_API link, within a byte limit', async () => {
      const data = Buffer.from('%PDF-1.4 statement');
      const sent = await h.sim.agentSendFile(ctx.conversation.id, { fileName: 'statement.pdf', mimeType: 'application/pdf', data });
      const event = await h.sim.waitFor(() => h.listener.agentMessages.find((e) => e.messageId === sent.id));
      if (event.content.kind !== 'file') throw new Error(`expected a file message, got ${event.content.kind}`);
      const file = await h.gateway.messages.download(event.content.file, 1024);
      expect(Buffer.from(file.data).toString()).toBe('%PDF-1.4 statement');
      expect(file.mimeType).toBe('application/pdf');
      await expect(h.gateway.messages.download(event.content.file, 4)).rejects.toBeInstanceOf(PermanentError);
    });

    it('reports sent, failed, delivered and read states that Unblu records', async () => {
      const agent = await h.sim.agentSendText(ctx.conversation.id, 'Your card is blocked.');
      await h.sim.idle();
      const ref = { channelId: ctx.channel.id, conversationId: ctx.conversation.id, messageId: agent.id, visitor: ctx.visitor };
      await h.gateway.messages.sendFailed(ref, 'RETRYABLE', 'Telegram rate limit');
      expect(h.sim.messages(ctx.conversation.id).find((m) => m.id === agent.id)?.failure).toMatchObject({
        failState: 'RETRYABLE',
        failureText: 'Telegram rate limit',
      });
      await h.gateway.messages.sentSuccessfully(ref);
      await h.gateway.messages.delivered(ref);
      await h.gateway.messages.read(ref);
      const stored = h.sim.messages(ctx.conversation.id).find((m) => m.id === agent.id);
      expect(stored).toMatchObject({ failure: null, sentAt: expect.any(Number), deliveredAt: expect.any(Number), readAt: expect.any(Number) });
    });

    it('refuses a message to an ended conversation permanently', async () => {
      const other = await linkedConversation();
      await h.gateway.conversations.end(other.conversation.id, 'EXTERNAL_CHANNEL_CLOSED');
      await expect(
        h.gateway.messages.send({ channelId: other.channel.id, conversationId: other.conversation.id, visitor: other.visitor, sourceId: 'late', content: { kind: 'text', text: 'late' } }),
      ).rejects.toBeInstanceOf(PermanentError);
    });

    it('turns injected 5xx answers and dropped responses into transient errors', async () => {
      h.sim.setFaults({ errorRate: 1 });
      await expect(send(ctx.visitor, uniqueName('m'), 'x')).rejects.toBeInstanceOf(TransientError);
      h.sim.setFaults({ errorRate: 0, dropRate: 1 });
      const sourceId = uniqueName('dropped');
      await expect(send(ctx.visitor, sourceId, 'processed but unanswered')).rejects.toBeInstanceOf(TransientError);
      h.sim.setFaults({ dropRate: 0 });
      // The request was processed before the connection dropped: the effect happened.
      expect(h.sim.messages(ctx.conversation.id).some((m) => m.sourceId === sourceId)).toBe(true);
    });
  });
});
