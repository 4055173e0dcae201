import type { UnbluApiVersion, UnbluGateway } from '@parley/core';
import { createUnbluGateway } from '@parley/unblu';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import { runSetup } from './run-setup.js';
import type { SetupTarget } from './setup-target.js';

/*
 * Setup through the real `@parley/unblu` client against the Unblu simulator over HTTP, so the
 * drift setup sees and repairs is what the wire mapping really returns (secrets, metadata, status).
 * Nothing calls the endpoint here, so it need not listen.
 */

const target: SetupTarget = {
  endpoint: 'http://127.0.0.1:9/unblu',
  secret: 'contract-setup-secret',
  channels: [
    { messengerId: 'telegram', name: 'Telegram', messageStateHandledExternally: false },
    { messengerId: 'signal', name: 'Signal', description: 'Signal customers', messageStateHandledExternally: true },
  ],
  webhook: { name: 'parley-lifecycle', events: ['conversation.ended'] },
};

describe.each<UnbluApiVersion>(['v4', 'v3'])('runSetup against the Unblu simulator (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let gateway: UnbluGateway;

  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion });
    gateway = createUnbluGateway({
      baseUrl: sim.apiBaseUrl,
      apiVersion,
      auth: { type: 'basic', username: 'admin', password: 'admin' },
      timeoutMs: 5000,
    });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('creates on the first run and reports unchanged on the second', async () => {
    const first = await runSetup(gateway, target);
    expect([...first.channels, first.webhook].map((item) => item.action)).toEqual(['create', 'create', 'create']);
    expect(sim.channels()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first.channelIds['telegram'], name: 'Telegram', webhookStatus: 'ACTIVE' }),
        expect.objectContaining({ id: first.channelIds['signal'], messageStateHandledExternally: true }),
      ]),
    );
    expect(await gateway.channels.read(first.channelIds['signal'] ?? '')).toMatchObject({
      endpoint: target.endpoint,
      description: 'Signal customers',
      metadata: { managedBy: 'parley', messengerId: 'signal' },
    });

    const second = await runSetup(gateway, target);
    expect([...second.channels, second.webhook].map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(second.channelIds).toEqual(first.channelIds);
    expect(sim.channels().map((c) => c.version)).toEqual(sim.channels().map(() => 1));
  });

  it('repairs a channel Unblu deactivated and one moved to another endpoint', async () => {
    const { channelIds } = await runSetup(gateway, target);
    const telegramId = channelIds['telegram'] ?? '';
    const signal = await gateway.channels.read(channelIds['signal'] ?? '');
    if (!signal) throw new Error('signal channel missing');
    sim.setChannelWebhookStatus(telegramId, 'INACTIVE');
    await gateway.channels.update({ ...signal, endpoint: 'http://old.example/unblu' });

    const result = await runSetup(gateway, target);

    expect(result.channels.map((c) => [c.action, c.changes])).toEqual([
      ['update', ['status: INACTIVE → ACTIVE']],
      ['update', ['endpoint: http://old.example/unblu → http://127.0.0.1:9/unblu']],
    ]);
    expect(sim.channels().map((c) => [c.webhookStatus, c.webhookEndpoint])).toEqual([
      ['ACTIVE', target.endpoint],
      ['ACTIVE', target.endpoint],
    ]);
    expect((await gateway.channels.read(telegramId))?.secret).toBe(target.secret);
    expect((await runSetup(gateway, target)).channels.map((c) => c.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('writes nothing in a dry run', async () => {
    const planned = await runSetup(gateway, target, { dryRun: true });
    expect(planned.channels.map((c) => c.action)).toEqual(['create', 'create']);
    expect(sim.channels()).toEqual([]);
    expect(await gateway.webhooks.findByName('parley-lifecycle')).toBeUndefined();

    const { channelIds } = await runSetup(gateway, target);
    sim.setChannelWebhookStatus(channelIds['telegram'] ?? '', 'INACTIVE');
    const drift = await runSetup(gateway, target, { dryRun: true });
    expect(drift.channels[0]).toMatchObject({ action: 'update', changes: ['status: INACTIVE → ACTIVE'] });
    expect(sim.channels()[0]?.webhookStatus).toBe('INACTIVE');
  });
});
