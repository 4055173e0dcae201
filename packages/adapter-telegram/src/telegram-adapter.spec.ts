import { PermanentError, TransientError } from '@parley/core';
import { waitUntil } from '@parley/testing';
import { CHAT, live, telegramFixture, type TelegramFixture } from './telegram-fixture.spec-helper.js';

/* The adapter against the Bot API simulator: what a customer and an agent see, and how failures surface. */

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const agent = { kind: 'agent' as const, displayName: 'Anna' };

describe('TelegramAdapter', () => {
  let f: TelegramFixture;

  afterEach(() => f?.close());

  describe('agent messages', () => {
    beforeEach(async () => {
      f = await telegramFixture();
    });

    it('sends text as escaped HTML, so the customer sees exactly what the agent typed', async () => {
      const text = 'Anna: <b>rates</b> > 3% & "fees" apply';
      const result = await f.adapter.send({ parleyMessageId: 'p1', chatId: CHAT, text, sender: agent }, live());
      const [entry] = f.customer.received();
      expect(entry?.text).toBe(text);
      expect(entry?.html).toBe('Anna: &lt;b&gt;rates&lt;/b&gt; &gt; 3% &amp; "fees" apply');
      expect(result.externalMessageId).toBe(`${CHAT}:${entry?.messageId}`);
    });

    it('keeps a reply reference to the customer message', async () => {
      const question = f.customer.sendText('Which fee?');
      await f.adapter.send({ parleyMessageId: 'p2', chatId: CHAT, text: 'This one', sender: agent, replyToExternalMessageId: `${CHAT}:${question.message_id}` }, live());
      expect(f.customer.received()[0]?.replyToMessageId).toBe(question.message_id);
    });

    it('sends an image as a photo and a PDF as a document, with captions', async () => {
      await f.adapter.send({ parleyMessageId: 'f1', chatId: CHAT, sender: agent, attachment: { fileName: 'chart.png', mimeType: 'image/png', data: PNG, caption: 'Anna: the chart' } }, live());
      const pdf = new TextEncoder().encode('%PDF-1.4 form');
      await f.adapter.send({ parleyMessageId: 'f2', chatId: CHAT, sender: agent, attachment: { fileName: 'form.pdf', mimeType: 'application/pdf', data: pdf } }, live());
      const [photo, document] = f.customer.received();
      expect(photo?.file).toMatchObject({ kind: 'photo' });
      expect(photo?.text).toBe('Anna: the chart');
      expect(Buffer.from(f.sim.fileData(photo?.file?.fileId ?? '') ?? [])).toEqual(Buffer.from(PNG));
      expect(document?.file).toMatchObject({ kind: 'document', fileName: 'form.pdf', mimeType: 'application/pdf' });
      expect(Buffer.from(f.sim.fileData(document?.file?.fileId ?? '') ?? []).toString()).toBe('%PDF-1.4 form');
    });

    it('sends a caption longer than Telegram allows as a text after the file', async () => {
      const caption = `Anna: ${'terms '.repeat(300)}`.trim();
      await f.adapter.send({ parleyMessageId: 'f3', chatId: CHAT, sender: agent, attachment: { fileName: 'terms.pdf', mimeType: 'application/pdf', data: PNG, caption } }, live());
      const [file, text] = f.customer.received();
      expect(file?.file?.fileName).toBe('terms.pdf');
      expect(file?.text ?? '').toBe('');
      expect(text?.text).toBe(caption);
    });

    it('refuses a file over 50 MB before uploading, as a permanent error the agent can read', async () => {
      const big = new Uint8Array(50 * 1024 * 1024 + 1);
      const sending = f.adapter.send({ parleyMessageId: 'f4', chatId: CHAT, sender: agent, attachment: { fileName: 'video.mp4', mimeType: 'video/mp4', data: big } }, live());
      await expect(sending).rejects.toBeInstanceOf(PermanentError);
      await expect(sending).rejects.toMatchObject({ code: 'telegram.file_too_large', message: expect.stringContaining('up to 50.0 MB') });
      expect(f.sim.calls('sendDocument')).toHaveLength(0);
    });

    it('maps a 429 to a transient error with retry_after and holds the chat back meanwhile', async () => {
      f.sim.failNext('sendMessage', { errorCode: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
      const limited = f.adapter.send({ parleyMessageId: 'r1', chatId: CHAT, text: 'one', sender: agent }, live());
      await expect(limited).rejects.toBeInstanceOf(TransientError);
      await expect(limited).rejects.toMatchObject({ code: 'telegram.rate_limited', retryAfterMs: 1000 });
      const started = Date.now();
      await f.adapter.send({ parleyMessageId: 'r1', chatId: CHAT, text: 'one', sender: agent }, live());
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(f.customer.receivedTexts()).toEqual(['one']);
    });

    it('fails permanently for a customer who blocked the bot or an unknown chat', async () => {
      f.customer.block();
      await expect(f.adapter.send({ parleyMessageId: 'b1', chatId: CHAT, text: 'hi', sender: agent }, live())).rejects.toMatchObject({ name: 'PermanentError', code: 'telegram.blocked' });
      await expect(f.adapter.send({ parleyMessageId: 'b2', chatId: '999', text: 'hi', sender: agent }, live())).rejects.toMatchObject({ name: 'PermanentError', code: 'telegram.chat_not_found' });
    });

    it('reports failed health when Telegram refuses the token, and fails sends permanently', async () => {
      await waitUntil('connected', () => f.context.health.current?.state === 'connected');
      f.sim.revokeToken();
      await expect(f.adapter.send({ parleyMessageId: 'u1', chatId: CHAT, text: 'hi', sender: agent }, live())).rejects.toMatchObject({ code: 'telegram.unauthorized' });
      await waitUntil('failed health', () => f.context.health.current?.state === 'failed');
      expect(f.context.health.current?.detail).toContain('token');
    });
  });

  describe('customer messages (long polling)', () => {
    beforeEach(async () => {
      f = await telegramFixture();
    });

    it('polls under the lease named for the bot and reports connected as the bot, every time alike', async () => {
      await waitUntil('two polls', () => f.sim.calls('getUpdates').length > 1);
      expect(f.context.exclusiveRuns).toEqual([`telegram-updates:${f.sim.token.split(':')[0]}`]);
      const connected = f.context.health.reports.filter((r) => r.state === 'connected');
      expect(new Set(connected.map((r) => r.detail))).toEqual(new Set([`@${f.sim.botUser.username}`]));
    });

    it('carries text with the customer as visitor, edits as new messages and replies', async () => {
      const first = f.customer.sendText('Hello bank');
      f.customer.editText(first.message_id, 'Hello, bank!');
      f.customer.sendText('About my card', { replyTo: first.message_id });
      const [hello, edit, reply] = await f.context.inbound.waitForMessages(3, 5000);
      expect(hello).toMatchObject({ chatId: CHAT, externalMessageId: `${CHAT}:${first.message_id}`, text: 'Hello bank', sender: { id: CHAT, displayName: 'Anna Muster', username: 'anna_m', locale: 'de' } });
      expect(edit).toMatchObject({ text: 'Hello, bank!', editOfExternalMessageId: `${CHAT}:${first.message_id}` });
      expect(edit?.externalMessageId).not.toBe(hello?.externalMessageId);
      expect(reply).toMatchObject({ text: 'About my card', replyToExternalMessageId: `${CHAT}:${first.message_id}` });
    });

    it('fetches photos and documents and hands over their bytes', async () => {
      f.customer.sendPhoto(PNG, { caption: 'my card' });
      f.customer.sendDocument(new TextEncoder().encode('statement'), { fileName: 'statement.txt', mimeType: 'text/plain' });
      const [photo, document] = await f.context.inbound.waitForMessages(2, 5000);
      expect(photo?.text).toBe('my card');
      expect(photo?.attachments[0]).toMatchObject({ mimeType: 'image/jpeg' });
      expect(Buffer.from(photo?.attachments[0]?.data ?? [])).toEqual(Buffer.from(PNG));
      expect(document?.attachments[0]).toMatchObject({ fileName: 'statement.txt', mimeType: 'text/plain' });
      expect(Buffer.from(document?.attachments[0]?.data ?? []).toString()).toBe('statement');
    });

    it('tells the agent about a file over the 20 MB download limit instead of blocking the chat', async () => {
      f.customer.sendLargeDocument(25 * 1024 * 1024, { fileName: 'scan.pdf', mimeType: 'application/pdf' });
      f.customer.sendText('did it arrive?');
      const [note, next] = await f.context.inbound.waitForMessages(2, 5000);
      expect(note?.attachments).toEqual([]);
      expect(note?.text).toMatch(/file not carried: "scan\.pdf" is 25\.0 MB; Telegram lets bots download files up to 20\.0 MB/);
      expect(next?.text).toBe('did it arrive?');
    });

    it('ignores group chats with a log line and goes on with private ones', async () => {
      f.sim.groupMessage({ chatId: -1001, from: { id: 7, firstName: 'Team' }, text: 'in a group' });
      f.customer.sendText('private');
      const [message] = await f.context.inbound.waitForMessages(1, 5000);
      expect(message?.text).toBe('private');
      await waitUntil('the group update confirmed', () => f.sim.pendingUpdates().length === 0);
      expect(f.context.inbound.texts()).toEqual(['private']);
    });

    it('does not confirm an update to Telegram until the engine stored it', async () => {
      f.context.inbound.rejectAll();
      f.customer.sendText('keep me');
      await waitUntil('an offer', () => f.context.inbound.offers.length > 0);
      expect(f.sim.pendingUpdates().map((u) => u.message?.text)).toEqual(['keep me']);
      await waitUntil('degraded health', () => f.context.health.current?.state === 'degraded');
      f.context.inbound.acceptAgain();
      const [stored] = await f.context.inbound.waitForMessages(1, 8000);
      expect(stored?.text).toBe('keep me');
      await waitUntil('the update confirmed', () => f.sim.pendingUpdates().length === 0, 8000);
    });
  });

  describe('Start', () => {
    it('greets once per Start press when a greeting is configured, and forwards nothing', async () => {
      f = await telegramFixture({ options: { greeting: 'Welcome to Example Bank. How can we help?' } });
      f.customer.sendText('/start');
      f.customer.sendText('Hi');
      const [message] = await f.context.inbound.waitForMessages(1, 5000);
      expect(message?.text).toBe('Hi');
      await waitUntil('the greeting', () => f.customer.receivedTexts().length > 0);
      expect(f.customer.receivedTexts()).toEqual(['Welcome to Example Bank. How can we help?']);
      expect(f.context.inbound.texts()).toEqual(['Hi']);
    });

    it('stays silent on Start by default', async () => {
      f = await telegramFixture();
      f.customer.sendText('/start');
      f.customer.sendText('Hi');
      await f.context.inbound.waitForMessages(1, 5000);
      await waitUntil('both confirmed', () => f.sim.pendingUpdates().length === 0);
      expect(f.customer.receivedTexts()).toEqual([]);
    });
  });
});
