import { PermanentError, TransientError, type ChannelSpec, type ConversationSpec, type UnbluVisitor } from '@parley/core';
import { FakeClock } from '../clock/fake-clock.js';
import { FakeUnbluGateway } from './fake-unblu-gateway.js';

const channelSpec: ChannelSpec = { name: 'Telegram', endpoint: 'https://parley.example/unblu', secret: 's3cret' };

async function linkedChat(gateway: FakeUnbluGateway, sourceId = 'chat-1') {
  const channel = await gateway.channels.create(channelSpec);
  const visitor = await gateway.visitors.upsert({ channelId: channel.id, externalId: 'user-1', personSourceId: 'telegram:user-1' });
  const spec: ConversationSpec = { channelId: channel.id, sourceId, visitor };
  return { channel, visitor, spec };
}

function refusal(status: number) {
  return expect.objectContaining({ constructor: PermanentError, code: `unblu.${status}` }) as unknown;
}

describe('FakeUnbluGateway channels and webhooks', () => {
  it('creates, reads, finds, lists and deletes channels', async () => {
    const gateway = new FakeUnbluGateway();
    const created = await gateway.channels.create(channelSpec);
    expect(created).toEqual({
      id: 'channel-1', version: 1, name: 'Telegram', endpoint: 'https://parley.example/unblu', secret: 's3cret',
      status: 'ACTIVE', webhookApiVersion: 'V4', messageStateHandledExternally: false,
    });
    expect(await gateway.channels.read(created.id)).toEqual(created);
    expect(await gateway.channels.findByName('Telegram')).toEqual(created);
    expect(await gateway.channels.list()).toEqual([created]);
    await gateway.channels.delete(created.id);
    expect(await gateway.channels.read(created.id)).toBeUndefined();
    expect(await gateway.channels.findByName('Telegram')).toBeUndefined();
    await expect(gateway.channels.delete(created.id)).rejects.toEqual(refusal(404));
  });

  it('refuses a taken name and a stale version with 409, and bumps the version on update', async () => {
    const gateway = new FakeUnbluGateway();
    const channel = await gateway.channels.create(channelSpec);
    await expect(gateway.channels.create(channelSpec)).rejects.toEqual(refusal(409));
    const updated = await gateway.channels.update({ ...channel, endpoint: 'https://new.example/unblu' });
    expect(updated).toMatchObject({ version: 2, endpoint: 'https://new.example/unblu' });
    await expect(gateway.channels.update({ ...channel, status: 'INACTIVE' })).rejects.toEqual(refusal(409));
    expect((await gateway.channels.read(channel.id))?.status).toBe('ACTIVE');
  });

  it('keeps the secret when an update leaves it out, and sees drift made by Unblu', async () => {
    const gateway = new FakeUnbluGateway();
    const { secret: _secret, ...withoutSecret } = await gateway.channels.create(channelSpec);
    const updated = await gateway.channels.update(withoutSecret);
    expect(updated.secret).toBe('s3cret');
    gateway.changeChannel(updated.id, { status: 'INACTIVE' });
    expect(await gateway.channels.read(updated.id)).toMatchObject({ status: 'INACTIVE', version: 3 });
  });

  it('answers channel pings with an id in v4 and an empty string in v3', async () => {
    const v4 = new FakeUnbluGateway();
    const v3 = new FakeUnbluGateway({ apiVersion: 'v3' });
    expect(await v4.channels.ping((await v4.channels.create(channelSpec)).id)).toBe('ping-1');
    const v3Channel = await v3.channels.create(channelSpec);
    expect(v3Channel.webhookApiVersion).toBe('V3');
    expect(await v3.channels.ping(v3Channel.id)).toBe('');
    await expect(v3.channels.ping('nope')).rejects.toEqual(refusal(404));
  });

  it('keeps webhook registrations with the same versioning rules', async () => {
    const gateway = new FakeUnbluGateway();
    const hook = await gateway.webhooks.create({ name: 'lifecycle', endpoint: 'https://p/h', events: ['conversation.ended'] });
    expect(hook).toMatchObject({ id: 'webhook-1', version: 1, status: 'ACTIVE' });
    const updated = await gateway.webhooks.update({ ...hook, events: ['conversation.ended', 'conversation.created'] });
    expect(updated.version).toBe(2);
    await expect(gateway.webhooks.update(hook)).rejects.toEqual(refusal(409));
    expect(await gateway.webhooks.findByName('lifecycle')).toEqual(updated);
    await expect(gateway.webhooks.ping(hook.id)).resolves.toBeUndefined();
  });

  it('returns copies, so callers cannot change what Unblu holds', async () => {
    const gateway = new FakeUnbluGateway();
    const channel = await gateway.channels.create({ ...channelSpec, metadata: { a: '1' } });
    channel.name = 'changed';
    (channel.metadata ?? {})['a'] = '2';
    expect(await gateway.channels.read(channel.id)).toMatchObject({ name: 'Telegram', metadata: { a: '1' } });
  });
});

