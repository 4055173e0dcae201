import type { Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { waitUntil } from '@parley/testing';
import { apiFor, startWebhookReceiver, type WebhookReceiver } from './simulator-test-support.spec-helper.js';

describe('Bot API simulator: webhooks', () => {
  let sim: BotApiSimulator;
  let api: Api;
  let customer: SimulatedCustomer;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    sim = await startBotApiSimulator({ webhookRetryDelayMs: 50 });
    api = apiFor(sim);
    customer = sim.customer({ id: 4242, firstName: 'Anna' });
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  it('pushes pending updates in order over one connection with the secret header, each confirmed by a 2xx', async () => {
    customer.sendText('before the webhook');
    await api.setWebhook(receiver.url, { secret_token: 'Sec_ret-1', max_connections: 1 });
    customer.sendText('after the webhook');
    await waitUntil('two pushes', () => receiver.pushes.length === 2);
    expect(receiver.pushes.map((push) => (push.body as { message: { text: string } }).message.text)).toEqual(['before the webhook', 'after the webhook']);
    expect(receiver.pushes[0]?.headers).toMatchObject({ 'x-telegram-bot-api-secret-token': 'Sec_ret-1', 'content-type': 'application/json' });
    await waitUntil('both confirmed', () => sim.pendingUpdates().length === 0);
    expect(await api.getWebhookInfo()).toEqual({ url: receiver.url, has_custom_certificate: false, pending_update_count: 0, max_connections: 1 });
  });

  it('pushes over up to max_connections requests at once, each update confirmed once', async () => {
    const slow = await startSlowReceiver(100);
    try {
      await api.setWebhook(slow.url, { max_connections: 3 });
      for (let i = 1; i <= 9; i += 1) customer.sendText(`parallel ${i}`);
      await waitUntil('all confirmed', () => sim.pendingUpdates().length === 0, 5000);
      expect(slow.mostAtOnce).toBe(3);
      expect([...slow.texts].sort()).toEqual(Array.from({ length: 9 }, (_, i) => `parallel ${i + 1}`).sort());
    } finally {
      await slow.close();
    }
  });

  it('records a failed push and pushes the same update again after the retry delay', async () => {
    receiver.answerNext(503);
    await api.setWebhook(receiver.url);
    customer.sendText('retry me');
    await waitUntil('two pushes', () => receiver.pushes.length === 2);
    const [first, second] = receiver.pushes;
    expect(second?.body).toEqual(first?.body);
    expect(first?.headers['x-telegram-bot-api-secret-token']).toBeUndefined();
    await waitUntil('confirmed', () => sim.pendingUpdates().length === 0);
    const info = await api.getWebhookInfo();
    expect(info).toMatchObject({ pending_update_count: 0, last_error_message: 'Wrong response from the webhook: 503 Service Unavailable' });
    expect(info.last_error_date).toBeGreaterThan(1_600_000_000);
  });

  it('reports an unreachable webhook and keeps the update pending', async () => {
    await receiver.close();
    await api.setWebhook(receiver.url);
    customer.sendText('nobody listens');
    await waitUntil('an error', () => sim.webhookInfo().last_error_message);
    expect(sim.webhookInfo()).toMatchObject({ last_error_message: 'Connection refused', pending_update_count: 1 });
  });

  it('refuses getUpdates while a webhook is set, and stops pushing after deleteWebhook', async () => {
    await api.setWebhook(receiver.url, { allowed_updates: ['message'] });
    await expect(api.getUpdates()).rejects.toMatchObject({
      error_code: 409,
      description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    expect(sim.webhookInfo().allowed_updates).toEqual(['message']);
    await api.deleteWebhook();
    customer.sendText('for polling');
    expect((await api.getUpdates()).map((update) => update.message?.text)).toEqual(['for polling']);
    expect(receiver.pushes).toEqual([]);
    expect(sim.webhookInfo()).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 1 });
  });

  it('ends a held poll with 409 when a webhook is set', async () => {
    const held = api.getUpdates({ timeout: 10 });
    await waitUntil('the held poll', () => sim.calls('getUpdates').length === 1);
    await api.setWebhook(receiver.url);
    await expect(held).rejects.toMatchObject({ error_code: 409, description: 'Conflict: terminated by setWebhook request' });
  });

  it('drops pending updates when setWebhook asks for it', async () => {
    customer.sendText('old');
    await api.setWebhook(receiver.url, { drop_pending_updates: true });
    customer.sendText('new');
    await waitUntil('a push', () => receiver.pushes.length === 1);
    expect((receiver.pushes[0]?.body as { message: { text: string } }).message.text).toBe('new');
    await waitUntil('confirmed', () => sim.pendingUpdates().length === 0);
    expect(receiver.pushes).toHaveLength(1);
  });

  it('validates the URL and the secret like Telegram', async () => {
    await expect(api.setWebhook('http://example.com/hook')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' });
    await expect(api.setWebhook('not a url')).rejects.toMatchObject({ description: 'Bad Request: invalid webhook URL specified' });
    await expect(api.setWebhook(receiver.url, { secret_token: 'with space' })).rejects.toMatchObject({ error_code: 400 });
    await expect(api.setWebhook(receiver.url, { secret_token: 'x'.repeat(257) })).rejects.toMatchObject({ error_code: 400 });
    expect(sim.webhookInfo().url).toBe('');
  });
});

/** A webhook that takes `delayMs` to answer 200 and counts how many pushes it held at once. */
async function startSlowReceiver(delayMs: number): Promise<{ url: string; texts: string[]; mostAtOnce: number; close(): Promise<void> }> {
  let current = 0;
  const state = { url: '', texts: [] as string[], mostAtOnce: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    current += 1;
    state.mostAtOnce = Math.max(state.mostAtOnce, current);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.texts.push((JSON.parse(Buffer.concat(chunks).toString()) as { message: { text: string } }).message.text);
      setTimeout(() => {
        current -= 1;
        res.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
