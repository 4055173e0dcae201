import { ConfigError, PermanentError, TransientError, type UnbluChannel, type UnbluGateway } from '@parley/core';
import { FakeUnbluGateway } from '@parley/testing';
import { formatSetupResult } from './format-setup-result.js';
import { runSetup } from './run-setup.js';
import type { SetupTarget } from './setup-target.js';

const SECRET = 'top-secret-value';

function target(overrides: Partial<SetupTarget> = {}): SetupTarget {
  return {
    endpoint: 'https://parley.example.com/unblu',
    secret: SECRET,
    channels: [
      { messengerId: 'telegram', name: 'Telegram', messageStateHandledExternally: false },
      { messengerId: 'signal', name: 'Signal', description: 'Signal customers', messageStateHandledExternally: true },
    ],
    webhook: { name: 'parley-lifecycle', events: ['conversation.ended'] },
    ...overrides,
  };
}

const writes = ['channels.create', 'channels.update', 'webhooks.create', 'webhooks.update'] as const;

function writeCount(gateway: FakeUnbluGateway): number {
  return writes.reduce((sum, method) => sum + gateway.calls(method).length, 0);
}

async function channel(gateway: UnbluGateway, name: string): Promise<UnbluChannel> {
  const found = await gateway.channels.findByName(name);
  if (!found) throw new Error(`no channel ${name}`);
  return found;
}

