import { Drill, conversationsOf } from './drill-harness.js';

/*
 * Drill 8: an agent sends 200 messages to one Telegram chat at once. The adapter's pacing is set
 * faster than Telegram's flood control, and two more 429s are injected, so Telegram refuses sends
 * with retry_after again and again. Each message still reaches the customer once, in order, and
 * Unblu learns that each was sent.
 */
const COUNT = 200;
const INJECTED_429 = 2;

describe('200 agent messages to one Telegram chat against flood control (429 retry_after)', () => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({
      telegram: {
        mode: 'polling',
        pacing: { perChatPerSecond: 50, perChatBurst: 10, perBotPerSecond: 100 },
        simulator: { floodControl: { perChatPerSecond: 40, burst: 5, retryAfterSeconds: 1 } },
      },
    });
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it(`delivers all ${COUNT} complete, in order and once`, async () => {
    const bot = drill.bot();
    const customer = bot.customer({ id: 515_151, firstName: 'Maria', lastName: 'Rossi' });
    customer.sendText('Please send me all my statements');
    const conversation = await drill.waitFor('the conversation', () => conversationsOf(drill.sim, String(customer.chatId))[0]);

    bot.failNext('sendMessage', { errorCode: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1, times: INJECTED_429 });
    const texts = Array.from({ length: COUNT }, (_, i) => `statement ${i + 1} of ${COUNT}: <b>not bold</b> & more`);
    for (const text of texts) await drill.sim.agentSendText(conversation.id, text);

    await drill.waitFor(`${COUNT} messages in Telegram`, () => customer.received().length >= COUNT, 60_000);
    await drill.waitFor('Parley reporting every message sent', () => drill.sim.messages(conversation.id).filter((m) => m.direction === 'agent' && m.sentAt !== null).length === COUNT, 10_000);
    expect(customer.receivedTexts()).toEqual(texts.map((t) => `Anna: ${t}`));

    const statuses = bot.calls('sendMessage').map((call) => call.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(COUNT);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(INJECTED_429);
    expect(drill.sim.messages(conversation.id).filter((m) => m.failure !== null)).toEqual([]);
  });
});
