import { Drill, chatIds, conversationsOf, repeated, sendChats, sleep, visitorCount, visitorTexts, waitUntil } from './drill-harness.js';

/*
 * Drill 5: two `parley serve` processes on one PostgreSQL store. Unblu reaches the first (the
 * second runs with --no-setup, or its setup would point the channel at itself); customers write
 * alternately through both hosts' routes. Every message, both ways, arrives exactly once and in
 * order per chat, in one conversation per chat.
 */
const CHATS = chatIds('pair', 8);
const PER_CHAT = 20;
const AGENT_PER_CHAT = 5;

describe('two hosts on one PostgreSQL store', () => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({ store: 'postgres' });
    await drill.startHost();
    await drill.startHost({ noSetup: true });
  });

  afterAll(() => drill?.close());

  it('carries customer messages sent alternately to both hosts exactly once, in order', async () => {
    const sent = await sendChats(CHATS, PER_CHAT, { hostFor: (index) => drill.host(index % 2).url, messengerId: 'loop' });
    await waitUntil('every customer message in Unblu', () => visitorCount(drill.sim, CHATS) >= CHATS.length * PER_CHAT, 30_000);
    await sleep(500); // late duplicates would show up here
    for (const chatId of CHATS) {
      expect({ chatId, duplicates: repeated(visitorTexts(drill.sim, chatId)) }).toEqual({ chatId, duplicates: [] });
      expect({ chatId, received: visitorTexts(drill.sim, chatId) }).toEqual({ chatId, received: sent.get(chatId) });
      expect({ chatId, conversations: conversationsOf(drill.sim, chatId).length }).toEqual({ chatId, conversations: 1 });
    }
  });

  it('carries agent replies exactly once, in order, whichever host runs the job', async () => {
    const expected = new Map(CHATS.map((chatId) => [chatId, Array.from({ length: AGENT_PER_CHAT }, (_, i) => `reply ${i} to ${chatId}`)]));
    await Promise.all(CHATS.map(async (chatId) => {
      const conversation = conversationsOf(drill.sim, chatId)[0];
      for (const text of expected.get(chatId) ?? []) await drill.sim.agentSendText(conversation?.id ?? '', text);
    }));
    await waitUntil('every agent reply at the customers', () => CHATS.every((chatId) => drill.app.texts(chatId).length >= AGENT_PER_CHAT), 30_000);
    await drill.sim.idle();
    await sleep(500);
    for (const chatId of CHATS) {
      expect({ chatId, received: drill.app.texts(chatId).map((t) => t.replace(/^Anna: /, '')) }).toEqual({ chatId, received: expected.get(chatId) });
    }
    expect(drill.app.duplicates()).toEqual([]);
  });
});
