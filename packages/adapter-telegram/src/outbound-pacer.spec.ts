import { OutboundPacer } from './outbound-pacer.js';

describe('OutboundPacer', () => {
  let now = 0;
  const pacer = (perChatPerSecond = 1, perChatBurst = 3, perBotPerSecond = 30) => new OutboundPacer({ perChatPerSecond, perChatBurst, perBotPerSecond, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a short burst through, then spaces one chat to its rate', () => {
    const p = pacer();
    const waits = Array.from({ length: 6 }, () => p.reserveChat('42'));
    // Three at once, then one per second.
    expect(waits.map(Math.round)).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('keeps chats independent but under the bot-wide rate', () => {
    const p = pacer(1, 1, 10);
    expect(['a', 'b', 'c', 'd'].map((chat) => p.reserveChat(chat))).toEqual([0, 0, 0, 0]);
    expect([1, 2, 3, 4].map(() => Math.round(p.reserveBot()))).toEqual([0, 100, 200, 300]);
  });

  it('recovers the burst after the chat was quiet', () => {
    const p = pacer();
    for (let i = 0; i < 3; i += 1) p.reserveChat('42');
    now += 10_000;
    expect(p.reserveChat('42')).toBe(0);
  });

  it('after a 429, nothing goes to the chat before retry_after has passed', () => {
    const p = pacer();
    p.pause('42', 5000);
    expect(p.reserveChat('42')).toBeGreaterThanOrEqual(5000);
    expect(p.reserveChat('other')).toBeLessThan(100);
  });

  it('acquire waits for the slot and rejects when aborted', async () => {
    const p = new OutboundPacer({ perChatPerSecond: 1, perChatBurst: 1, perBotPerSecond: 100 });
    await p.acquire('42', new AbortController().signal);
    const controller = new AbortController();
    const waiting = p.acquire('42', controller.signal);
    controller.abort(new Error('engine gave up'));
    await expect(waiting).rejects.toThrow('engine gave up');
  });
});
