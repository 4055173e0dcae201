import { ConfigError } from '@parley/core';
import { LoopbackAdapter } from '@parley/testing';
import type { MessengerConfig } from '../config/host-config.js';
import { loadMessengers } from './load-messengers.js';

const messenger = (adapter: string, options: unknown = {}): MessengerConfig => ({ adapter, channel: { name: `Channel ${adapter}` }, senderPrefix: '{name}: ', options });

describe('loadMessengers', () => {
  it('loads adapters by package name, one instance per configured messenger', async () => {
    const loaded = await loadMessengers({ private: messenger('@parley/testing'), business: messenger('@parley/testing', { centralAccount: false }) });
    expect(loaded.map((m) => m.messengerId)).toEqual(['private', 'business']);
    expect(loaded[0]?.adapter).toBeInstanceOf(LoopbackAdapter);
    expect(loaded[0]?.adapter).not.toBe(loaded[1]?.adapter);
    expect(loaded[1]?.adapter.descriptor.capabilities.centralAccount).toBe(false);
  });

  it('names the messenger and the problem for every bad entry at once', async () => {
    const attempt = loadMessengers({
      ghost: messenger('@parley/adapter-that-does-not-exist'),
      notadapter: messenger('yaml'),
      badopts: messenger('@parley/testing', { centralAccount: 'maybe' }),
    });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    expect(error.issues).toEqual([
      { path: 'messengers.ghost.adapter', message: 'package "@parley/adapter-that-does-not-exist" is not installed (npm install @parley/adapter-that-does-not-exist)' },
      { path: 'messengers.notadapter.adapter', message: expect.stringContaining('package "yaml" is not a Parley adapter') },
      { path: 'messengers.badopts.options.centralAccount', message: 'must be true or false' },
    ]);
  });

  it('reports a package that fails while loading', async () => {
    const importer = () => Promise.reject(new Error('SyntaxError: unexpected token'));
    await expect(loadMessengers({ broken: messenger('some-adapter') }, importer)).rejects.toThrow('messengers.broken.adapter: package "some-adapter" failed to load: SyntaxError: unexpected token');
  });

  it('refuses two instances on one Telegram bot, naming both, and allows two bots', async () => {
    const telegram = (token: string) => messenger('@parley/adapter-telegram', { token });
    const bot = '123456:AAH-first-bot-token_0123456789';
    const attempt = loadMessengers({ private: telegram(bot), business: telegram(bot), other: telegram('777:AAH-second-bot-token_0123456789') });
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues).toEqual([{ path: 'messengers.business.options', message: 'uses the same Telegram account (bot 123456) as messengers.private; each instance needs its own' }]);
    expect(error.message).not.toContain(bot);
    const two = await loadMessengers({ private: telegram(bot), other: telegram('777:AAH-second-bot-token_0123456789') });
    expect(two.map((m) => m.messengerId)).toEqual(['private', 'other']);
  });
});
