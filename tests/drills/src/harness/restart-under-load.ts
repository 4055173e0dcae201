import { conversationsOf, repeated, visitorCount, visitorTexts } from './unblu-view.js';
import { chatIds, sendChats, type SendStats } from './customers.js';
import { sleep, waitUntil } from './wait.js';
import type { StoreKind } from './drill-store.js';
import { Drill } from '../drill-harness.js';

const CHATS = chatIds('load', 20);
const PER_CHAT = 60;
const TOTAL = CHATS.length * PER_CHAT;

/**
 * Drill 3: `parley serve` is stopped with `signal` in the middle of a load (20 customers writing
 * at once, each in order) and started again on the same store. Customers re-send every message
 * that got no 200, with the same message id. Every message must reach Unblu exactly once, in
 * order per chat, in one conversation per chat.
 */
export function describeRestartUnderLoad(signal: 'SIGTERM' | 'SIGKILL', stores: StoreKind[]): void {
  describe.each(stores)(`${signal} during a load, then restart (%s)`, (store) => {
    let drill: Drill;

    beforeAll(async () => {
      drill = await Drill.start({ store });
      await drill.startHost();
    });

    afterAll(() => drill?.close());

    it(`delivers ${TOTAL} customer messages exactly once, in order per chat`, async () => {
      const stats: SendStats = { acked: 0, retried: 0 };
      const sending = sendChats(CHATS, PER_CHAT, { hostFor: () => drill.host().url, messengerId: 'loop', stats, retryDelayMs: 50 });
      await waitUntil('a third of the load acked', () => stats.acked >= TOTAL / 3, 60_000, 5);
      await (signal === 'SIGKILL' ? drill.host().process.kill() : drill.host().process.stop());
      expect(stats.acked).toBeLessThan(TOTAL);
      await drill.restart(drill.host());
      const sent = await sending;

      await waitUntil(`all ${TOTAL} messages in Unblu`, () => visitorCount(drill.sim, CHATS) >= TOTAL, 60_000);
      await sleep(500); // late duplicates would show up here
      expect(stats.retried).toBeGreaterThan(0);
      for (const chatId of CHATS) {
        expect({ chatId, duplicates: repeated(visitorTexts(drill.sim, chatId)) }).toEqual({ chatId, duplicates: [] });
        expect({ chatId, received: visitorTexts(drill.sim, chatId) }).toEqual({ chatId, received: sent.get(chatId) });
        expect({ chatId, conversations: conversationsOf(drill.sim, chatId).length }).toEqual({ chatId, conversations: 1 });
      }
    });
  });
}
