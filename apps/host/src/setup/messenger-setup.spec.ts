import { PermanentError, silentLogger, type AdapterSetupContext, type MessengerAdapter } from '@parley/core';
import { LoopbackAdapter } from '@parley/testing';
import { formatSetupResult } from './format-setup-result.js';
import { setupMessengers } from './messenger-setup.js';

function withSetup(run: (context: AdapterSetupContext) => ReturnType<NonNullable<MessengerAdapter['setup']>>): MessengerAdapter {
  const adapter = new LoopbackAdapter();
  return Object.assign(adapter, { setup: run });
}

const publicUrl = (messengerId: string, path: string) => `https://parley.example.com/messengers/${messengerId}${path}`;

describe('setupMessengers', () => {
  it('runs each adapter setup with its own public URLs and the flags, skipping adapters without one', async () => {
    const seen: { url: string; dryRun: boolean; resendSecrets: boolean }[] = [];
    const telegram = withSetup((context) => {
      seen.push({ url: context.publicUrl('/webhook'), dryRun: context.dryRun, resendSecrets: context.resendSecrets });
      return Promise.resolve([{ name: 'Telegram webhook', action: 'create', changes: ['url: (none) → x'] }]);
    });
    const results = await setupMessengers(
      [
        { messengerId: 'plain', adapter: new LoopbackAdapter() },
        { messengerId: 'telegram', adapter: telegram },
      ],
      { publicUrl, dryRun: true, logger: silentLogger },
    );
    expect(seen).toEqual([{ url: 'https://parley.example.com/messengers/telegram/webhook', dryRun: true, resendSecrets: false }]);
    expect(results).toEqual([{ kind: 'messenger', messengerId: 'telegram', name: 'Telegram webhook', action: 'create', changes: ['url: (none) → x'] }]);
    const lines = formatSetupResult({ dryRun: true, channels: [], webhook: { kind: 'webhook', name: 'w', action: 'unchanged', changes: [] }, channelIds: {} }, results);
    expect(lines.slice(-2)).toEqual(['Telegram webhook (telegram): would be created', '  url: (none) → x']);
  });

  it('names the messenger in a failure and keeps its class and code', async () => {
    const failing = withSetup(() => Promise.reject(new PermanentError('Telegram refused setWebhook', 'telegram.rejected')));
    const outcome = setupMessengers([{ messengerId: 'tg', adapter: failing }], { publicUrl, logger: silentLogger });
    await expect(outcome).rejects.toBeInstanceOf(PermanentError);
    await expect(outcome).rejects.toMatchObject({ code: 'telegram.rejected', message: "messenger 'tg': Telegram refused setWebhook" });
  });
});
