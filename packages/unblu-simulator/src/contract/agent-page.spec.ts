import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ContractHarness, linkConversation, startContractHarness } from './contract-harness.js';

/*
 * The agent page as a person uses it, in headless Chromium: pick the conversation a customer
 * started, reply with text and a file, mark the customer's messages read, end the conversation.
 * Each action must reach Parley's endpoint (or Unblu's state) as it would from a real agent desk.
 * `.ci/run` installs Debian's chromium; CHROMIUM_PATH points elsewhere if needed.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('agent page in a browser', () => {
  let h: ContractHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
    }
    h = await startContractHarness('v4');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('lets a person answer, send a file, mark read and end a conversation', async () => {
    const { channel, visitor, conversation, sourceId } = await linkConversation(h, {
      topic: 'Lost card',
      messageStateHandledExternally: true,
    });
    const { messageId } = await h.gateway.messages.send({
      channelId: channel.id,
      conversationId: conversation.id,
      visitor,
      sourceId: 'tg-1',
      content: { kind: 'text', text: 'I lost my card' },
    });

    await page.goto(h.sim.agentPageUrl);
    await page.getByText('Lost card').first().click();
    await page.getByText('I lost my card').waitFor();

    await page.fill('textarea[name=text]', 'Blocking it now.');
    await page.click('button[type=submit]');
    const text = await h.sim.waitFor(() => h.listener.agentMessages.find((e) => e.content.kind === 'text'));
    expect(text).toMatchObject({ conversationId: conversation.id, content: { text: 'Blocking it now.' } });

    await page.setInputFiles('input[name=file]', { name: 'form.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.click('button[type=submit]');
    const file = await h.sim.waitFor(() => h.listener.agentMessages.find((e) => e.content.kind === 'file'));
    expect(file.content).toMatchObject({ kind: 'file', file: { fileName: 'form.pdf', mimeType: 'application/pdf' } });

    await page.click('button.read');
    const state = await h.sim.waitFor(() => h.listener.states.find((s) => s.messageId === messageId));
    expect(state).toMatchObject({ state: 'READ', externalMessageId: 'tg-1' });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('button.end');
    await h.sim.waitFor(() => h.sim.conversation(conversation.id).state === 'ENDED');
    expect(await h.gateway.conversations.findActive(channel.id, sourceId)).toBeUndefined();
  }, 30_000);
});
