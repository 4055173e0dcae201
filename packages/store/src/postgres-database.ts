import type { Logger } from '@parley/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreDatabase } from './schema.js';

export interface PostgresOptions {
  /** Schema for Parley's tables, created when missing; the role's default search_path otherwise. */
  schema?: string;
  poolSize: number;
  connectTimeoutMs: number;
  logger: Logger;
}

const INT8_OID = 20;

/**
 * int8 (bigint, count(*)) arrives as a string by default, to be safe beyond 2^53. Parley's int8
 * values are millisecond times, sequences and counts, all far below that.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A bounded pool whose connections resolve unqualified table names in Parley's schema. */
export function openPostgresDatabase(connectionString: string, options: PostgresOptions): Kysely<StoreDatabase> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'parley',
    types,
    // Set at connection start, so every pooled connection (reads and write batches) agrees.
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection that dies emits here; without a listener Node would crash the process.
  // The next query gets a fresh connection or reports the failure to its caller.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** The schema migrations go to: the configured one, or the first schema of the search_path. */
export async function migrationSchemaOf(db: Kysely<StoreDatabase>, schema: string | undefined): Promise<string> {
  if (schema !== undefined) return schema;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const current = rows[0]?.schema;
  if (!current) throw new Error('No schema of the search_path exists; set the store `schema` option');
  return current;
}
