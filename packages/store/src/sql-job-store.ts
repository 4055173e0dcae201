import type { ClaimedJob, EnqueueResult, Job, JobStore, NewJob } from '@parley/core';
import type { Kysely } from 'kysely';
import { refreshKeys, toJob } from './job-rows.js';
import { type CompleteItem, completeLane, enqueueLane } from './sql-job-bulk.js';
import type { MergedLane } from './group-commit.js';
import type { StoreDatabase } from './schema.js';
import { type SqlContext, skipLocked } from './sql-context.js';
import { claimJobs, renewJobs } from './sql-job-claims.js';

/** Bounds the memory of which key a claimed job belongs to (see `lockKeyOf`). */
const MAX_REMEMBERED_CLAIMS = 10_000;

/**
 * The durable job queue. Each order key has a row in `parley_job_keys` that serialises its
 * writers: enqueue locks it before inserting (so per-key `seq` order is commit order), claims lock
 * it with SKIP LOCKED, and finishing a job rewrites it.
 */
export class SqlJobStore implements JobStore {
  /** Order key of the jobs this process claimed, so their writes sort with the key's enqueues. */
  private readonly claimedKeys = new Map<string, string>();

  private readonly completeLane: MergedLane<CompleteItem, boolean>;

  constructor(private readonly ctx: SqlContext) {
    this.completeLane = completeLane(ctx);
  }

  async enqueue(job: NewJob, now: number): Promise<EnqueueResult> {
    const item = { job: { ...job }, payload: JSON.stringify(job.payload ?? null), now };
    return this.ctx.writeMerged(enqueueLane, keyLock(job.orderKey), item);
  }

  async claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]> {
    if (limit <= 0) return [];
    // A claim waits for no lock (it skips locked rows): it runs in a transaction of claims only.
    const claimed = await this.ctx.write(undefined, (db) => claimJobs(this.ctx, db, { owner, limit, leaseMs, now }));
    if (this.claimedKeys.size > MAX_REMEMBERED_CLAIMS) this.claimedKeys.clear();
    for (const job of claimed) this.claimedKeys.set(job.id, job.orderKey);
    return claimed;
  }

  async renew(jobIds: readonly string[], owner: string, leaseMs: number, now: number): Promise<string[]> {
    if (jobIds.length === 0) return [];
    // Waits only on the rows of the owner's own jobs, which nothing but a (never waiting) claim locks.
    return this.ctx.write(`renew:${owner}`, (db) => renewJobs(this.ctx, db, { jobIds, owner, leaseMs, now }));
  }

  async complete(jobId: string, owner: string): Promise<boolean> {
    const finished = await this.ctx.writeMerged(this.completeLane, this.lockKeyOf(jobId), { jobId, owner });
    this.claimedKeys.delete(jobId);
    return finished;
  }

  async retry(jobId: string, owner: string, runAt: number, error: string): Promise<boolean> {
    return this.giveBack(jobId, owner, (db) => db.set({ run_at: runAt, last_error: error }));
  }

  async deadLetter(jobId: string, owner: string, error: string, now: number): Promise<boolean> {
    return this.giveBack(jobId, owner, (db) => db.set({ state: 'dead', last_error: error, failed_at: now }));
  }

  async listDeadLetters(limit: number): Promise<Job[]> {
    const rows = await this.ctx.read((db) =>
      db
        .selectFrom('parley_jobs')
        .selectAll()
        .where('state', '=', 'dead')
        .orderBy('failed_at')
        .orderBy('seq')
        .limit(Math.max(0, limit))
        .execute(),
    );
    return rows.map(toJob);
  }

  async redrive(jobId: string, now: number): Promise<boolean> {
    return this.ctx.write(`job#${jobId}`, (db) => redriveJob(this.ctx, db, jobId, now));
  }

  async depth(): Promise<number> {
    return this.countJobs('pending');
  }

  async deadLetterCount(): Promise<number> {
    return this.countJobs('dead');
  }

  async pruneDedupeKeys(before: number): Promise<number> {
    return this.ctx.write('prune', async (db) => {
      const pruned = await db.deleteFrom('parley_job_dedupe').where('created_at', '<', before).executeTakeFirst();
      // Idle key rows go too; locked ones are busy and are left for the next prune.
      const idle = skipLocked(
        this.ctx,
        db.selectFrom('parley_job_keys').select('order_key').where('ready_at', 'is', null).where('held_seq', 'is', null),
      );
      await db.deleteFrom('parley_job_keys').where('order_key', 'in', idle).execute();
      return Number(pruned.numDeletedRows);
    });
  }

  private async countJobs(state: 'pending' | 'dead'): Promise<number> {
    const row = await this.ctx.read((db) =>
      db
        .selectFrom('parley_jobs')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('state', '=', state)
        .executeTakeFirstOrThrow(),
    );
    return Number(row.count);
  }

  /** Ends the owner's claim with `change` applied to the job row (retry, dead letter). */
  private giveBack(
    jobId: string,
    owner: string,
    change: (update: ReturnType<typeof jobUpdate>) => ReturnType<typeof jobUpdate>,
  ): Promise<boolean> {
    return this.finish(jobId, async (db) => {
      const row = await change(jobUpdate(db))
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', jobId)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'pending')
        .returning('order_key')
        .executeTakeFirst();
      if (row) await refreshKeys(this.ctx, db, [row.order_key]);
      return row !== undefined;
    });
  }

  private async finish(jobId: string, work: (db: Kysely<StoreDatabase>) => Promise<boolean>): Promise<boolean> {
    const finished = await this.ctx.write(this.lockKeyOf(jobId), work);
    this.claimedKeys.delete(jobId);
    return finished;
  }

  /** The key's lock when this process claimed the job (the usual case), else one of its own. */
  private lockKeyOf(jobId: string): string {
    const known = this.claimedKeys.get(jobId);
    return known === undefined ? `job#${jobId}` : keyLock(known);
  }
}

function keyLock(orderKey: string): string {
  return `job:${orderKey}`;
}

function jobUpdate(db: Kysely<StoreDatabase>) {
  return db.updateTable('parley_jobs');
}

async function redriveJob(ctx: SqlContext, db: Kysely<StoreDatabase>, jobId: string, now: number): Promise<boolean> {
  const row = await db
    .updateTable('parley_jobs')
    .set({ state: 'pending', attempts: 0, run_at: now, failed_at: null })
    .where('id', '=', jobId)
    .where('state', '=', 'dead')
    .returning('order_key')
    .executeTakeFirst();
  if (!row) return false;
  await db
    .insertInto('parley_job_keys')
    .values({ order_key: row.order_key, ready_at: now, held_seq: null })
    // A no-op update, only to lock an existing row.
    .onConflict((conflict) =>
      conflict.column('order_key').doUpdateSet((eb) => ({ held_seq: eb.ref('parley_job_keys.held_seq') })),
    )
    .execute();
  // Its old seq makes it the head; a key held by a later job keeps waiting for that job.
  await refreshKeys(ctx, db, [row.order_key], { unlessHeld: true });
  return true;
}
