import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { StoreDialect } from './schema.js';

/*
 * Migrations live in code, not in files read at runtime, so they work from `dist` and from a
 * bundle. Append new ones with a larger, zero-padded name; never edit a released one.
 */

export const MIGRATION_TABLE = 'parley_migration';
export const MIGRATION_LOCK_TABLE = 'parley_migration_lock';

function initialSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createLinks(db);
      await createMessages(db);
      await createJobs(db, dialect);
      await createSmallTables(db);
    },
  };
}

async function createLinks(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parley_links')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('messenger_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'closed')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  // The one active link per chat; queries repeat the literal predicate so SQLite can use it.
  await db.schema
    .createIndex('parley_links_one_active')
    .on('parley_links')
    .columns(['messenger_id', 'chat_id'])
    .unique()
    .where(sql.ref('state'), '=', sql.lit('active'))
    .execute();
}

async function createMessages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parley_messages')
    .addColumn('parley_id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('messenger_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('external_message_id', 'text')
    .addColumn('unblu_message_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // NULLs are distinct in both dialects: many messages may lack an id on one side.
  await db.schema
    .createIndex('parley_messages_external')
    .on('parley_messages')
    .columns(['messenger_id', 'external_message_id'])
    .unique()
    .execute();
  await db.schema.createIndex('parley_messages_unblu').on('parley_messages').column('unblu_message_id').unique().execute();
}

async function createJobs(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('parley_jobs')
    .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'dead')`))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'bigint')
    .execute();
  // The head of a key: min(seq) among its pending jobs.
  await db.schema.createIndex('parley_jobs_queue').on('parley_jobs').columns(['order_key', 'state', 'seq']).execute();
  await db.schema.createIndex('parley_jobs_dead').on('parley_jobs').columns(['state', 'failed_at', 'seq']).execute();

  await db.schema
    .createTable('parley_job_keys')
    .addColumn('order_key', 'text', (c) => c.primaryKey())
    .addColumn('ready_at', 'bigint')
    .addColumn('held_seq', 'bigint')
    .execute();
  await db.schema.createIndex('parley_job_keys_ready').on('parley_job_keys').column('ready_at').execute();

  await db.schema
    .createTable('parley_job_dedupe')
    .addColumn('dedupe_key', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parley_job_dedupe_created').on('parley_job_dedupe').column('created_at').execute();
}

async function createSmallTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parley_key_values')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parley_key_values_pk', ['namespace', 'key'])
    .execute();
  await db.schema
    .createTable('parley_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Every migration of the store, by name (kysely runs them in name order). */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return { '0001_initial': initialSchema(dialect) };
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return storeMigrations(this.dialect);
  }
}

/**
 * Brings the schema to the latest version. Safe when several processes open one PostgreSQL
 * database at once: kysely serialises migrators with an advisory lock and tolerates the race on
 * creating its own bookkeeping tables. `migrationSchema` pins those tables to our schema, because
 * kysely otherwise looks for them in every schema of the database.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: StoreDialect, migrationSchema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(migrationSchema === undefined ? {} : { migrationTableSchema: migrationSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Migrating the Parley store failed${failed ? ` at ${failed}` : ''}`, { cause: error });
  }
}
