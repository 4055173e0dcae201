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

  it('carries files both ways', async () => {
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const posted = await fetch(`${drill.host().url}/messengers/loop/customer/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'file-chat', externalMessageId: 'file-1', file: { name: 'card.png', type: 'image/png', base64: photo.toString('base64') } }),
    });
    expect(posted.status).toBe(200);
    const [conversation] = await waitUntil('the file in Unblu', () => {
      const found = conversationsOf(drill.sim, 'file-chat');
      return found.length > 0 && drill.sim.messages(found[0]?.id ?? '').some((m) => m.type === 'FILE') ? found : undefined;
    });
    const fileMessage = drill.sim.messages(conversation?.id ?? '').find((m) => m.type === 'FILE');
    expect(fileMessage?.file).toMatchObject({ fileName: 'card.png', mimeType: 'image/png', size: photo.length });

    await drill.sim.agentSendFile(conversation?.id ?? '', { fileName: 'form.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4 drill') });
    const delivered = await waitUntil('the agent file at the customer', () => drill.app.raw.find((d) => d.chatId === 'file-chat' && d.attachment));
    expect(delivered.attachment).toMatchObject({ fileName: 'form.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(delivered.attachment?.base64 ?? '', 'base64').toString()).toBe('%PDF-1.4 drill');
  });
});
