import { ConfigError } from '@parley/core';
import { parseTelegramOptions } from './config.js';

const TOKEN = '123456789:AAHfakeTokenForTests_abcdefghijklmn';

describe('parseTelegramOptions', () => {
  it('fills every default from the token alone', () => {
    const options = parseTelegramOptions({ token: TOKEN });
    expect(options).toEqual({
      token: TOKEN,
      mode: 'polling',
      apiRoot: 'https://api.telegram.org',
      polling: { timeoutSeconds: 25, limit: 100 },
      webhook: { maxConnections: 1 },
      pacing: { perChatPerSecond: 1, perChatBurst: 3, perBotPerSecond: 30 },
      linkPreviews: false,
    });
  });

  it('takes webhook mode with its own secret and URL, and strips a trailing slash from apiRoot', () => {
    const options = parseTelegramOptions({ token: TOKEN, mode: 'webhook', apiRoot: 'http://127.0.0.1:9000/', webhook: { secretToken: 'abc_DEF-123', url: 'https://bot.example.com/tg' }, greeting: ' Hello! ' });
    expect(options.mode).toBe('webhook');
    expect(options.apiRoot).toBe('http://127.0.0.1:9000');
    expect(options.webhook).toEqual({ secretToken: 'abc_DEF-123', url: 'https://bot.example.com/tg', maxConnections: 1 });
    expect(options.greeting).toBe('Hello!');
  });

  it('lists every problem with its path in one ConfigError and never echoes the token', () => {
    const badToken = 'not-a-token-but-a-secret-value';
    let error: unknown;
    try {
      parseTelegramOptions({ token: badToken, mode: 'push', polling: { timeoutSeconds: 90 }, webhook: { secretToken: 'has spaces' }, pacing: { perChatBurst: 0 }, colour: 'blue' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['', 'mode', 'pacing.perChatBurst', 'polling.timeoutSeconds', 'token', 'webhook.secretToken']);
    expect(issues.find((i) => i.path === '')?.message).toContain('"colour"');
    expect((error as Error).message).not.toContain(badToken);
  });

  it('requires the token', () => {
    expect(() => parseTelegramOptions(undefined)).toThrow(/token: required/);
  });
});
