import { ConfigError } from '@parley/core';
import { openParleyStore, parseStoreUrl } from './index.js';

describe('parseStoreUrl', () => {
  it.each([
    ['sqlite:./data/parley.db', './data/parley.db'],
    ['sqlite:/var/lib/parley.db', '/var/lib/parley.db'],
    ['sqlite:///var/lib/parley.db', '/var/lib/parley.db'],
    ['sqlite::memory:', ':memory:'],
    ['./parley.db', './parley.db'],
    ['/var/lib/parley.db', '/var/lib/parley.db'],
    ['C:\\data\\parley.db', 'C:\\data\\parley.db'],
    ['  sqlite:parley.db  ', 'parley.db'],
  ])('reads %s as the SQLite file %s', (url, path) => {
    expect(parseStoreUrl(url)).toEqual({ dialect: 'sqlite', path });
  });

  it.each(['postgres://parley@db.example.com/parley', 'postgresql://parley@db:5433/parley?sslmode=require'])(
    'reads %s as PostgreSQL',
    (url) => {
      expect(parseStoreUrl(url)).toMatchObject({ dialect: 'postgres', connectionString: url });
    },
  );

  it('hides the password in the display form', () => {
    const location = parseStoreUrl('postgres://parley:s3cret@db/parley');
    expect(location).toMatchObject({ dialect: 'postgres', display: 'postgres://parley:***@db/parley' });
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['sqlite:', /names no SQLite file/],
    ['mysql://root@db/parley', /unsupported scheme "mysql:"/],
    ['redis://cache', /unsupported scheme "redis:"/],
    ['postgres://', /names no PostgreSQL host|not a valid PostgreSQL URL/],
    ['postgres://user@:5432/x', /names no PostgreSQL host|not a valid PostgreSQL URL/],
  ])('refuses %j with a ConfigError that says why', (url, message) => {
    expect(() => parseStoreUrl(url)).toThrow(ConfigError);
    expect(() => parseStoreUrl(url)).toThrow(message);
  });

  it('never repeats the URL (it may hold a password) in its errors', () => {
    expect(() => parseStoreUrl('mongodb://admin:hunter2@db/parley')).not.toThrow(/hunter2/);
  });
});

describe('openParleyStore options', () => {
  it('refuses a bad URL before touching anything', async () => {
    await expect(openParleyStore('mysql://db/parley')).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses a schema for SQLite and an unsafe schema name for PostgreSQL', async () => {
    await expect(openParleyStore('sqlite::memory:', { schema: 'parley' })).rejects.toThrow(/PostgreSQL only/);
    await expect(openParleyStore('postgres://db/parley', { schema: 'Robert"; drop' })).rejects.toThrow(
      /not a valid schema name/,
    );
  });

  it('lists every bad count in one error', async () => {
    const failure = openParleyStore('postgres://db/parley', { poolSize: 0, maxBatchSize: 1.5, writeConnections: -1 });
    await expect(failure).rejects.toMatchObject({
      issues: [
        { path: 'store.poolSize', message: 'must be a positive integer' },
        { path: 'store.writeConnections', message: 'must be a positive integer' },
        { path: 'store.maxBatchSize', message: 'must be a positive integer' },
      ],
    });
  });
});
