import { type Kysely, sql } from 'kysely';
import { type JobRow, toClaimedJob } from './job-rows.js';
import type { StoreDatabase } from './schema.js';
import { type SqlContext, skipLocked } from './sql-context.js';
import type { ClaimedJob } from '@parley/core';

/*
 * Claims, in three statements whatever `limit` is:
 * 1. lock up to `limit` ready key rows, skipping rows another transaction holds;
 * 2. take each key's held job (a lease takeover) or else its head, skipping locked job rows,
 *    and write the new lease on it;
 * 3. mark those keys held until the lease ends.
 * A claim never waits for a lock, so it cannot be part of a deadlock.
 */
export async function claimJobs(
  ctx: SqlContext,
  db: Kysely<StoreDatabase>,
  claim: { owner: string; limit: number; leaseMs: number; now: number },
): Promise<ClaimedJob[]> {
  const { owner, now } = claim;
  const until = now + claim.leaseMs;
  const keys = await skipLocked(
    ctx,
    db
      .selectFrom('parley_job_keys')
      .select(['order_key', 'held_seq'])
      .where('ready_at', '<=', now)
      .orderBy('ready_at')
      .limit(claim.limit),
  ).execute();
  if (keys.length === 0) return [];

  const keyNames = keys.map((key) => key.order_key);
  const heads = db
    .selectFrom('parley_job_keys as k')
    .where('k.order_key', 'in', keyNames)
    .select((eb) =>
      eb.fn
        .coalesce(
          'k.held_seq',
          eb
            .selectFrom('parley_jobs as e')
            .select((inner) => inner.fn.min('e.seq').as('head'))
            .whereRef('e.order_key', '=', 'k.order_key')
            .where('e.state', '=', 'pending'),
        )
        .as('seq'),
    );
  const claimable = skipLocked(
    ctx,
    db
      .selectFrom('parley_jobs')
      .select('seq')
      .where('seq', 'in', heads)
      .where('state', '=', 'pending')
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<=', now)])),
  );
  const claimed = await db
    .updateTable('parley_jobs')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_owner: owner, lease_until: until }))
    .where('seq', 'in', claimable)
    .returningAll()
    .execute();

  await markHeld(db, claimed, until);
  const unclaimed = keys.filter((key) => !claimed.some((row) => row.order_key === key.order_key));
  if (unclaimed.length > 0) await healKeys(db, unclaimed.map((key) => key.order_key), now);
  return claimed.sort((a, b) => a.seq - b.seq).map(toClaimedJob);
}

async function markHeld(db: Kysely<StoreDatabase>, claimed: JobRow[], until: number): Promise<void> {
  if (claimed.length === 0) return;
  // seq values come from the database and are integers: safe as literals.
  const heldSeq = sql<number>`case order_key ${sql.join(
    claimed.map((row) => sql`when ${row.order_key} then ${sql.lit(row.seq)}`),
    sql` `,
  )} end`;
  await db
    .updateTable('parley_job_keys')
    .set({ ready_at: until, held_seq: heldSeq })
    .where(
      'order_key',
      'in',
      claimed.map((row) => row.order_key),
    )
    .execute();
}

/**
 * A ready key that yielded no job: its held job's lease was renewed while `renew` could not lock
 * the key row, or its job row is locked by a transaction finishing it. Point `ready_at` at what
 * the jobs say, so the key stops taking claim slots; a finishing transaction rewrites it anyway.
 */
async function healKeys(db: Kysely<StoreDatabase>, orderKeys: string[], now: number): Promise<void> {
  await db
    .updateTable('parley_job_keys as k')
    .set((eb) => ({
      ready_at: eb
        .case()
        .when('k.held_seq', 'is', null)
        .then(
          eb
            .selectFrom('parley_jobs as h')
            .select('h.run_at')
            .whereRef('h.order_key', '=', 'k.order_key')
            .where('h.state', '=', 'pending')
            .orderBy('h.seq')
            .limit(1),
        )
        .else(
          eb.fn.coalesce(
            eb
              .selectFrom('parley_jobs as l')
              .select('l.lease_until')
              .whereRef('l.seq', '=', 'k.held_seq')
              .where('l.lease_until', '>', now),
            'k.ready_at',
          ),
        )
        .end(),
    }))
    .where('k.order_key', 'in', orderKeys)
    .execute();
}

/** Extends leases still held by `owner`; the key rows follow where they are not locked right now. */
export async function renewJobs(
  ctx: SqlContext,
  db: Kysely<StoreDatabase>,
  renewal: { jobIds: readonly string[]; owner: string; leaseMs: number; now: number },
): Promise<string[]> {
  const until = renewal.now + renewal.leaseMs;
  const renewed = await db
    .updateTable('parley_jobs')
    .set({ lease_until: until })
    .where('id', 'in', [...renewal.jobIds])
    .where('lease_owner', '=', renewal.owner)
    .where('state', '=', 'pending')
    .returning(['id', 'order_key'])
    .execute();
  if (renewed.length === 0) return [];
  const lockable = skipLocked(
    ctx,
    db
      .selectFrom('parley_job_keys')
      .select('order_key')
      .where(
        'order_key',
        'in',
        renewed.map((row) => row.order_key),
      ),
  );
  await db.updateTable('parley_job_keys').set({ ready_at: until }).where('order_key', 'in', lockable).execute();
  return renewed.map((row) => row.id);
}
