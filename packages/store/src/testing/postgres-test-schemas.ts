import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL specs use (override with PARLEY_TEST_PG_URL). */
export const PG_URL = process.env['PARLEY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Fresh schemas for one spec file, dropped by `dropAll` (call it in `afterAll`). Each test works
 * in its own schema, so suites never see each other's rows.
 */
export class PostgresTestSchemas {
  private readonly created: string[] = [];

  fresh(): string {
    const schema = `parley_spec_${randomBytes(6).toString('hex')}`;
    this.created.push(schema);
    return schema;
  }

  async dropAll(): Promise<void> {
    if (this.created.length === 0) return;
    await withClient(async (client) => {
      for (const schema of this.created.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
    });
  }
}

/**
 * Fails with a message that says what to do when PostgreSQL is not there: these specs must never
 * pass by skipping.
 */
export async function assertPostgresReachable(): Promise<void> {
  try {
    await withClient((client) => client.query('select 1'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${reason}). ` +
        'Start it, or point PARLEY_TEST_PG_URL at a database these tests may create schemas in.',
      { cause: error },
    );
  }
}

export async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
