import { InputFile, type Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { apiFor } from './simulator-test-support.spec-helper.js';

interface EntryJson {
  from: string;
  messageId: number;
  text?: string;
  editedAt?: number;
  replyToMessageId?: number;
  file?: { kind: string; fileId: string; fileName?: string; url: string };
}

describe('Bot API simulator: control API and customer page', () => {
  let sim: BotApiSimulator;
  let api: Api;

  beforeEach(async () => {
    sim = await startBotApiSimulator();
    api = apiFor(sim);
  });

  afterEach(() => sim.close());

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() };
  }

  it('lets another process play the customer: create, write, edit, and read the bot replies', async () => {
    const created = await call('POST', '/_sim/customers', { firstName: 'Bea', username: 'bea' });
    expect(created).toMatchObject({ status: 201, json: { firstName: 'Bea', username: 'bea', blocked: false } });
    const { chatId } = created.json as { chatId: number };
    expect((await call('GET', '/_sim/customers')).json).toEqual([created.json]);

    const written = await call('POST', `/_sim/chats/${chatId}/messages`, { text: 'Hello bank' });
    expect(written).toMatchObject({ status: 201, json: { from: 'customer', messageId: 1, text: 'Hello bank' } });
    const [update] = await api.getUpdates();
    expect(update?.message).toMatchObject({ chat: { id: chatId }, text: 'Hello bank' });
    await api.sendMessage(chatId, '<i>Hi</i> Bea', { parse_mode: 'HTML', reply_parameters: { message_id: 1 } });
    expect(await call('POST', `/_sim/chats/${chatId}/edits`, { messageId: 1, text: 'Hello, bank!' })).toMatchObject({ status: 200, json: { editedAt: expect.any(Number) } });

    const log = (await call('GET', `/_sim/chats/${chatId}`)).json as { messages: EntryJson[] };
    expect(log.messages).toMatchObject([
      { from: 'customer', messageId: 1, text: 'Hello, bank!' },
      { from: 'bot', messageId: 2, text: 'Hi Bea', replyToMessageId: 1 },
    ]);
  });

  it('carries files both ways with download URLs', async () => {
    const { json } = await call('POST', '/_sim/customers', { id: 77, firstName: 'Cem' });
    expect(json).toMatchObject({ id: 77, chatId: 77 });
    const base64 = Buffer.from('statement').toString('base64');
    const sent = await call('POST', '/_sim/chats/77/messages', { file: { name: 'statement.txt', type: 'text/plain', base64 }, caption: 'my statement' });
    expect(sent).toMatchObject({ status: 201, json: { text: 'my statement', file: { kind: 'document', fileName: 'statement.txt' } } });
    const [update] = await api.getUpdates();
    expect(update?.message?.document).toMatchObject({ file_name: 'statement.txt', mime_type: 'text/plain' });
    await api.sendDocument(77, new InputFile(new TextEncoder().encode('reply file'), 'reply.txt'));

    const log = (await call('GET', '/_sim/chats/77')).json as { messages: EntryJson[] };
    const urls = log.messages.map((entry) => entry.file?.url ?? '');
    expect(urls.every((url) => url.startsWith(`${sim.url}/_sim/files/`))).toBe(true);
    expect(await Promise.all(urls.map(async (url) => (await fetch(url)).text()))).toEqual(['statement', 'reply file']);
    expect((await fetch(`${sim.url}/_sim/files/unknown`)).status).toBe(404);
  });

  it('answers 400 naming what is wrong with a body, 404 for unknown chats', async () => {
    const invalid = await call('POST', '/_sim/customers', { firstName: '', extra: true });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: string }).error).toMatch(/firstName: .*; \(body\): .*extra/i);
    await call('POST', '/_sim/customers', { id: 5, firstName: 'Dora' });
    expect((await call('POST', '/_sim/chats/5/messages', {})).json).toEqual({ error: 'Invalid body: (body): needs text or file' });
    expect((await call('POST', '/_sim/chats/5/edits', { messageId: 9, text: 'x' })).status).toBe(400);
    expect((await call('POST', '/_sim/chats/404/messages', { text: 'x' })).status).toBe(404);
    expect((await call('GET', '/_sim/chats/404')).status).toBe(404);
    expect((await call('GET', '/_sim/customers?token=1:unknown')).status).toBe(404);
    expect((await call('GET', '/_sim/nothing')).status).toBe(404);
  });

  it('blocks and unblocks the bot for a customer', async () => {
    await call('POST', '/_sim/customers', { id: 6, firstName: 'Eli' });
    expect((await call('POST', '/_sim/chats/6/blocked', { blocked: true })).json).toMatchObject({ blocked: true });
    await expect(api.sendMessage(6, 'hi')).rejects.toMatchObject({ error_code: 403 });
    expect((await call('POST', '/_sim/chats/6/blocked', { blocked: false })).json).toMatchObject({ blocked: false });
  });

  it('serves a self-contained customer page', async () => {
    const response = await fetch(`${sim.url}/`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('/_sim/customers');
    expect(page).toContain('textContent');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toContain('innerHTML');
  });
});
