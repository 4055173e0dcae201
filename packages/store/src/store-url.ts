import { ConfigError } from '@parley/core';

/** Where the store lives, as parsed from its URL. */
export type StoreLocation =
  | { dialect: 'sqlite'; path: string }
  | {
      dialect: 'postgres';
      connectionString: string;
      /** The URL without its password, for messages. */
      display: string;
    };

/**
 * Parses a store URL:
 * - `sqlite:<path>`, `sqlite://<path>`, `sqlite::memory:` or a plain file path → SQLite;
 * - `postgres://…` or `postgresql://…` → PostgreSQL (libpq-style URL, as `pg` reads it).
 * Anything else throws a `ConfigError` that says what is wrong.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const text = url.trim();
  if (text === '') throw invalid('is empty; expected sqlite:<path> or postgres://user@host/database');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return sqliteLocation(text.slice('sqlite:'.length).replace(/^\/\//, ''));
  if (scheme === 'postgres' || scheme === 'postgresql') return postgresLocation(text);
  // One letter before a colon is a Windows drive (C:\data\parley.db), not a scheme.
  if (scheme !== undefined && scheme.length > 1) {
    throw invalid(`has the unsupported scheme "${scheme}:"; expected sqlite:<path> or postgres://user@host/database`);
  }
  return sqliteLocation(text);
}

function sqliteLocation(path: string): StoreLocation {
  if (path === '') throw invalid('names no SQLite file; expected sqlite:<path> or sqlite::memory:');
  return { dialect: 'sqlite', path };
}

function postgresLocation(text: string): StoreLocation {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid('is not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database');
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
    throw invalid('names no PostgreSQL host; expected postgres://user:password@host:5432/database');
  }
  if (parsed.password !== '') parsed.password = '***';
  return { dialect: 'postgres', connectionString: text, display: parsed.toString() };
}

function invalid(problem: string): ConfigError {
  // The URL itself is not repeated: it may carry a password.
  return new ConfigError('store URL', [{ path: 'store', message: `the store URL ${problem}` }]);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name we can put in search_path without quoting. */
export function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new ConfigError('store options', [
      {
        path: 'store.schema',
        message:
          `"${schema}" is not a valid schema name: ` +
          'use lower-case letters, digits and _ (at most 63, not starting with a digit)',
      },
    ]);
  }
}
