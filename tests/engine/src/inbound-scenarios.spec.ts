import { PermanentError, type ParleyStore } from '@parley/core';
import { FakeUnbluGateway } from '@parley/testing';
import {
  STORE_KINDS,
  expectExactlyOnceInOrder,
  newChannel,
  startRig,
  storeLocation,
  until,
  type EngineRig,
  type StoreLocation,
} from './engine-harness.js';

/*
 * Customer → agent on a real store: linking, dedupe, order per chat, failure and recovery.
 */

const textOf = (message: { content: { kind: string; text?: string } }): string => (message.content.kind === 'text' ? (message.content.text ?? '') : '');

describe.each(STORE_KINDS)('customer → agent on %s', (kind) => {
  let location: StoreLocation;
  let store: ParleyStore;
  let gateway: FakeUnbluGateway;
  let channelId: string;
  let rig: EngineRig;

  beforeEach(async () => {
    location = storeLocation(kind);
    store = await location.open();
    gateway = new FakeUnbluGateway();
    channelId = await newChannel(gateway);
    rig = await startRig(store, gateway, channelId);
  });

  afterEach(async () => {
    await rig.engine.stop();
    await store.close();
    await location.destroy();
  });

  it('opens one CHAT_REQUEST conversation for the chat and posts the message with its ids', async () => {
    const ack = await rig.adapter.customerSends('chat-1', { text: 'Hello bank', externalMessageId: 'tg-1', sender: { id: 'u-1', firstName: 'Max', lastName: 'Muster' } });
    expect(ack.accepted).toBe(true);
    const [posted] = await until(() => (gateway.posted().length === 1 ? gateway.posted() : undefined));
    const [conversation] = gateway.conversationList();
    expect(conversation).toMatchObject({ channelId, sourceId: 'chat-1' });
    expect(posted).toMatchObject({ conversationId: conversation?.id, sourceId: 'tg-1', content: { kind: 'text', text: 'Hello bank' } });
    expect(gateway.visitorList()[0]?.spec).toMatchObject({ channelId, externalId: 'u-1', personSourceId: 'loop:u-1', firstName: 'Max', lastName: 'Muster' });
    const link = await store.links.findActive('loop', 'chat-1');
    expect(link?.conversationId).toBe(conversation?.id);
    const mapping = await until(() => store.messages.byExternalId('loop', 'tg-1'));
    expect(mapping.unbluMessageId).toBe(posted?.messageId);
  });

  it('accepts a redelivered message once', async () => {
    expect((await rig.adapter.customerSends('chat-1', { text: 'once', externalMessageId: 'dup-1' })).accepted).toBe(true);
    expect((await rig.adapter.customerSends('chat-1', { text: 'once', externalMessageId: 'dup-1' })).accepted).toBe(false);
    await rig.adapter.customerSends('chat-1', { text: 'after', externalMessageId: 'dup-2' });
    await until(() => gateway.posted().length === 2);
    // Give a stray duplicate the time to show up before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.posted().map(textOf)).toEqual(['once', 'after']);
  });

  it('does not post again when Unblu stored a message but its answer was lost (web API v4 message log)', async () => {
    gateway.failNext(1, { methods: ['messages.send'], afterEffect: true });
    await rig.adapter.customerSends('chat-1', { text: 'stored, answer lost', externalMessageId: 'lost-1' });
    await rig.adapter.customerSends('chat-1', { text: 'next', externalMessageId: 'lost-2' });
    await until(() => gateway.posted().length === 2);
    await until(() => store.messages.byExternalId('loop', 'lost-1'));
    expect(gateway.posted().map(textOf)).toEqual(['stored, answer lost', 'next']);
    expect(gateway.calls('messages.findBySourceId').length).toBeGreaterThanOrEqual(1);
    expect((await store.messages.byExternalId('loop', 'lost-1'))?.unbluMessageId).toBe(gateway.posted()[0]?.messageId);
  });

  it('makes one conversation for 20 concurrent first messages of one chat', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => rig.adapter.customerSends('chat-rush', { text: `m${i}`, externalMessageId: `rush-${i}` })));
    await until(() => gateway.posted().length === 20, 20_000, '20 posts');
    expect(gateway.conversationList()).toHaveLength(1);
    expect(new Set(gateway.posted().map((p) => p.conversationId)).size).toBe(1);
  });

  it('loses and duplicates nothing, and keeps each chat in order, through an Unblu outage', async () => {
    gateway.outage();
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 20; i += 1) {
      for (const chat of ['a', 'b', 'c', 'd', 'e']) {
        const text = `${chat}/${i}`;
        expected.set(chat, [...(expected.get(chat) ?? []), text]);
        await rig.adapter.customerSends(`chat-${chat}`, { text, externalMessageId: `${chat}-${i}` });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.posted()).toHaveLength(0);
    gateway.recover();
    await until(() => gateway.posted().length === 100, 30_000, '100 posts');
    expectExactlyOnceInOrder(gateway.posted().map(textOf), expected, (text) => text.split('/')[0] ?? '');
    expect(gateway.conversationList()).toHaveLength(5);
  });

  it('makes one conversation when two instances with separate stores race for a chat', async () => {
    const other = storeLocation(kind);
    const otherStore = await other.open();
    const second = await startRig(otherStore, gateway, channelId);
    try {
      // Both find no conversation in Unblu and create one; Unblu refuses the second (409).
      gateway.setLatency(50, ['conversations.create']);
      await Promise.all([
        rig.adapter.customerSends('chat-race', { text: 'via one', externalMessageId: 'race-1' }),
        second.adapter.customerSends('chat-race', { text: 'via two', externalMessageId: 'race-2' }),
      ]);
      await until(() => gateway.posted().length === 2);
      expect(gateway.conversationList()).toHaveLength(1);
      expect(gateway.calls('conversations.create').filter((call) => call.outcome === 'failed')).toHaveLength(1);
    } finally {
      await second.engine.stop();
      await otherStore.close();
      await other.destroy();
    }
  });

  it('keeps order per chat when an Unblu call fails for every message', async () => {
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 15; i += 1) {
      for (const chat of ['x', 'y', 'z']) {
        const text = `${chat}/${i}`;
        expected.set(chat, [...(expected.get(chat) ?? []), text]);
        gateway.failNext(1);
        await rig.adapter.customerSends(`chat-${chat}`, { text, externalMessageId: `${chat}-${i}` });
      }
    }
    await until(() => gateway.posted().length === 45, 30_000, '45 posts');
    expectExactlyOnceInOrder(gateway.posted().map(textOf), expected, (text) => text.split('/')[0] ?? '');
    expect(gateway.calls().filter((call) => call.outcome === 'failed').length).toBeGreaterThanOrEqual(45);
  });

  it('opens a second conversation after the first one ended', async () => {
    await rig.adapter.customerSends('chat-1', { text: 'first', externalMessageId: 'e-1' });
    const first = await until(() => gateway.posted()[0]);
    gateway.endConversation(first.conversationId);
    await rig.engine.listener.onConversationEvent({ type: 'conversation', delivery: { mechanism: 'webhook', name: 'conversation.ended', id: 'ev-1', retryNo: 0 }, change: 'ended', conversationId: first.conversationId });
    expect(await store.links.findActive('loop', 'chat-1')).toBeUndefined();
    await rig.adapter.customerSends('chat-1', { text: 'second', externalMessageId: 'e-2' });
    const second = await until(() => gateway.posted()[1]);
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(gateway.conversationList().map((c) => c.state).sort()).toEqual(['ENDED', 'QUEUED'].sort());
  });

  it('opens a new conversation when Unblu ended the old one and the webhook was missed', async () => {
    await rig.adapter.customerSends('chat-1', { text: 'first', externalMessageId: 'm-1' });
    const first = await until(() => gateway.posted()[0]);
    gateway.endConversation(first.conversationId);
    await rig.adapter.customerSends('chat-1', { text: 'second', externalMessageId: 'm-2' });
    const second = await until(() => gateway.posted()[1]);
    expect(second.conversationId).not.toBe(first.conversationId);
    expect((await store.links.findByConversation(first.conversationId))?.state).toBe('closed');
  });

  it('finds the conversation in Unblu again after the local store was emptied', async () => {
    await rig.adapter.customerSends('chat-1', { text: 'before', externalMessageId: 'r-1' });
    const before = await until(() => gateway.posted()[0]);
    await rig.engine.stop();
    const emptied = storeLocation(kind);
    const freshStore = await emptied.open();
    try {
      rig = await startRig(freshStore, gateway, channelId);
      await rig.adapter.customerSends('chat-1', { text: 'after', externalMessageId: 'r-2' });
      const after = await until(() => gateway.posted()[1]);
      expect(after.conversationId).toBe(before.conversationId);
      expect(gateway.conversationList()).toHaveLength(1);
      // Found by getBySourceIdAndChannelId, not by trying to create a second one.
      expect(gateway.calls('conversations.create')).toHaveLength(1);
      expect((await freshStore.links.findActive('loop', 'chat-1'))?.conversationId).toBe(before.conversationId);
    } finally {
      await rig.engine.stop();
      await freshStore.close();
      await emptied.destroy();
    }
  });

  it('moves a message Unblu refuses to the dead letters, without blocking the chat, and redrives it', async () => {
    gateway.failNext(1, { error: new PermanentError('messages must not be empty', 'unblu.400'), methods: ['messages.send'] });
    await rig.adapter.customerSends('chat-1', { text: 'refused', externalMessageId: 'd-1' });
    await rig.adapter.customerSends('chat-1', { text: 'next', externalMessageId: 'd-2' });
    const [dead] = await until(async () => {
      const letters = await rig.engine.deadLetters.list();
      return letters.length === 1 ? letters : undefined;
    });
    expect(dead?.lastError).toContain('messages must not be empty');
    await until(() => gateway.posted().length === 1);
    expect(gateway.posted().map(textOf)).toEqual(['next']);
    expect(await rig.engine.deadLetters.redrive(dead?.id ?? '')).toBe(true);
    await until(() => gateway.posted().length === 2);
    expect(gateway.posted().map(textOf)).toEqual(['next', 'refused']);
    expect(await rig.engine.deadLetters.list()).toEqual([]);
    expect(await rig.engine.deadLetters.redrive('no-such-job')).toBe(false);
  });

  it('shows edits as marked new messages and keeps replies linked', async () => {
    await rig.adapter.customerSends('chat-1', { text: 'I need a card', externalMessageId: 'x-1' });
    await rig.adapter.customerSends('chat-1', { text: 'I need a new card', externalMessageId: 'x-1-edit', editOf: 'x-1' });
    await rig.adapter.customerSends('chat-1', { text: 'see above', externalMessageId: 'x-2', replyTo: 'x-1' });
    const posted = await until(() => (gateway.posted().length === 3 ? gateway.posted() : undefined));
    expect(posted.map(textOf)).toEqual(['I need a card', '(edited) I need a new card', 'see above']);
    expect(posted[2]?.replyToMessageId).toBe(posted[0]?.messageId);
  });

  it('posts files as file messages with the text as caption', async () => {
    const data = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    await rig.adapter.customerSends('chat-1', { text: 'my payslip', externalMessageId: 'f-1', attachments: [{ fileName: 'payslip.pdf', mimeType: 'application/pdf', data }] });
    const [posted] = await until(() => (gateway.posted().length === 1 ? gateway.posted() : undefined));
    expect(posted?.content).toEqual({ kind: 'file', fileName: 'payslip.pdf', mimeType: 'application/pdf', data, caption: 'my payslip' });
  });

  it('refuses malformed events with a reason and stores nothing', async () => {
    await expect(rig.engine.sink('loop').message({ chatId: '', sender: { id: 'u' }, externalMessageId: 'bad', sentAt: 1, attachments: [] })).rejects.toThrow(
      'invalid inbound event: chatId must be a non-empty string; a message needs text or an attachment',
    );
    expect(await store.jobs.depth()).toBe(0);
  });
});
