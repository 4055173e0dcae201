import type { ClaimedJob, Job } from '@parley/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { inKeyOrder } from './key-order.js';
import type { SqlContext } from './sql-context.js';
import type { JobsTable, StoreDatabase } from './schema.js';

export type JobRow = Selectable<JobsTable>;

export function toJob(row: JobRow): Job {
  const job: Job = {
    id: row.id,
    kind: row.kind,
    orderKey: row.order_key,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    runAt: row.run_at,
    createdAt: row.created_at,
  };
  if (row.last_error !== null) job.lastError = row.last_error;
  if (row.failed_at !== null) job.failedAt = row.failed_at;
  return job;
}

export function toClaimedJob(row: JobRow): ClaimedJob {
  return { ...toJob(row), leaseUntil: row.lease_until ?? 0 };
}

/**
 * Recomputes keys after their held job finished or gave its claim back: nobody holds them, and
 * each is ready when its head (lowest pending `seq`) is due, or never (null) when it has no jobs
 * left. Rows stay until `pruneDedupeKeys` removes idle keys, which keeps `complete` short.
 * `unlessHeld` leaves a key alone while a claim holds it (redrive).
 */
export async function refreshKeys(
  ctx: SqlContext,
  db: Kysely<StoreDatabase>,
  orderKeys: readonly string[],
  options: { unlessHeld?: boolean } = {},
): Promise<void> {
  const keys = inKeyOrder(orderKeys);
  if (ctx.dialect === 'postgres') {
    // Lock first, in key order, in a statement of its own. Were the UPDATE below to wait for the
    // lock (an enqueue of the key in flight), its subquery would still read the snapshot from
    // before that enqueue committed, miss the new job and park the key as idle for good.
    const locked = sql`select 1 from parley_job_keys where order_key in (${sql.join(keys)})
      order by order_key collate "C" for update`;
    await locked.execute(db);
  }
  await db
    .updateTable('parley_job_keys')
    .set((eb) => ({
      held_seq: null,
      ready_at: eb
        .selectFrom('parley_jobs')
        .select('parley_jobs.run_at')
        .whereRef('parley_jobs.order_key', '=', 'parley_job_keys.order_key')
        .where('parley_jobs.state', '=', 'pending')
        .orderBy('parley_jobs.seq')
        .limit(1),
    }))
    .where('order_key', 'in', keys)
    .$if(options.unlessHeld === true, (query) => query.where('held_seq', 'is', null))
    .execute();
}
