import { runExclusive, silentLogger, systemClock } from '@parley/core';
import { MemoryStore, createRecordingContext, waitUntil, type RecordingContext } from '@parley/testing';
import { parseTelegramOptions } from './config.js';
import { CUSTOMER } from './telegram-fixture.spec-helper.js';
import { TelegramAdapter } from './telegram-adapter.js';
import { startBotApiSimulator, type BotApiSimulator } from './testing/index.js';

/*
 * One poller per bot token across hosts: two instances of the adapter on one bot, their receivers
 * behind the engine's lease (as two hosts sharing a store run them). Only one polls; when it
 * goes away, the other takes over and nothing is lost.
 */
describe('TelegramAdapter on two hosts sharing one bot', () => {
  let sim: BotApiSimulator;
  const store = new MemoryStore();
  const hosts: { adapter: TelegramAdapter; context: RecordingContext }[] = [];

  function host(owner: string) {
    const adapter = new TelegramAdapter(parseTelegramOptions({ token: sim.token, apiRoot: sim.url, polling: { timeoutSeconds: 1 } }));
    const context: RecordingContext = createRecordingContext({
      messengerId: 'telegram',
      exclusive: (name, work) => runExclusive(name, work, { leases: store.leases, owner, clock: systemClock, logger: silentLogger, ttlMs: 600, signal: context.signal }),
    });
    hosts.push({ adapter, context });
    return { adapter, context };
  }

  beforeAll(async () => {
    sim = await startBotApiSimulator();
  });

  afterAll(async () => {
    for (const { adapter, context } of hosts) {
      context.controller.abort();
      await adapter.stop();
    }
    await sim.close();
  });

  it('polls from one host only, and the other takes over when it stops', async () => {
    const a = host('host-a');
    const b = host('host-b');
    await a.adapter.start(a.context);
    await waitUntil('host a polling', () => sim.calls('getUpdates').length > 0);
    await b.adapter.start(b.context);
    const customer = sim.customer(CUSTOMER);
    for (let i = 1; i <= 5; i += 1) customer.sendText(`before ${i}`);
    await waitUntil('five messages stored', () => a.context.inbound.messages.length + b.context.inbound.messages.length >= 5);
    expect(a.context.inbound.texts()).toEqual(['before 1', 'before 2', 'before 3', 'before 4', 'before 5']);
    expect(b.context.inbound.offers).toEqual([]);
    expect(sim.calls('getUpdates').filter((call) => call.status === 409)).toEqual([]);

    a.context.controller.abort();
    await a.adapter.stop();
    for (let i = 1; i <= 3; i += 1) customer.sendText(`after ${i}`);
    await waitUntil('host b took over', () => b.context.inbound.messages.length >= 3, 10_000);
    expect(b.context.inbound.texts()).toEqual(['after 1', 'after 2', 'after 3']);
    expect(a.context.inbound.texts()).toHaveLength(5);
  });
});
