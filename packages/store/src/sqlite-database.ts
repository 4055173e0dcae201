import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { StoreDatabase } from './schema.js';

export interface SqliteOptions {
  /** How long a write waits for another process's lock on the file before failing (ms). */
  busyTimeoutMs: number;
}

/** The settings the store relies on; exported for the spec that checks them. */
export const SQLITE_PRAGMAS = [
  // Readers do not block the writer, and a commit appends to the log instead of rewriting pages.
  'journal_mode = WAL',
  // FULL: a commit is on disk (fsync) before the call resolves. NORMAL may lose the last commits
  // on power loss, which would break "durable before acknowledged".
  'synchronous = FULL',
  'foreign_keys = ON',
] as const;

/** Opens the SQLite file (creating its folder) with the pragmas above. */
export function openSqliteDatabase(path: string, options: SqliteOptions): Kysely<StoreDatabase> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path, { timeout: options.busyTimeoutMs });
  try {
    for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
  } catch (error) {
    database.close();
    throw error;
  }
  return new Kysely<StoreDatabase>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(database) }) });
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; kysely prepares each query it runs.
 * Reusing compiled statements for the same SQL text saves most of a write's CPU time.
 */
function cachingStatements(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteStatement {
      let statement = cache.get(text);
      if (!statement) {
        // Statements with IN lists vary in text; a full cache starts over instead of growing.
        if (cache.size >= 2_000) cache.clear();
        statement = database.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a second process
 * on the same file waits (busy_timeout) instead of failing when a read-started transaction tries
 * to upgrade to a write.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * SQLite's DDL is transactional, but kysely's adapter says otherwise and then migrates without a
 * transaction: two processes opening a new file at once would both create the tables. Saying so
 * makes the migrator read its state and migrate inside one BEGIN IMMEDIATE transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
