import { TransientError, type ParleyStore } from '@parley/core';
import { MIGRATION_TABLE } from './migrations.js';
import { openParleyStore } from './index.js';
import { PG_URL, PostgresTestSchemas, assertPostgresReachable, withClient } from './testing/postgres-test-schemas.js';
import { jobId, runQueue } from './testing/run-queue.js';

/*
 * Several Parley instances on one PostgreSQL schema: each `openParleyStore` has its own pool,
 * exactly what separate processes would have.
 */

jest.setTimeout(120_000);

const schemas = new PostgresTestSchemas();
const NOW = 1_700_000_000_000;
let open: ParleyStore[] = [];

beforeAll(assertPostgresReachable);
afterEach(async () => {
  await Promise.all(open.map((store) => store.close()));
  open = [];
});
afterAll(() => schemas.dropAll());

async function instances(count: number, schema = schemas.fresh()): Promise<ParleyStore[]> {
  const stores = await Promise.all(Array.from({ length: count }, () => openParleyStore(PG_URL, { schema, poolSize: 4 })));
  open.push(...stores);
  return stores;
}

async function migrationsIn(schema: string): Promise<string[]> {
  return withClient(async (client) => {
    const result = await client.query<{ name: string }>(`select name from ${schema}.${MIGRATION_TABLE} order by name`);
    return result.rows.map((row) => row.name);
  });
}

describe('PostgreSQL with several instances', () => {
  it('migrates once when several instances open a new schema at the same moment', async () => {
    const schema = schemas.fresh();
    const stores = await instances(4, schema);
    expect(await migrationsIn(schema)).toEqual(['0001_initial']);
    await stores[0]?.keyValue('ns').set('k', 'v');
    expect(await stores[3]?.keyValue('ns').get('k')).toBe('v');
  });

  it('applies nothing again when reopened', async () => {
    const schema = schemas.fresh();
    const [first] = await instances(1, schema);
    await first?.jobs.enqueue({ id: 'j1', kind: 'k', orderKey: 'a', payload: 1 }, NOW);
    await first?.close();
    const [again] = await instances(1, schema);
    expect(await migrationsIn(schema)).toEqual(['0001_initial']);
    expect(await again?.jobs.depth()).toBe(1);
  });

  it('two instances enqueuing and claiming 1,000 jobs over 50 keys complete each exactly once, in key order', async () => {
    const [a, b] = (await instances(2)) as [ParleyStore, ParleyStore];
    const keys = 50;
    const jobsPerKey = 20;
    const run = await runQueue({ producers: [a, b], workers: [a, b, a, b], keys, jobsPerKey, now: NOW });

    expect(run.claims).toHaveLength(keys * jobsPerKey);
    expect(new Set(run.claims).size).toBe(keys * jobsPerKey);
    expect(new Set(run.completed).size).toBe(keys * jobsPerKey);
    for (let k = 0; k < keys; k++) {
      expect(run.order.get(`key-${k}`)).toEqual(Array.from({ length: jobsPerKey }, (_, i) => jobId(k, i)));
    }
    expect(await a.jobs.depth()).toBe(0);
  });

  it('an instance takes over a job whose lease ran out; the old owner can no longer complete it', async () => {
    const [a, b] = (await instances(2)) as [ParleyStore, ParleyStore];
    await a.jobs.enqueue({ id: 'j1', kind: 'k', orderKey: 'chat', payload: null }, NOW);
    await a.jobs.enqueue({ id: 'j2', kind: 'k', orderKey: 'chat', payload: null }, NOW);
    expect((await a.jobs.claim('instance-a', 10, 1_000, NOW)).map((job) => job.id)).toEqual(['j1']);
    expect(await b.jobs.claim('instance-b', 10, 1_000, NOW + 999)).toEqual([]);
    const taken = await b.jobs.claim('instance-b', 10, 1_000, NOW + 1_000);
    expect(taken.map((job) => [job.id, job.attempts])).toEqual([['j1', 2]]);
    expect(await a.jobs.complete('j1', 'instance-a')).toBe(false);
    expect(await b.jobs.complete('j1', 'instance-b')).toBe(true);
    expect((await a.jobs.claim('instance-a', 10, 1_000, NOW + 1_001)).map((job) => job.id)).toEqual(['j2']);
  });

  it('many instances opening one chat concurrently agree on one link', async () => {
    const stores = await instances(3);
    const opened = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (stores[i % 3] as ParleyStore).links.open({
          messengerId: 'telegram',
          chatId: 'chat-1',
          channelId: 'channel',
          conversationId: `conv-${i}`,
          visitor: { personId: 'p' },
          createdAt: NOW,
        }),
      ),
    );
    expect(new Set(opened.map((link) => link.conversationId)).size).toBe(1);
  });
});

describe('PostgreSQL failures', () => {
  it('reports an unreachable server as TransientError store.unavailable, without the password', async () => {
    const failure = openParleyStore('postgres://parley:secret@127.0.0.1:1/parley', { connectTimeoutMs: 2_000 });
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toMatchObject({ code: 'store.unavailable' });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});
