import { Drill, TELEGRAM_MESSENGER_ID, conversationsOf, fileBytes, visitorMessages } from './drill-harness.js';

/*
 * Drill 7: a Telegram customer and an agent talk through the real `parley serve` and the Bot API
 * simulator, with updates fetched by long polling and pushed to the host's webhook. Texts, a
 * photo and a document reach one Unblu conversation, keyed by the chat id and named after the
 * customer; the agent's text (with characters HTML would swallow) and PDF reach the customer.
 */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 2, 3, 0xff, 0xd9]);
const STATEMENT = Buffer.from('%PDF-1.4 customer statement');
const FORM = Buffer.from('%PDF-1.4 agent form');
const AGENT_TEXT = 'Your card <**** 1234> is blocked & a new one is on its way';

describe.each(['polling', 'webhook'] as const)('Telegram round trip through parley serve (%s)', (mode) => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start({ telegram: { mode } });
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it('carries texts, a photo and a document to one Unblu conversation named after the customer', async () => {
    const customer = drill.bot().customer({ id: 424_242, firstName: 'Ivan', lastName: 'Petrov', username: 'ivan_p' });
    const chatId = String(customer.chatId);
    customer.sendText('Hello, I lost my card');
    customer.sendPhoto(PHOTO);
    customer.sendDocument(STATEMENT, { fileName: 'statement.pdf', mimeType: 'application/pdf', caption: 'my statement' });
    customer.sendText('Can you block it?');

    const messages = await drill.waitFor('four customer messages in Unblu', () => (visitorMessages(drill.sim, chatId).length >= 4 ? visitorMessages(drill.sim, chatId) : undefined));
    const conversations = conversationsOf(drill.sim, chatId);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.participants.filter((p) => p.personType === 'VISITOR').map((p) => p.displayName)).toEqual(['Ivan Petrov']);
    expect(messages.map((m) => [m.type, m.type === 'TEXT' ? m.text : m.file?.fileName])).toEqual([
      ['TEXT', 'Hello, I lost my card'],
      ['FILE', expect.stringMatching(/\.jpg$/)],
      ['FILE', 'statement.pdf'],
      ['TEXT', 'Can you block it?'],
    ]);
    const [, photo, statement] = messages;
    expect(photo?.file).toMatchObject({ mimeType: 'image/jpeg', size: PHOTO.length });
    expect(statement?.file).toMatchObject({ mimeType: 'application/pdf', size: STATEMENT.length, caption: 'my statement' });
    expect(await fileBytes(drill.sim, requireFile(photo?.file))).toEqual(PHOTO);
    expect(await fileBytes(drill.sim, requireFile(statement?.file))).toEqual(STATEMENT);
    expect(messages.map((m) => m.sourceId)).toEqual(drill.bot().chatLog(chatId).filter((e) => e.from === 'customer').map((e) => `${chatId}:${e.messageId}`));
  });

  it("carries the agent's text, escaped for HTML, and a PDF to the customer", async () => {
    const customer = drill.bot().customer({ id: 424_242, firstName: 'Ivan' });
    const [conversation] = conversationsOf(drill.sim, String(customer.chatId));
    if (!conversation) throw new Error('the conversation of the first test is missing');
    await drill.sim.agentSendText(conversation.id, AGENT_TEXT);
    await drill.sim.agentSendFile(conversation.id, { fileName: 'form.pdf', mimeType: 'application/pdf', data: FORM });

    const received = await drill.waitFor('the agent text and file in Telegram', () => (customer.received().length >= 2 ? customer.received() : undefined));
    expect(received.map((entry) => entry.text)).toEqual([`Anna: ${AGENT_TEXT}`, 'Anna:']);
    const file = received[1]?.file;
    expect(file).toMatchObject({ kind: 'document', fileName: 'form.pdf', mimeType: 'application/pdf', size: FORM.length });
    expect(Buffer.from(drill.bot().fileData(file?.fileId ?? '') ?? [])).toEqual(FORM);
    await drill.waitFor('Parley reporting both sent', () => drill.sim.messages(conversation.id).filter((m) => m.direction === 'agent' && m.sentAt !== null).length === 2);
  });

  it(`received every update by ${mode} only`, () => {
    const bot = drill.bot();
    const webhook = mode === 'webhook' ? `${drill.host().url}/messengers/${TELEGRAM_MESSENGER_ID}/webhook` : '';
    expect({ webhook: bot.webhookInfo().url, polled: bot.calls('getUpdates').length > 0 }).toEqual({ webhook, polled: mode === 'polling' });
    expect(drill.sim.channels().map((c) => c.name)).toEqual(['Drill Telegram']);
  });
});

function requireFile<T>(file: T | null | undefined): T {
  if (!file) throw new Error('the Unblu message has no file');
  return file;
}
