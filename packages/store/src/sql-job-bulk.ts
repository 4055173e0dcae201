import type { EnqueueResult, NewJob } from '@parley/core';
import type { Kysely } from 'kysely';
import type { MergedLane } from './group-commit.js';
import { refreshKeys } from './job-rows.js';
import { compareKeys, inKeyOrder } from './key-order.js';
import type { StoreDatabase } from './schema.js';
import type { SqlContext } from './sql-context.js';

/*
 * Enqueue and complete are the hot writes: every job does each once. A batch of them runs as a
 * few multi-row statements, taking key locks in key order like every other write.
 */

export interface EnqueueItem {
  job: NewJob;
  /** JSON of the payload, made before the call was queued. */
  payload: string;
  now: number;
}

export interface CompleteItem {
  jobId: string;
  owner: string;
}

export const enqueueLane: MergedLane<EnqueueItem, EnqueueResult> = { name: 'enqueue', run: enqueueJobs };

export function completeLane(ctx: SqlContext): MergedLane<CompleteItem, boolean> {
  return { name: 'complete', run: (db, items) => completeJobs(ctx, db, items) };
}

async function enqueueJobs(db: Kysely<StoreDatabase>, items: readonly EnqueueItem[]): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = items.map((item) => ({ enqueued: true, jobId: item.job.id }));
  const duplicates = await recordDedupeKeys(db, items);
  for (const [index, firstJobId] of duplicates) results[index] = { enqueued: false, jobId: firstJobId };
  const fresh = items.filter((_, index) => !duplicates.has(index));
  if (fresh.length === 0) return results;

  // Key rows first, in key order: enqueues of one key commit in the order of their seq.
  const heads = new Map<string, number>();
  for (const { job, now } of fresh) if (!heads.has(job.orderKey)) heads.set(job.orderKey, job.runAt ?? now);
  await db
    .insertInto('parley_job_keys')
    .values(inKeyOrder(heads.keys()).map((key) => ({ order_key: key, ready_at: heads.get(key) as number, held_seq: null })))
    .onConflict((conflict) =>
      conflict
        .column('order_key')
        .doUpdateSet((eb) => ({ ready_at: eb.fn.coalesce('parley_job_keys.ready_at', 'excluded.ready_at') })),
    )
    .execute();
  // One statement, rows in call order: seq follows the order the calls were made.
  await db
    .insertInto('parley_jobs')
    .values(
      fresh.map(({ job, payload, now }) => ({
        id: job.id,
        kind: job.kind,
        order_key: job.orderKey,
        state: 'pending' as const,
        payload,
        attempts: 0,
        run_at: job.runAt ?? now,
        created_at: now,
      })),
    )
    .execute();
  return results;
}

/**
 * Records the dedupe keys; returns the items that are duplicates (of an earlier job, or of an
 * earlier item of this batch), with the id of the first job.
 */
async function recordDedupeKeys(db: Kysely<StoreDatabase>, items: readonly EnqueueItem[]): Promise<Map<number, string>> {
  const keyed = items
    .map((item, index) => ({ key: item.job.dedupeKey, id: item.job.id, now: item.now, index }))
    .filter((entry): entry is typeof entry & { key: string } => entry.key !== undefined);
  const duplicates = new Map<number, string>();
  if (keyed.length === 0) return duplicates;
  const inserted = await db
    .insertInto('parley_job_dedupe')
    .values(
      [...keyed]
        .sort((a, b) => compareKeys(a.key, b.key))
        .map((entry) => ({ dedupe_key: entry.key, job_id: entry.id, created_at: entry.now })),
    )
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('dedupe_key')
    .execute();
  const won = new Set(inserted.map((row) => row.dedupe_key));
  const losers = keyed.filter((entry) => !won.delete(entry.key));
  if (losers.length === 0) return duplicates;
  const firsts = await db
    .selectFrom('parley_job_dedupe')
    .select(['dedupe_key', 'job_id'])
    .where('dedupe_key', 'in', [...new Set(losers.map((entry) => entry.key))])
    .execute();
  const firstJob = new Map(firsts.map((row) => [row.dedupe_key, row.job_id]));
  for (const entry of losers) duplicates.set(entry.index, firstJob.get(entry.key) ?? entry.id);
  return duplicates;
}

async function completeJobs(ctx: SqlContext, db: Kysely<StoreDatabase>, items: readonly CompleteItem[]): Promise<boolean[]> {
  const deleted = await db
    .deleteFrom('parley_jobs')
    .where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('id', 'lease_owner'),
        'in',
        items.map((item) => tuple(item.jobId, item.owner)),
      ),
    )
    .where('state', '=', 'pending')
    .returning(['id', 'order_key', 'lease_owner'])
    .execute();
  const done = new Map(deleted.map((row) => [row.id, row.lease_owner]));
  if (deleted.length > 0) await refreshKeys(ctx, db, deleted.map((row) => row.order_key));
  // A job completed twice in one batch counts once, as it would in two transactions.
  return items.map((item) => done.get(item.jobId) === item.owner && done.delete(item.jobId));
}
