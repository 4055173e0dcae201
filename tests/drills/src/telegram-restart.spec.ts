import { Drill, conversationsOf, repeated, sleep, visitorCount, visitorTexts, writeTelegramChats } from './drill-harness.js';

/*
 * Drill 9: Telegram customers write while the polling host is killed (SIGKILL) or stopped
 * (SIGTERM) in the middle of their burst, and started again on the same store. Telegram keeps
 * every update the bot has not confirmed with a later offset and hands it out again. The stop is
 * timed after the host stored a batch whose confirmation got lost on the way to Telegram, so the
 * restarted host is offered updates it already stored: every message must still reach Unblu
 * exactly once, in order per chat, in one conversation per chat.
 */
const CUSTOMERS = 10;
const PER_CHAT = 30;
const TOTAL = CUSTOMERS * PER_CHAT;

describe.each(['SIGKILL', 'SIGTERM'] as const)('%s of the polling host during a Telegram customer burst, then restart', (signal) => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({ telegram: { mode: 'polling' } });
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it(`carries ${TOTAL} customer messages to Unblu exactly once, in order per chat`, async () => {
    const bot = drill.bot();
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => bot.customer({ id: 7_000_001 + i, firstName: 'Customer', lastName: String(i + 1) }));
    const chats = customers.map((customer) => String(customer.chatId));
    const progress = { written: 0 };
    const writing = writeTelegramChats(customers, PER_CHAT, { gapMs: 30, progress });

    await drill.waitFor('a third of the burst written and some of it in Unblu', () => progress.written >= TOTAL / 3 && visitorCount(drill.sim, chats) > 0, 30_000);
    const lostOffset = await loseNextConfirmation(drill);
    await (signal === 'SIGKILL' ? drill.host().process.kill() : drill.host().process.stop());
    const atStop = { written: progress.written, inUnblu: visitorCount(drill.sim, chats) };
    const storedButHeld = bot.pendingUpdates().filter((update) => update.update_id < lostOffset);
    expect(atStop.written).toBeLessThan(TOTAL);
    expect(atStop.inUnblu).toBeLessThan(TOTAL);
    expect(storedButHeld.length).toBeGreaterThan(0);

    await drill.restart(drill.host());
    const sent = await writing;
    await drill.waitFor(`all ${TOTAL} messages in Unblu`, () => visitorCount(drill.sim, chats) >= TOTAL, 60_000);
    await sleep(500); // late duplicates would show up here
    for (const chatId of chats) {
      expect({ chatId, duplicates: repeated(visitorTexts(drill.sim, chatId)) }).toEqual({ chatId, duplicates: [] });
      expect({ chatId, received: visitorTexts(drill.sim, chatId) }).toEqual({ chatId, received: sent.get(chatId) });
      expect({ chatId, conversations: conversationsOf(drill.sim, chatId).length }).toEqual({ chatId, conversations: 1 });
    }
    expect(bot.pendingUpdates()).toEqual([]);
  });
});

/**
 * Loses the host's next getUpdates on the way to Telegram: the offset in it, which would confirm
 * the batch the host has just stored, never takes effect. Resolves that offset. The poller backs
 * off for at least half a second after the network error, long enough to stop the host meanwhile.
 */
async function loseNextConfirmation(drill: Drill): Promise<number> {
  const bot = drill.bot();
  const before = bot.calls('getUpdates').length;
  bot.dropNext('getUpdates');
  const lost = await drill.waitFor('the next getUpdates, lost', () => bot.calls('getUpdates')[before]?.payload['offset']);
  await sleep(50); // the call is dropped right after its payload is read
  return Number(lost);
}
