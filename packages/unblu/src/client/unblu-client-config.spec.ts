import { ConfigError } from '@parley/core';
import { createUnbluGateway } from './create-unblu-gateway.js';
import { parseUnbluClientConfig } from './unblu-client-config.js';
import { UnbluV3Gateway } from './v3/v3-gateway.js';
import { UnbluV4Gateway } from './v4/v4-gateway.js';

const SECRET = 'S3cr3t-do-not-print';

function configError(input: unknown, prefix?: string): ConfigError {
  try {
    parseUnbluClientConfig(input, prefix);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseUnbluClientConfig', () => {
  it('applies defaults, drops a trailing slash and keeps the installation prefix', () => {
    const config = parseUnbluClientConfig({
      baseUrl: 'https://bank.example/unblu/rest/v3/',
      apiVersion: 'v3',
      auth: { type: 'basic', username: 'svc', password: SECRET },
    });
    expect(config).toEqual({
      baseUrl: 'https://bank.example/unblu/rest/v3',
      apiVersion: 'v3',
      auth: { type: 'basic', username: 'svc', password: SECRET },
      timeoutMs: 10_000,
      downloadTimeoutMs: 60_000,
      maxDownloadBytes: 25 * 1024 * 1024,
      trustedDownloadOrigins: [],
    });
  });

  it('infers the auth type from the short forms', () => {
    const basic = parseUnbluClientConfig({ baseUrl: 'https://h/app/rest/v4', apiVersion: 'v4', auth: { username: 'u', password: 'p' } });
    const bearer = parseUnbluClientConfig({ baseUrl: 'https://h/app/rest/v4', apiVersion: 'v4', auth: { token: 't' } });
    expect(basic.auth).toEqual({ type: 'basic', username: 'u', password: 'p' });
    expect(bearer.auth).toEqual({ type: 'bearer', token: 't' });
  });

  it('lists every problem with its path in one ConfigError', () => {
    const error = configError(
      {
        baseUrl: 'not a url',
        apiVersion: 'v5',
        auth: { type: 'basic', username: '', password: '' },
        timeoutMs: -1,
        maxDownloadBytes: 1.5,
      },
      'unblu',
    );
    expect(error.code).toBe('config.invalid');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'unblu.apiVersion',
      'unblu.auth.password',
      'unblu.auth.username',
      'unblu.baseUrl',
      'unblu.maxDownloadBytes',
      'unblu.timeoutMs',
    ]);
    for (const path of ['unblu.baseUrl', 'unblu.apiVersion', 'unblu.auth.username', 'unblu.timeoutMs']) {
      expect(error.message).toContain(`  - ${path}: `);
    }
  });

  it('reports missing fields and an unknown auth key (a likely typo)', () => {
    const error = configError({ auth: { type: 'basic', username: 'svc', password: 'x', passwort: 'x' } });
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['baseUrl', 'apiVersion', 'auth']));
    expect(error.issues.find((issue) => issue.path === 'auth')?.message).toBe('unknown key(s); allowed here: type, username, password');
  });

  it('never echoes secret values, wherever they were misplaced', () => {
    const error = configError({
      baseUrl: `https://svc:${SECRET}@unblu.example/app/rest/v4`,
      apiVersion: SECRET,
      auth: { type: 'basic', username: 'svc', password: 12345, [SECRET]: SECRET },
      userAgent: 42,
      trustedDownloadOrigins: [SECRET],
    });
    expect(error.issues.length).toBeGreaterThanOrEqual(5);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.issues)).not.toContain(SECRET);
    expect(error.message).not.toContain('12345');
    expect(error.issues.find((issue) => issue.path === 'baseUrl')?.message).toMatch(/credentials/);
  });

  it('refuses non-http URLs and an unknown auth type', () => {
    const error = configError({ baseUrl: 'ftp://h/x', apiVersion: 'v4', auth: { type: 'apikey', key: 'k' } });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['auth.type', 'baseUrl']);
  });
});

describe('createUnbluGateway', () => {
  const base = { auth: { type: 'basic', username: 'svc', password: SECRET } } as const;

  it('chooses the dialect from apiVersion', () => {
    const v4 = createUnbluGateway({ ...base, baseUrl: 'https://h/app/rest/v4', apiVersion: 'v4' });
    const v3 = createUnbluGateway({ ...base, baseUrl: 'https://h/unblu/rest/v3', apiVersion: 'v3' });
    expect(v4).toBeInstanceOf(UnbluV4Gateway);
    expect(v4.apiVersion).toBe('v4');
    expect(v3).toBeInstanceOf(UnbluV3Gateway);
    expect(v3.apiVersion).toBe('v3');
  });

  it('validates before building anything', () => {
    expect(() => createUnbluGateway({ ...base, baseUrl: '', apiVersion: 'v4' })).toThrow(ConfigError);
  });
});