describe('FakeUnbluGateway visitors and conversations', () => {
  it('upserts visitors idempotently with stable ids', async () => {
    const gateway = new FakeUnbluGateway();
    const channel = await gateway.channels.create(channelSpec);
    const spec = { channelId: channel.id, externalId: 'u1', personSourceId: 'telegram:u1' };
    const first = await gateway.visitors.upsert(spec);
    expect(await gateway.visitors.upsert({ ...spec, firstName: 'Ada' })).toEqual(first);
    expect(first).toEqual({ personId: 'person-1', contactId: 'contact-1' });
    const other = await gateway.visitors.upsert({ ...spec, externalId: 'u2', personSourceId: 'telegram:u2' });
    expect(other.personId).not.toBe(first.personId);
    expect(gateway.visitorList().find((v) => v.personId === first.personId)?.spec.firstName).toBe('Ada');
  });

  it('gives v3 visitors no contact', async () => {
    const gateway = new FakeUnbluGateway({ apiVersion: 'v3' });
    const channel = await gateway.channels.create(channelSpec);
    expect(await gateway.visitors.upsert({ channelId: channel.id, externalId: 'u1', personSourceId: 'p' })).toEqual({ personId: 'person-1' });
  });

  it('creates one active conversation per channel and sourceId (409 for a second)', async () => {
    const clock = new FakeClock(1_000);
    const gateway = new FakeUnbluGateway({ clock });
    const { channel, spec } = await linkedChat(gateway);
    const conversation = await gateway.conversations.create(spec);
    expect(conversation).toEqual({ id: 'conversation-1', state: 'QUEUED', channelId: channel.id, sourceId: 'chat-1', creationTimestamp: 1_000 });
    expect(await gateway.conversations.findActive(channel.id, 'chat-1')).toEqual(conversation);
    await expect(gateway.conversations.create(spec)).rejects.toEqual(refusal(409));
    expect(await gateway.conversations.findActive(channel.id, 'other-chat')).toBeUndefined();
  });

  it('lets the loser of a find-then-create race for one chat get the 409', async () => {
    const gateway = new FakeUnbluGateway();
    const { channel, spec } = await linkedChat(gateway);
    const findOrCreate = async () =>
      (await gateway.conversations.findActive(channel.id, spec.sourceId)) ?? gateway.conversations.create(spec);
    const results = await Promise.allSettled([findOrCreate(), findOrCreate()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: refusal(409) });
    expect(gateway.conversationList()).toHaveLength(1);
  });

  it('ends conversations once, and a new one may start for the chat afterwards', async () => {
    const gateway = new FakeUnbluGateway();
    const { channel, spec } = await linkedChat(gateway);
    const first = await gateway.conversations.create(spec);
    expect(await gateway.conversations.end(first.id, 'SOLVED_BY_BOT', 'done')).toMatchObject({ state: 'ENDED' });
    await expect(gateway.conversations.end(first.id, 'OTHER')).rejects.toEqual(refusal(409));
    expect(await gateway.conversations.findActive(channel.id, spec.sourceId)).toBeUndefined();
    const second = await gateway.conversations.create(spec);
    expect(second.id).not.toBe(first.id);
    gateway.endConversation(second.id);
    expect(gateway.conversationList().map((c) => [c.state, c.endReason])).toEqual([['ENDED', 'SOLVED_BY_BOT'], ['ENDED', 'ENDED_BY_PARTICIPANT']]);
  });

  it('refuses conversations on unknown channels or for unknown or contactless visitors', async () => {
    const gateway = new FakeUnbluGateway();
    const { spec } = await linkedChat(gateway);
    const stranger: UnbluVisitor = { personId: 'person-99', contactId: 'contact-99' };
    await expect(gateway.conversations.create({ ...spec, channelId: 'nope' })).rejects.toEqual(refusal(404));
    await expect(gateway.conversations.create({ ...spec, visitor: stranger })).rejects.toEqual(refusal(404));
    await expect(gateway.conversations.create({ ...spec, visitor: { personId: spec.visitor.personId } })).rejects.toEqual(refusal(400));
    expect(await gateway.conversations.read('nope')).toBeUndefined();
  });
});

