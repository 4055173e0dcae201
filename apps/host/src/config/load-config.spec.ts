import { ConfigError } from '@parley/core';
import { loadConfig, parseConfig } from './load-config.js';
import type { ReadTextFile } from './read-text-file.js';

const VALID = `
unblu:
  baseUrl: https://unblu.example.com/app/rest/v4
  auth: { username: svc, password: "\${UNBLU_PASSWORD}" }
  publicUrl: https://parley.example.com
  secret: "\${file:/run/secrets/webhook}"
messengers:
  telegram:
    adapter: "@parley/adapter-telegram"
    channel: { name: Telegram }
    options: { token: "\${TELEGRAM_TOKEN}" }
`;
const ENV = { UNBLU_PASSWORD: 'unblu-password', TELEGRAM_TOKEN: '123:telegram-token' };
const FILES: Record<string, string> = { '/etc/parley.yaml': VALID, '/run/secrets/webhook': 'webhook-secret-0123456789\n' };

const readFile: ReadTextFile = (path) => {
  const content = FILES[path];
  if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return content;
};

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads, substitutes and validates the file, and lists every secret', () => {
    const config = loadConfig('/etc/parley.yaml', ENV, readFile);
    expect(config.unblu.auth).toEqual({ type: 'basic', username: 'svc', password: 'unblu-password' });
    expect(config.unblu.secret).toBe('webhook-secret-0123456789');
    expect(config.messengers['telegram']?.options).toEqual({ token: '123:telegram-token' });
    expect(config.secrets).toEqual(['webhook-secret-0123456789', '123:telegram-token', 'unblu-password']);
  });

  it('names the path of a missing file', () => {
    const error = configError(() => loadConfig('/etc/missing.yaml', ENV, readFile));
    expect(error.message).toBe('Invalid configuration /etc/missing.yaml (1 problem):\n  - (root): cannot read the file: file not found (ENOENT)');
  });
});

describe('parseConfig', () => {
  it('reports YAML syntax errors with line and column, without quoting the line', () => {
    const yaml = 'unblu:\n  baseUrl: https://unblu.example.com\n  password: "hunter2-literal" x\n';
    const error = configError(() => parseConfig(yaml, ENV, 'bad.yaml', readFile));
    expect(error.issues).toEqual([{ path: 'line 3, column 31', message: 'Unexpected scalar at node end' }]);
    expect(error.message).toBe('Invalid configuration bad.yaml (1 problem):\n  - line 3, column 31: Unexpected scalar at node end');
  });

  it('reports duplicate keys and an empty file', () => {
    expect(configError(() => parseConfig('log: {}\nlog: {}\n', ENV, 'dup.yaml')).issues).toEqual([
      { path: 'line 2, column 1', message: 'Map keys must be unique' },
    ]);
    expect(configError(() => parseConfig('# nothing\n', ENV, 'empty.yaml')).issues).toEqual([{ path: '', message: 'the file is empty' }]);
  });

  it('lists every problem at once, each with its dotted path', () => {
    const yaml = `
unblu:
  baseUrl: ftp://unblu.example.com
  auth: { username: svc, password: "\${UNBLU_PASSWORD}" }
  secret: "\${file:/run/secrets/missing}"
  recipient: { type: QUEUE, id: x }
store: mysql://db
server: { port: 70000, prot: 1 }
log: { level: verbose }
messengers:
  Telegram_Main:
    adapter: "@parley/adapter-telegram"
    channel: { name: Shared }
  signal:
    adapter: "@parley/adapter-signal"
    channel: { name: Shared }
    senderPrefix: "{agent}: "
  email:
    adapter: "@parley/adapter-email"
    channel: { name: " shared " }
    senderPrefix: true
  whatsapp:
    adapter: "@parley/adapter-whatsapp"
`;
    const error = configError(() => parseConfig(yaml, {}, 'broken.yaml', readFile));
    expect(error.issues).toEqual([
      { path: 'unblu.auth.password', message: 'environment variable UNBLU_PASSWORD is not set' },
      { path: 'unblu.secret', message: 'cannot read file /run/secrets/missing: file not found (ENOENT)' },
      { path: 'unblu.baseUrl', message: 'must be an http(s) URL' },
      { path: 'unblu.publicUrl', message: 'required' },
      { path: 'unblu.recipient.type', message: 'must be one of: AGENT, TEAM, NAMED_AREA, ACCOUNT' },
      { path: 'store', message: 'must be sqlite:<path> or postgres://…' },
      { path: 'server.port', message: 'must be at most 65535' },
      { path: 'server.prot', message: 'unknown key (allowed here: host, port, bodyLimitBytes, unbluPath)' },
      { path: 'log.level', message: 'must be one of: fatal, error, warn, info, debug, trace, silent' },
      {
        path: 'messengers.Telegram_Main',
        message: 'messenger id must be lowercase letters, digits and dashes (not at either end), at most 63 characters',
      },
      { path: 'messengers.signal.senderPrefix', message: 'unknown placeholder {agent} (known: {name})' },
      { path: 'messengers.email.senderPrefix', message: 'must be a template such as "{name}: ", or false' },
      { path: 'messengers.whatsapp.channel', message: 'required' },
      { path: 'messengers.email.channel.name', message: 'same channel name as messengers.signal; channel names must be unique' },
    ]);
    expect(error.message).toContain('Invalid configuration broken.yaml (14 problems):\n  - unblu.auth.password: environment variable');
  });

  it('never shows a secret value, wherever it was misplaced', () => {
    const secret = 'Zebra-Quartz-9f8e7d6c5b4a';
    const yaml = `
unblu:
  baseUrl: https://unblu.example.com/app/rest/v4
  auth: { username: svc, password: 42, "${secret}": x }
  publicUrl: "https://svc:\${SECRET}@parley.example.com"
  secret: short
  previousSecrets: ["\${SECRET}x"]
server: { port: "\${SECRET}", host: { nested: "${secret}" } }
log: { level: "\${SECRET}" }
messengers:
  telegram:
    adapter: "\${SECRET}"
    channel: { name: T }
    senderPrefix: "{\${WORD}}: "
    options: { token: "${secret}" }
`;
    // The sender prefix check quotes an unknown placeholder: the scrubber must catch that one.
    const word = 'ZebraQuartz9f8e7d';
    const error = configError(() => parseConfig(yaml, { SECRET: secret, WORD: word }, 'leaky.yaml', readFile));
    expect(error.issues.length).toBeGreaterThanOrEqual(8);
    expect(error.message).not.toContain('Zebra');
    expect(JSON.stringify(error.issues)).not.toContain(secret);
    expect(error.message).toContain('unblu.auth.[redacted]: unknown key');
    expect(error.message).toContain('messengers.telegram.senderPrefix: unknown placeholder {[redacted]}');
  });

  it('does not pile a schema complaint onto a placeholder that failed', () => {
    const error = configError(() => parseConfig(VALID, { TELEGRAM_TOKEN: 't' }, 'partial.yaml', readFile));
    expect(error.issues).toEqual([{ path: 'unblu.auth.password', message: 'environment variable UNBLU_PASSWORD is not set' }]);
  });
});
