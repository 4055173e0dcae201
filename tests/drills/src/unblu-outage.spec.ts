import { Drill, chatIds, conversationsOf, repeated, sendChats, sleep, visitorCount, visitorTexts, waitUntil, type SendStats } from './drill-harness.js';

/*
 * Drill 2: Unblu's REST API answers 503 to everything for a while. Customers keep writing; Parley
 * acknowledges (the messages are durable) and posts them once Unblu is back: each exactly once,
 * in order, in one conversation per chat.
 */
const CHATS = chatIds('outage', 3);
const PER_CHAT = 20;

describe('Unblu answers 5xx for a while, then recovers (SQLite)', () => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start();
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it('delivers every message sent during the outage once, in order, after recovery', async () => {
    drill.sim.setFaults({ errorRate: 1, errorStatus: 503 });
    const stats: SendStats = { acked: 0, retried: 0 };
    const sent = await sendChats(CHATS, PER_CHAT, { hostFor: () => drill.host().url, messengerId: 'loop', stats });
    await sleep(1_000); // Parley retries against the outage for a while
    expect(visitorCount(drill.sim, CHATS)).toBe(0);
    expect(stats.acked).toBe(CHATS.length * PER_CHAT);

    drill.sim.setFaults({ errorRate: 0 });
    await waitUntil('every message in Unblu', () => visitorCount(drill.sim, CHATS) >= CHATS.length * PER_CHAT, 30_000);
    await sleep(500); // late duplicates would show up here
    for (const chatId of CHATS) {
      expect({ chatId, duplicates: repeated(visitorTexts(drill.sim, chatId)) }).toEqual({ chatId, duplicates: [] });
      expect({ chatId, received: visitorTexts(drill.sim, chatId) }).toEqual({ chatId, received: sent.get(chatId) });
      expect({ chatId, conversations: conversationsOf(drill.sim, chatId).length }).toEqual({ chatId, conversations: 1 });
    }
  });
});
