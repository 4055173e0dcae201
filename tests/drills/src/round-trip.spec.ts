import { Drill, conversationsOf, sendChat, visitorTexts, waitUntil } from './drill-harness.js';

/*
 * Drill 1: the real `parley serve` carries a conversation both ways, on Unblu 8 (web API v4) and
 * Unblu 7 (web API v3), with a SQLite store.
 */
describe.each(['v4', 'v3'] as const)('round trip through parley serve (web API %s, SQLite)', (apiVersion) => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({ apiVersion });
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it('sets up the channel, carries customer texts to Unblu and agent replies back with the agent name', async () => {
    expect(drill.sim.channels().map((c) => c.name)).toEqual(['Drill loop']);
    const sent = await sendChat('rt-chat', 3, { hostFor: () => drill.host().url, messengerId: 'loop' });
    await waitUntil('three customer messages in Unblu', () => visitorTexts(drill.sim, 'rt-chat').length >= 3);
    const [conversation] = conversationsOf(drill.sim, 'rt-chat');
    expect(conversationsOf(drill.sim, 'rt-chat')).toHaveLength(1);
    expect(visitorTexts(drill.sim, 'rt-chat')).toEqual(sent);

    const agentTexts = ['Hello, how can I help?', 'One moment please.'];
    for (const text of agentTexts) await drill.sim.agentSendText(conversation?.id ?? '', text);
    await waitUntil('two agent replies at the customer', () => drill.app.texts('rt-chat').length >= 2);
    const agent = apiVersion === 'v4' ? 'Anna' : 'Anna Meier';
    expect(drill.app.texts('rt-chat')).toEqual(agentTexts.map((t) => `${agent}: ${t}`));
    expect(drill.app.duplicates()).toEqual([]);
  });
});
