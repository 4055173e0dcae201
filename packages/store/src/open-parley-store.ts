import { ConfigError, type Logger, type ParleyStore, TransientError, silentLogger } from '@parley/core';
import type { Kysely } from 'kysely';
import { migrateToLatest } from './migrations.js';
import { migrationSchemaOf, openPostgresDatabase } from './postgres-database.js';
import type { StoreDatabase } from './schema.js';
import { SqlParleyStore } from './sql-parley-store.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { isUnavailable } from './store-errors.js';
import { type StoreLocation, checkSchemaName, parseStoreUrl } from './store-url.js';

export interface OpenParleyStoreOptions {
  /**
   * PostgreSQL only: the schema for Parley's tables (created when missing), e.g. one per test
   * suite or per deployment sharing a database. Default: the first schema of the search_path.
   */
  schema?: string;
  /** PostgreSQL only: most connections in the pool (default 10). */
  poolSize?: number;
  /** PostgreSQL only: how long to wait for a connection before failing (default 10,000 ms). */
  connectTimeoutMs?: number;
  /** SQLite only: how long a write waits for another process's lock (default 5,000 ms). */
  busyTimeoutMs?: number;
  /**
   * PostgreSQL only: write transactions in flight at once (default 4), each on its own pooled
   * connection; keep it below `poolSize` so reads find a connection.
   */
  writeConnections?: number;
  /** Most write calls committed in one transaction (default 256). */
  maxBatchSize?: number;
  /** Where the store reports idle connection failures and retried batches (default: silent). */
  logger?: Logger;
}

/**
 * Opens the durable store at `url` and brings its schema up to date (see `parseStoreUrl` for the
 * URL forms). Rejects with a `ConfigError` for a bad URL or option, a `TransientError`
 * (`store.unavailable`) when the database cannot be reached, and a plain `Error` when migrating
 * fails otherwise.
 */
export async function openParleyStore(url: string, options: OpenParleyStoreOptions = {}): Promise<ParleyStore> {
  const location = parseStoreUrl(url);
  checkOptions(location, options);
  const logger = options.logger ?? silentLogger;
  let db: Kysely<StoreDatabase> | undefined;
  try {
    db = openDatabase(location, options, logger);
    const migrationSchema = location.dialect === 'postgres' ? await migrationSchemaOf(db, options.schema) : undefined;
    await migrateToLatest(db as Kysely<unknown>, location.dialect, migrationSchema);
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    throw openFailure(location, error);
  }
  return new SqlParleyStore(db, location.dialect, {
    maxBatchSize: options.maxBatchSize ?? 256,
    maxConcurrentBatches: location.dialect === 'sqlite' ? 1 : writeConnections(options),
    logger,
  });
}

function openDatabase(location: StoreLocation, options: OpenParleyStoreOptions, logger: Logger): Kysely<StoreDatabase> {
  if (location.dialect === 'sqlite') {
    return openSqliteDatabase(location.path, { busyTimeoutMs: options.busyTimeoutMs ?? 5_000 });
  }
  return openPostgresDatabase(location.connectionString, {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    poolSize: options.poolSize ?? 10,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    logger,
  });
}

/** Leaves at least one pooled connection for reads while every write connection is busy. */
function writeConnections(options: OpenParleyStoreOptions): number {
  const poolSize = options.poolSize ?? 10;
  return Math.max(1, Math.min(options.writeConnections ?? 4, poolSize - 1));
}

function checkOptions(location: StoreLocation, options: OpenParleyStoreOptions): void {
  if (options.schema !== undefined) {
    if (location.dialect !== 'postgres') {
      throw new ConfigError('store options', [{ path: 'store.schema', message: 'applies to PostgreSQL only' }]);
    }
    checkSchemaName(options.schema);
  }
  const counts = {
    poolSize: options.poolSize,
    writeConnections: options.writeConnections,
    maxBatchSize: options.maxBatchSize,
  };
  const issues = Object.entries(counts)
    .filter(([, value]) => value !== undefined && !(Number.isInteger(value) && value > 0))
    .map(([name]) => ({ path: `store.${name}`, message: 'must be a positive integer' }));
  if (issues.length > 0) throw new ConfigError('store options', issues);
}

function openFailure(location: StoreLocation, error: unknown): Error {
  const where = location.dialect === 'sqlite' ? `SQLite file ${location.path}` : `PostgreSQL at ${location.display}`;
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (isUnavailable(error) || isUnavailable(cause)) {
    return new TransientError(`Cannot reach the Parley store (${where}): ${detail}`, 'store.unavailable', { cause: error });
  }
  return new Error(`Cannot open the Parley store (${where}): ${detail}`, { cause: error });
}
