import { parseConfig } from './load-config.js';

const MINIMAL = `
unblu:
  baseUrl: https://unblu.example.com/app/rest/v4/
  auth: { username: svc, password: pw }
  publicUrl: https://parley.example.com/
  secret: 0123456789abcdef
messengers:
  telegram:
    adapter: "@parley/adapter-telegram"
    channel: { name: Telegram }
`;

function parse(yaml: string, env: Record<string, string> = {}) {
  return parseConfig(yaml, env, 'test.yaml');
}

describe('host config schema', () => {
  it('applies every default and strips trailing slashes from URLs', () => {
    expect(parse(MINIMAL)).toEqual({
      unblu: {
        baseUrl: 'https://unblu.example.com/app/rest/v4',
        apiVersion: 'v4',
        auth: { type: 'basic', username: 'svc', password: 'pw' },
        publicUrl: 'https://parley.example.com',
        secret: '0123456789abcdef',
        previousSecrets: [],
        timeoutMs: 10_000,
      },
      store: 'sqlite:./data/parley.db',
      server: { host: '0.0.0.0', port: 8080, bodyLimitBytes: 30 * 1024 * 1024, unbluPath: '/unblu' },
      engine: {
        concurrency: 16,
        maxQueueDepth: 100_000,
        jobLeaseMs: 30_000,
        receiverLeaseMs: 15_000,
        pollIntervalMs: 250,
        drainTimeoutMs: 10_000,
        retry: { initialDelayMs: 500, maxDelayMs: 300_000, maxAttempts: 12, maxAgeMs: 86_400_000 },
      },
      log: { level: 'info' },
      messengers: {
        telegram: { adapter: '@parley/adapter-telegram', channel: { name: 'Telegram' }, senderPrefix: '{name}: ', options: {} },
      },
      secrets: ['0123456789abcdef', 'pw'],
    });
  });

  it('keeps defaults for the fields a partly written section leaves out', () => {
    const config = parse(`${MINIMAL}engine:\n  retry: { maxAttempts: 3 }\nserver: { port: 0 }\n`);
    expect(config.engine.retry).toEqual({ initialDelayMs: 500, maxDelayMs: 300_000, maxAttempts: 3, maxAgeMs: 86_400_000 });
    expect(config.engine.concurrency).toBe(16);
    expect(config.server).toEqual({ host: '0.0.0.0', port: 0, bodyLimitBytes: 30 * 1024 * 1024, unbluPath: '/unblu' });
  });

  it('infers bearer auth from a token and accepts an explicit type', () => {
    const bearer = parse(MINIMAL.replace('{ username: svc, password: pw }', '{ token: "${TOKEN}" }'), { TOKEN: 'tok-123' });
    expect(bearer.unblu.auth).toEqual({ type: 'bearer', token: 'tok-123' });
    const basic = parse(MINIMAL.replace('{ username: svc,', '{ type: basic, username: svc,'));
    expect(basic.unblu.auth).toEqual({ type: 'basic', username: 'svc', password: 'pw' });
  });

  it('accepts numbers that arrive as strings through substitution', () => {
    const config = parse(`${MINIMAL}server: { port: "\${PORT}" }\n`, { PORT: '9090' });
    expect(config.server.port).toBe(9090);
    expect(config.secrets).toContain('9090');
  });

  it('takes senderPrefix false, options as written, a recipient and a postgres store', () => {
    const config = parse(
      MINIMAL.replace('channel: { name: Telegram }', 'channel: { name: Telegram }\n    senderPrefix: false\n    options: { token: t0k3n, nested: { apiKey: k3y } }') +
        'store: postgres://parley:${PGPASS}@db/parley\n',
      { PGPASS: 'pg-pass' },
    );
    expect(config.messengers['telegram']?.senderPrefix).toBe(false);
    expect(config.messengers['telegram']?.options).toEqual({ token: 't0k3n', nested: { apiKey: 'k3y' } });
    expect(config.store).toBe('postgres://parley:pg-pass@db/parley');
    expect(config.secrets).toEqual(expect.arrayContaining(['pg-pass', 't0k3n', 'k3y', 'pw', '0123456789abcdef']));
  });

  it('rejects an apiVersion that contradicts the version in baseUrl', () => {
    expect(() => parse(MINIMAL.replace('secret:', 'apiVersion: v3\n  secret:'))).toThrow(
      'unblu.apiVersion: is v3 but unblu.baseUrl names v4',
    );
  });

  it('requires at least one messenger', () => {
    const withoutMessengers = MINIMAL.slice(0, MINIMAL.indexOf('messengers:'));
    expect(() => parse(withoutMessengers)).toThrow('  - messengers: required');
    expect(() => parse(`${withoutMessengers}messengers: {}\n`)).toThrow('  - messengers: configure at least one messenger');
  });
});