describe('runSetup', () => {
  it('creates missing channels and the webhook registration, and returns the channel ids', async () => {
    const gateway = new FakeUnbluGateway();
    const result = await runSetup(gateway, target());

    expect(result.channels.map((c) => c.action)).toEqual(['create', 'create']);
    expect(result.webhook).toMatchObject({ action: 'create', registrationId: expect.any(String) as unknown });
    expect(result.channelIds).toEqual({ telegram: (await channel(gateway, 'Telegram')).id, signal: (await channel(gateway, 'Signal')).id });
    expect(await channel(gateway, 'Signal')).toMatchObject({
      endpoint: 'https://parley.example.com/unblu',
      secret: SECRET,
      status: 'ACTIVE',
      description: 'Signal customers',
      messageStateHandledExternally: true,
      metadata: { managedBy: 'parley', messengerId: 'signal' },
    });
    expect(await gateway.webhooks.findByName('parley-lifecycle')).toMatchObject({
      endpoint: 'https://parley.example.com/unblu', secret: SECRET, status: 'ACTIVE', events: ['conversation.ended'],
    });
  });

  it('reports everything unchanged and writes nothing on a second run', async () => {
    const gateway = new FakeUnbluGateway();
    const first = await runSetup(gateway, target());
    const before = writeCount(gateway);
    const second = await runSetup(gateway, target());

    expect([...second.channels, second.webhook].map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(second.channelIds).toEqual(first.channelIds);
    expect(writeCount(gateway)).toBe(before);
  });

  it('repairs a channel Unblu set inactive and one pointing elsewhere, keeping the version and re-sending the secret', async () => {
    const gateway = new FakeUnbluGateway();
    await runSetup(gateway, target());
    const telegram = await channel(gateway, 'Telegram');
    gateway.changeChannel(telegram.id, { status: 'INACTIVE', endpoint: 'http://old.example/unblu' });
    gateway.changeChannel((await channel(gateway, 'Signal')).id, { messageStateHandledExternally: false, description: 'edited' });

    const result = await runSetup(gateway, target());

    expect(result.channels[0]).toMatchObject({
      action: 'update',
      channelId: telegram.id,
      changes: ['endpoint: http://old.example/unblu → https://parley.example.com/unblu', 'status: INACTIVE → ACTIVE'],
    });
    expect(result.channels[1]?.changes).toEqual(['messageStateHandledExternally: false → true', 'description: "edited" → "Signal customers"']);
    const updates = gateway.calls('channels.update').slice(-2).map((call) => call.args[0] as UnbluChannel);
    expect(updates.map((u) => u.secret)).toEqual([SECRET, SECRET]);
    expect(updates[0]?.version).toBe(telegram.version + 1);
    expect(await channel(gateway, 'Telegram')).toMatchObject({ status: 'ACTIVE', endpoint: 'https://parley.example.com/unblu' });
    expect((await runSetup(gateway, target())).channels.map((c) => c.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('adopts an existing channel: adds Parley metadata, keeps other metadata and a description it does not manage', async () => {
    const gateway = new FakeUnbluGateway();
    await gateway.channels.create({
      name: 'Telegram', endpoint: 'https://parley.example.com/unblu', secret: SECRET, description: 'by an admin', metadata: { team: 'retail' },
    });
    const result = await runSetup(gateway, target());

    expect(result.channels[0]?.changes).toEqual(['metadata.managedBy: (none) → parley', 'metadata.messengerId: (none) → telegram']);
    expect(await channel(gateway, 'Telegram')).toMatchObject({
      description: 'by an admin', metadata: { team: 'retail', managedBy: 'parley', messengerId: 'telegram' },
    });
  });

  it('repairs the webhook registration: adds missing events, keeps extra ones, reactivates it', async () => {
    const gateway = new FakeUnbluGateway();
    await runSetup(gateway, target());
    const registration = await gateway.webhooks.findByName('parley-lifecycle');
    if (!registration) throw new Error('no registration');
    await gateway.webhooks.update({ ...registration, status: 'INACTIVE_UNAVAILABLE', events: ['person'] });

    const result = await runSetup(gateway, target({ webhook: { name: 'parley-lifecycle', events: ['conversation.ended', 'conversation.created'] } }));

    expect(result.webhook.changes).toEqual(['status: INACTIVE_UNAVAILABLE → ACTIVE', 'events: + conversation.ended, conversation.created']);
    expect(await gateway.webhooks.findByName('parley-lifecycle')).toMatchObject({
      status: 'ACTIVE', events: ['person', 'conversation.ended', 'conversation.created'],
    });
  });

  describe('the secret', () => {
    it('is rewritten when Unblu shows a different one, without showing either value', async () => {
      const gateway = new FakeUnbluGateway();
      await runSetup(gateway, target());
      const result = await runSetup(gateway, target({ secret: 'rotated' }));

      expect(result.channels[0]?.changes).toEqual(['secret: changed']);
      expect(result.webhook.changes).toEqual(['secret: changed']);
      expect((await channel(gateway, 'Telegram')).secret).toBe('rotated');
      expect(formatSetupResult(result).join('\n')).not.toMatch(/rotated|top-secret/);
    });

    it('is left alone when Unblu hides it, unless re-sending is asked for', async () => {
      const fake = new FakeUnbluGateway();
      await runSetup(fake, target());
      const gateway = hidingSecrets(fake);

      const plain = await runSetup(gateway, target({ secret: 'rotated' }));
      expect([...plain.channels, plain.webhook].map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);

      const resent = await runSetup(gateway, target({ secret: 'rotated' }), { resendSecrets: true });
      expect(resent.channels[0]?.changes).toEqual(['secret: re-sent (Unblu does not show it)']);
      expect((await channel(fake, 'Telegram')).secret).toBe('rotated');
      expect((await fake.webhooks.findByName('parley-lifecycle'))?.secret).toBe('rotated');
    });
  });

  describe('dry run', () => {
    it('plans creations without writing; ids of missing channels are unknown', async () => {
      const gateway = new FakeUnbluGateway();
      const result = await runSetup(gateway, target(), { dryRun: true });

      expect(result).toMatchObject({ dryRun: true, channelIds: {}, webhook: { action: 'create' } });
      expect(result.channels.map((c) => [c.action, c.channelId])).toEqual([['create', undefined], ['create', undefined]]);
      expect(writeCount(gateway)).toBe(0);
    });

    it('reports drift without repairing it', async () => {
      const gateway = new FakeUnbluGateway();
      await runSetup(gateway, target());
      const telegram = await channel(gateway, 'Telegram');
      gateway.changeChannel(telegram.id, { status: 'INACTIVE' });
      const before = writeCount(gateway);

      const result = await runSetup(gateway, target(), { dryRun: true });

      expect(result.channels[0]).toMatchObject({ action: 'update', changes: ['status: INACTIVE → ACTIVE'], channelId: telegram.id });
      expect(result.channelIds['telegram']).toBe(telegram.id);
      expect(writeCount(gateway)).toBe(before);
      expect((await channel(gateway, 'Telegram')).status).toBe('INACTIVE');
    });
  });

  describe('failures', () => {
    it('keeps a permanent error permanent, naming the item that failed', async () => {
      const gateway = new FakeUnbluGateway();
      gateway.failNext(1, { methods: ['channels.create'], error: new PermanentError('Unblu answered 403: forbidden', 'unblu.403') });
      const failure = runSetup(gateway, target());

      await expect(failure).rejects.toBeInstanceOf(PermanentError);
      await expect(failure).rejects.toMatchObject({ code: 'unblu.403', message: "channel 'Telegram' (telegram): Unblu answered 403: forbidden" });
    });

    it('keeps a transient error transient with its retry delay, naming the item that failed', async () => {
      const gateway = new FakeUnbluGateway();
      const unavailable = new TransientError('Unblu answered 503', 'unblu.503', { retryAfterMs: 2000 });
      gateway.failNext(1, { methods: ['webhooks.findByName'], error: unavailable });
      const failure = runSetup(gateway, target());

      await expect(failure).rejects.toBeInstanceOf(TransientError);
      await expect(failure).rejects.toMatchObject({ code: 'unblu.503', retryAfterMs: 2000, cause: unavailable });
      await expect(failure).rejects.toThrow("webhook 'parley-lifecycle': Unblu answered 503");
    });

    it('refuses a target where two messengers share a channel, before calling Unblu', async () => {
      const gateway = new FakeUnbluGateway();
      const channels = [
        { messengerId: 'a', name: 'Same', messageStateHandledExternally: false },
        { messengerId: 'b', name: 'Same', messageStateHandledExternally: false },
      ];
      await expect(runSetup(gateway, target({ channels }))).rejects.toBeInstanceOf(ConfigError);
      expect(gateway.calls()).toEqual([]);
    });
  });
});

/** An Unblu that does not return secrets on read, as some installations do. */
function hidingSecrets(fake: FakeUnbluGateway): UnbluGateway {
  const strip = <T extends { secret?: string }>(entity: T | undefined): T | undefined => {
    if (!entity) return entity;
    const { secret: _secret, ...rest } = entity;
    return rest as T;
  };
  return Object.assign(Object.create(fake) as UnbluGateway, {
    channels: { ...fake.channels, findByName: async (name: string) => strip(await fake.channels.findByName(name)) },
    webhooks: { ...fake.webhooks, findByName: async (name: string) => strip(await fake.webhooks.findByName(name)) },
  });
}
