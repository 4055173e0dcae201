import { GrammyError, type Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { waitUntil } from '@parley/testing';
import { apiFor } from './simulator-test-support.spec-helper.js';

describe('Bot API simulator: getMe and long polling', () => {
  let sim: BotApiSimulator;
  let api: Api;
  const anna = { id: 4242, firstName: 'Anna', lastName: 'Muster', username: 'anna_m', languageCode: 'de' };

  beforeEach(async () => {
    sim = await startBotApiSimulator({ bot: { token: '987654321:AAHsimulatedTokenForTheseSpecs_0123' } });
    api = apiFor(sim);
  });

  afterEach(() => sim.close());

  it('answers getMe with the bot the token belongs to', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 987654321, is_bot: true, username: 'parley_sim_bot', first_name: 'Parley Sim' });
    expect(sim.botUser).toEqual({ id: 987654321, is_bot: true, first_name: 'Parley Sim', username: 'parley_sim_bot' });
    const other = sim.addBot({ username: 'second_bot' });
    expect(await apiFor(sim, other.token).getMe()).toMatchObject({ id: Number(other.token.split(':')[0]), username: 'second_bot' });
  });

  it('holds a long poll until the customer writes, then answers with the message', async () => {
    const started = Date.now();
    const polling = api.getUpdates({ timeout: 10 });
    await waitUntil('the held poll', () => sim.calls('getUpdates').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    sim.customer(anna).sendText('/start now');
    const updates = await polling;
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.message).toMatchObject({
      message_id: 1,
      text: '/start now',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      from: { id: 4242, is_bot: false, first_name: 'Anna', last_name: 'Muster', username: 'anna_m', language_code: 'de' },
      chat: { id: 4242, type: 'private', first_name: 'Anna', last_name: 'Muster', username: 'anna_m' },
    });
    expect(updates[0]?.message?.date).toBeGreaterThan(1_600_000_000);
    expect(updates[0]?.message?.date).toBeLessThan(10_000_000_000);
  });

  it('does not spin while idle: a poll with a timeout is one call until it expires', async () => {
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.calls('getUpdates')).toHaveLength(1);
  });

  it('caps the long-poll timeout at maxLongPollSeconds', async () => {
    const capped = await startBotApiSimulator({ maxLongPollSeconds: 0 });
    try {
      const started = Date.now();
      expect(await apiFor(capped).getUpdates({ timeout: 30 })).toEqual([]);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await capped.close();
    }
  });

  it('re-delivers unconfirmed updates and drops those below the offset', async () => {
    const customer = sim.customer(anna);
    customer.sendText('one');
    customer.sendText('two');
    const first = await api.getUpdates({ limit: 1 });
    expect(first.map((update) => update.message?.text)).toEqual(['one']);
    expect((await api.getUpdates()).map((update) => update.message?.text)).toEqual(['one', 'two']);
    const lastId = first[0]?.update_id ?? 0;
    expect((await api.getUpdates({ offset: lastId + 1 })).map((update) => update.message?.text)).toEqual(['two']);
    expect(sim.pendingUpdates().map((update) => update.update_id)).toEqual([lastId + 1]);
    expect(await api.getUpdates({ offset: lastId + 2 })).toEqual([]);
    expect(sim.pendingUpdates()).toEqual([]);
  });

  it('keeps only the last updates for a negative offset', async () => {
    const customer = sim.customer(anna);
    for (const text of ['a', 'b', 'c']) customer.sendText(text);
    expect((await api.getUpdates({ offset: -1 })).map((update) => update.message?.text)).toEqual(['c']);
    expect(sim.pendingUpdates()).toHaveLength(1);
  });

  it('remembers allowed_updates across calls and filters when an update is created', async () => {
    const customer = sim.customer(anna);
    const hello = customer.sendText('hello');
    await api.getUpdates({ allowed_updates: ['edited_message'], offset: -1, limit: 1 });
    customer.sendText('not wanted');
    customer.editText(hello.message_id, 'hello, edited');
    const updates = await api.getUpdates({ offset: (sim.pendingUpdates()[0]?.update_id ?? 0) + 1 });
    expect(updates.map((update) => Object.keys(update).sort())).toEqual([['edited_message', 'update_id']]);
    expect(updates[0]?.edited_message).toMatchObject({ message_id: hello.message_id, text: 'hello, edited', date: hello.date });
    expect(updates[0]?.edited_message?.edit_date).toBeGreaterThanOrEqual(hello.date);
    expect(sim.chatLog(anna.id)[0]).toMatchObject({ text: 'hello, edited', editedAt: updates[0]?.edited_message?.edit_date });
  });

  it('leaves out chat_member by default but delivers it when asked for', async () => {
    const member = { chat: { id: -5, type: 'group' as const, title: 'g' }, from: sim.botUser, date: 1, old_chat_member: { status: 'left' as const, user: sim.botUser }, new_chat_member: { status: 'member' as const, user: sim.botUser } };
    sim.injectUpdate({ chat_member: member });
    expect(await api.getUpdates()).toEqual([]);
    await api.getUpdates({ allowed_updates: ['chat_member'] });
    const injected = sim.injectUpdate({ chat_member: member });
    expect(await api.getUpdates()).toEqual([injected]);
  });

  it('ends a held poll with 409 when a second getUpdates arrives', async () => {
    const first = api.getUpdates({ timeout: 10 });
    await waitUntil('the held poll', () => sim.calls('getUpdates').length === 1);
    const second = api.getUpdates({ timeout: 0 });
    await expect(first).rejects.toMatchObject({
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    expect(await second).toEqual([]);
  });

  it('answers a held poll with no updates when the simulator closes', async () => {
    const held = api.getUpdates({ timeout: 30 });
    await waitUntil('the held poll', () => sim.calls('getUpdates').length === 1);
    const started = Date.now();
    await sim.close();
    expect(await held).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(api.getMe()).rejects.not.toBeInstanceOf(GrammyError);
  });

  it('queues group and channel messages as message and channel_post updates', async () => {
    sim.groupMessage({ chatId: -1001, type: 'supergroup', title: 'Team', from: { id: 7, firstName: 'Teammate' }, text: 'in a group' });
    sim.groupMessage({ chatId: -1002, type: 'channel', from: { id: 7, firstName: 'Teammate' }, text: 'a post' });
    const [group, channel] = await api.getUpdates();
    expect(group?.message).toMatchObject({ chat: { id: -1001, type: 'supergroup', title: 'Team' }, from: { id: 7 }, text: 'in a group' });
    expect(channel?.channel_post).toMatchObject({ chat: { id: -1002, type: 'channel' }, sender_chat: { id: -1002 }, text: 'a post' });
    expect(channel?.channel_post?.from).toBeUndefined();
  });
});