describe('FakeUnbluGateway messages', () => {
  it('records posted messages per conversation and refuses posting to an ended one', async () => {
    const gateway = new FakeUnbluGateway();
    const { channel, visitor, spec } = await linkedChat(gateway);
    const { id: conversationId } = await gateway.conversations.create(spec);
    const post = (sourceId: string, text: string) =>
      gateway.messages.send({ channelId: channel.id, conversationId, visitor, sourceId, content: { kind: 'text', text } });
    expect(await post('m1', 'Hello')).toEqual({ messageId: 'message-1' });
    expect(await post('m2', 'Again')).toEqual({ messageId: 'message-2' });
    expect(gateway.postedTexts(conversationId)).toEqual(['Hello', 'Again']);
    expect(gateway.posted()[0]).toMatchObject({ sourceId: 'm1', visitor, channelId: channel.id });
    expect(gateway.posted('other')).toEqual([]);
    gateway.endConversation(conversationId);
    await expect(post('m3', 'too late')).rejects.toEqual(refusal(409));
    expect(gateway.postedTexts()).toEqual(['Hello', 'Again']);
  });

  it('records message states', async () => {
    const gateway = new FakeUnbluGateway();
    const { channel, spec } = await linkedChat(gateway);
    const { id: conversationId } = await gateway.conversations.create(spec);
    const ref = { channelId: channel.id, conversationId, messageId: 'agent-1' };
    await gateway.messages.sentSuccessfully(ref);
    await gateway.messages.sendFailed({ ...ref, messageId: 'agent-2' }, 'TERMINAL', 'blocked');
    await gateway.messages.delivered(ref);
    await gateway.messages.read(ref);
    expect(gateway.states().map((s) => s.kind)).toEqual(['sentSuccessfully', 'sendFailed', 'delivered', 'read']);
    expect(gateway.states('sendFailed')).toEqual([expect.objectContaining({ failState: 'TERMINAL', reason: 'blocked' })]);
    await expect(gateway.messages.read({ ...ref, conversationId: 'nope' })).rejects.toEqual(refusal(404));
  });

  it('serves registered files within the size limit', async () => {
    const gateway = new FakeUnbluGateway();
    const file = gateway.addFile(new Uint8Array([1, 2, 3]), 'a.bin', 'application/octet-stream');
    expect(file).toMatchObject({ fileName: 'a.bin', size: 3 });
    const downloaded = await gateway.messages.download(file, 3);
    expect(Array.from(downloaded.data)).toEqual([1, 2, 3]);
    await expect(gateway.messages.download(file, 2)).rejects.toEqual(
      expect.objectContaining({ constructor: PermanentError, code: 'unblu.file_too_large' }),
    );
    await expect(gateway.messages.download({ ...file, url: 'https://unblu.fake/files/x' }, 10)).rejects.toEqual(refusal(404));
  });
});

describe('FakeUnbluGateway faults and call log', () => {
  it('fails the next calls with a transient 503 before any effect, then works again', async () => {
    const gateway = new FakeUnbluGateway();
    gateway.failNext(2);
    const first = gateway.channels.create(channelSpec);
    await expect(first).rejects.toBeInstanceOf(TransientError);
    await expect(first).rejects.toMatchObject({ code: 'unblu.503' });
    await expect(gateway.ping()).rejects.toBeInstanceOf(TransientError);
    expect(await gateway.channels.list()).toEqual([]);
    await expect(gateway.channels.create(channelSpec)).resolves.toMatchObject({ id: 'channel-1' });
    expect(gateway.calls().map((c) => `${c.method}:${c.outcome}`)).toEqual([
      'channels.create:failed', 'ping:failed', 'channels.list:ok', 'channels.create:ok',
    ]);
  });

  it('can lose the answer after the effect, so a retry meets the 409', async () => {
    const gateway = new FakeUnbluGateway();
    const { spec } = await linkedChat(gateway);
    gateway.failNext(1, { methods: ['conversations.create'], afterEffect: true });
    await expect(gateway.conversations.create(spec)).rejects.toBeInstanceOf(TransientError);
    expect(gateway.conversationList()).toHaveLength(1);
    await expect(gateway.conversations.create(spec)).rejects.toEqual(refusal(409));
  });

  it('fails only the methods named, with the error given', async () => {
    const gateway = new FakeUnbluGateway();
    const blocked = new PermanentError('forbidden', 'unblu.403');
    gateway.failNext(1, { methods: ['channels.list'], error: blocked });
    await expect(gateway.ping()).resolves.toBeUndefined();
    await expect(gateway.channels.list()).rejects.toBe(blocked);
    await expect(gateway.channels.list()).resolves.toEqual([]);
    expect(gateway.calls('channels.list')).toEqual([
      expect.objectContaining({ outcome: 'failed', error: blocked }),
      expect.objectContaining({ outcome: 'ok' }),
    ]);
  });

  it('fails every call during an outage until recovered', async () => {
    const gateway = new FakeUnbluGateway();
    gateway.outage();
    for (let i = 0; i < 3; i += 1) await expect(gateway.ping()).rejects.toBeInstanceOf(TransientError);
    gateway.recover();
    await expect(gateway.ping()).resolves.toBeUndefined();
  });

  it('answers after the configured latency on its clock', async () => {
    const clock = new FakeClock(0);
    const gateway = new FakeUnbluGateway({ clock });
    gateway.setLatency(100, ['ping']);
    let answered = false;
    const ping = gateway.ping().then(() => (answered = true));
    await expect(gateway.channels.list()).resolves.toEqual([]);
    await clock.advance(99);
    expect(answered).toBe(false);
    expect(gateway.calls('ping')[0]?.outcome).toBe('pending');
    await clock.advance(1);
    await ping;
    expect(answered).toBe(true);
  });

  it('logs copies of the arguments', async () => {
    const gateway = new FakeUnbluGateway();
    const spec = { ...channelSpec };
    await gateway.channels.create(spec);
    spec.name = 'changed';
    expect(gateway.calls('channels.create')[0]?.args).toEqual([channelSpec]);
  });
});
