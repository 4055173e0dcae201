import { Drill, conversationsOf, sendChat, sleep, waitUntil } from './drill-harness.js';

/*
 * Drill 4: Unblu delivers an agent message more than once. A proxy between the simulator and
 * Parley lets Parley process each new-message call but drops its first answer, so the simulator
 * retries the same invocation with X-Unblu-Retry-No 1. The customer still gets each message once.
 */
const isNewMessage = (headers: Record<string, string | string[] | undefined>): boolean =>
  String(headers['x-unblu-service-name'] ?? headers['x-unblu-event'] ?? '').toLowerCase().includes('new');

describe.each(['v4', 'v3'] as const)('duplicate agent message deliveries from Unblu (web API %s)', (apiVersion) => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({ apiVersion, proxy: true });
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it('hands each agent message to the customer once although Unblu sent it twice', async () => {
    await sendChat('dup-chat', 1, { hostFor: () => drill.host().url, messengerId: 'loop' });
    const conversation = await waitUntil('the conversation', () => conversationsOf(drill.sim, 'dup-chat')[0]);
    const proxy = drill.proxy;
    if (!proxy) throw new Error('the drill has no proxy');
    proxy.dropAnswer = (headers) => isNewMessage(headers) && headers['x-unblu-retry-no'] === '0';

    const texts = ['first', 'second', 'third'];
    for (const text of texts) await drill.sim.agentSendText(conversation.id, text);
    await waitUntil('three agent messages at the customer', () => drill.app.texts('dup-chat').length >= 3);
    await drill.sim.idle();
    await sleep(500); // late duplicates would show up here

    const retries = drill.sim.deliveries().filter((d) => isNewMessage(d.requestHeaders) && d.retryNo > 0);
    expect(proxy.dropped).toBe(3);
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(drill.app.texts('dup-chat').map((t) => t.replace(/^[^:]+: /, ''))).toEqual(texts);
    expect(drill.app.duplicates()).toEqual([]);
  });
});
