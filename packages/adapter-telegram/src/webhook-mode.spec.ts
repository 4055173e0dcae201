import { silentLogger, type AdapterSetupContext } from '@parley/core';
import { waitUntil } from '@parley/testing';
import { parseTelegramOptions } from './config.js';
import { telegramFixture, type TelegramFixture } from './telegram-fixture.spec-helper.js';
import { TelegramAdapter } from './telegram-adapter.js';
import { startBotApiSimulator, type BotApiSimulator } from './testing/index.js';
import { SECRET_HEADER, WEBHOOK_PATH, deriveWebhookSecret } from './webhook-receiver.js';

/* Webhook mode: `parley setup` registers the webhook; Telegram's pushes are checked and stored before 200. */

function setupContext(overrides: Partial<AdapterSetupContext> = {}): AdapterSetupContext {
  return {
    messengerId: 'telegram',
    publicUrl: (path) => `https://parley.example.com/messengers/telegram${path}`,
    dryRun: false,
    resendSecrets: false,
    logger: silentLogger,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe('Telegram webhook setup', () => {
  let sim: BotApiSimulator;
  const adapter = (mode: 'webhook' | 'polling', extra: Record<string, unknown> = {}) => new TelegramAdapter(parseTelegramOptions({ token: sim.token, apiRoot: sim.url, mode, ...extra }));

  beforeEach(async () => {
    sim = await startBotApiSimulator();
  });

  afterEach(() => sim.close());

  it('registers the host URL with the secret and the update types Parley needs, then finds nothing to do', async () => {
    expect(await adapter('webhook').setup(setupContext())).toEqual([
      { name: 'Telegram webhook', action: 'create', changes: ['url: (none) → https://parley.example.com/messengers/telegram/webhook'] },
    ]);
    expect(sim.webhookInfo()).toMatchObject({ url: 'https://parley.example.com/messengers/telegram/webhook', allowed_updates: ['message', 'edited_message'], max_connections: 1 });
    const [call] = sim.calls('setWebhook');
    expect(call?.payload).toMatchObject({ secret_token: deriveWebhookSecret(sim.token), drop_pending_updates: false });
    expect(await adapter('webhook').setup(setupContext())).toEqual([{ name: 'Telegram webhook', action: 'unchanged', changes: [] }]);
    expect(sim.calls('setWebhook')).toHaveLength(1);
  });

  it('re-sends the secret only when asked, and a configured URL wins', async () => {
    await adapter('webhook').setup(setupContext());
    const resent = await adapter('webhook').setup(setupContext({ resendSecrets: true }));
    expect(resent).toEqual([{ name: 'Telegram webhook', action: 'update', changes: ['secret re-sent'] }]);
    const moved = await adapter('webhook', { webhook: { url: 'https://edge.example.com/tg' } }).setup(setupContext());
    expect(moved[0]?.changes).toEqual(['url: https://parley.example.com/messengers/telegram/webhook → https://edge.example.com/tg']);
  });

  it('writes nothing in a dry run', async () => {
    const result = await adapter('webhook').setup(setupContext({ dryRun: true }));
    expect(result[0]?.action).toBe('create');
    expect(sim.calls('setWebhook')).toHaveLength(0);
    expect(sim.webhookInfo().url).toBe('');
  });

  it('removes a webhook left over when the bot now polls, keeping pending updates', async () => {
    await adapter('webhook').setup(setupContext());
    sim.customer({ id: 1, firstName: 'A' }).sendText('waiting');
    const result = await adapter('polling').setup(setupContext());
    expect(result).toEqual([{ name: 'Telegram webhook', action: 'update', changes: ['removed https://parley.example.com/messengers/telegram/webhook (polling mode)'] }]);
    expect(sim.webhookInfo().url).toBe('');
    expect(sim.pendingUpdates()).toHaveLength(1);
  });
});

describe('Telegram webhook receiving', () => {
  let f: TelegramFixture;

  beforeEach(async () => {
    f = await telegramFixture({ mode: 'webhook' });
  });

  afterEach(() => f.close());

  it('stores pushed messages and is connected while Telegram pushes to it', async () => {
    f.customer.sendText('pushed to Parley');
    const [message] = await f.context.inbound.waitForMessages(1, 5000);
    expect(message?.text).toBe('pushed to Parley');
    await waitUntil('connected', () => f.context.health.current?.state === 'connected');
    expect(f.sim.calls('getUpdates')).toHaveLength(0);
  });

  it('refuses a push without the right secret and stores nothing', async () => {
    const url = f.context.http.publicUrl(WEBHOOK_PATH);
    const update = { update_id: 99, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private', first_name: 'X' }, from: { id: 5, is_bot: false, first_name: 'X' }, text: 'forged' } };
    for (const secret of [undefined, 'wrong', `${deriveWebhookSecret(f.sim.token)}x`]) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { [SECRET_HEADER]: secret } : {}) }, body: JSON.stringify(update) });
      expect(response.status).toBe(401);
    }
    const good = await fetch(url, { method: 'POST', headers: { [SECRET_HEADER]: deriveWebhookSecret(f.sim.token) }, body: 'not json' });
    expect(good.status).toBe(400);
    expect(f.context.inbound.offers).toEqual([]);
  });

  it('answers non-2xx while the engine cannot store, so Telegram pushes again until it can', async () => {
    f.context.inbound.rejectNext(2);
    f.customer.sendText('retry me');
    const [stored] = await f.context.inbound.waitForMessages(1, 5000);
    expect(stored?.text).toBe('retry me');
    expect(f.context.inbound.offers.filter((m) => m.text === 'retry me')).toHaveLength(3);
    expect(f.sim.webhookInfo().last_error_message).toMatch(/503/);
  });

  it('reports degraded health when Telegram pushes somewhere else', async () => {
    await waitUntil('connected', () => f.context.health.current?.state === 'connected');
    await f.adapter.stop();
    const other = await telegramFixture({ mode: 'webhook', start: false });
    try {
      // Another deployment took the bot: its setup pointed Telegram elsewhere.
      await new TelegramAdapter(parseTelegramOptions({ token: other.sim.token, apiRoot: other.sim.url, mode: 'webhook', webhook: { url: 'https://elsewhere.example.com/hook' } })).setup(setupContext());
      await other.adapter.start(other.context);
      await waitUntil('degraded', () => other.context.health.current?.state === 'degraded');
      expect(other.context.health.current?.detail).toContain('Telegram pushes to https://elsewhere.example.com/hook');
    } finally {
      await other.close();
    }
  });
});

describe('Telegram webhook with parallel pushes (max_connections > 1)', () => {
  it('stores every update exactly once while several pushes are in flight', async () => {
    const f = await telegramFixture({ mode: 'webhook', options: { webhook: { maxConnections: 8 } } });
    try {
      f.context.inbound.setLatency(20);
      const texts = Array.from({ length: 30 }, (_, i) => `parallel ${i + 1}`);
      for (const text of texts) f.customer.sendText(text);
      await waitUntil('all stored and confirmed', () => f.context.inbound.messages.length >= 30 && f.sim.pendingUpdates().length === 0, 10_000);
      expect([...f.context.inbound.texts()].sort()).toEqual([...texts].sort());
      expect(f.sim.webhookInfo().max_connections).toBe(8);
    } finally {
      await f.close();
    }
  });
});
