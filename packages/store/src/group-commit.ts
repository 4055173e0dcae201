import type { Logger } from '@parley/core';
import type { ControlledTransaction, Kysely } from 'kysely';
import { compareKeys } from './key-order.js';
import type { StoreDatabase } from './schema.js';
import { StoreClosedError, isConflict, isUnavailable, toStoreError } from './store-errors.js';

/** One call's writes. It may run more than once (after a rollback), so it must touch only the database. */
export type WriteWork<T> = (db: Kysely<StoreDatabase>) => Promise<T>;

/**
 * Which rows a call waits for. A string names the key whose rows it locks and may wait on: calls
 * of one key run in submission order and never in two transactions of this store at once, and a
 * batch runs its calls sorted by key, so every transaction takes key locks in the same order.
 * `undefined` marks a call that never waits for a lock (claims skip locked rows): such calls run
 * in transactions of their own, so a transaction holding claimed rows never waits on another.
 */
export type LockKey = string | undefined;

/**
 * Calls of one kind that can run as one set of multi-row statements (enqueue, complete): a batch
 * of them costs a few statements instead of a few per call. `run` must lock key rows in key order.
 */
export interface MergedLane<I, R> {
  readonly name: string;
  run(db: Kysely<StoreDatabase>, items: readonly I[]): Promise<R[]>;
}

interface PendingWrite {
  lane: string;
  lockKey: LockKey;
  work: WriteWork<unknown>;
  merged?: { lane: MergedLane<unknown, unknown>; item: unknown };
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Attempt =
  | { kind: 'committed'; results: unknown[] }
  | { kind: 'call-failed'; index: number | undefined; error: unknown }
  | { kind: 'batch-failed'; error: unknown };

export interface GroupCommitOptions {
  /** Most calls run in one transaction. */
  maxBatchSize: number;
  /** Transactions in flight at once (1 for SQLite, whose single connection runs one anyway). */
  maxConcurrentBatches: number;
  /** How often a batch is re-run after PostgreSQL broke a deadlock or serialization conflict. */
  maxConflictRetries: number;
  logger: Logger;
}

const FREE = 'free';
const KEYED = 'keyed';

/**
 * Group commit: write calls that arrive while transactions run are queued and run together in the
 * next one, so one durable commit (one fsync) serves many calls. Each call's promise settles only
 * after that commit. A batch holds calls of one lane: claims, one kind of merged calls, or any
 * other keyed calls.
 *
 * A call that fails (a constraint violation) must not take the others down, and must leave
 * nothing behind. Rather than a SAVEPOINT per call — on PostgreSQL every savepoint that writes is
 * a subtransaction, and more than 64 in one transaction overflow the per-backend cache and slow
 * every session down — the batch is rolled back and run again without the failed call (a merged
 * batch first runs again call by call, to find it). Failures are rare; the common path pays nothing.
 */
export class GroupCommit {
  private readonly queues = new Map<string, PendingWrite[]>([
    [FREE, []],
    [KEYED, []],
  ]);
  private readonly busyKeys = new Set<string>();
  private nextLane = 0;
  private running = 0;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit<T>(lockKey: LockKey, work: WriteWork<T>): Promise<T> {
    return this.enqueue<T>({ lane: lockKey === undefined ? FREE : KEYED, lockKey, work });
  }

  submitMerged<I, R>(lane: MergedLane<I, R>, lockKey: string, item: I): Promise<R> {
    const work: WriteWork<R> = async (db) => (await lane.run(db, [item]))[0] as R;
    const merged = { lane: lane as MergedLane<unknown, unknown>, item };
    return this.enqueue<R>({ lane: lane.name, lockKey, work, merged });
  }

  /** Refuses new calls and resolves once every queued call has settled. Idempotent. */
  close(): Promise<void> {
    this.closed = true;
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private enqueue<T>(call: Omit<PendingWrite, 'resolve' | 'reject'>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(call.lane);
      if (!queue) this.queues.set(call.lane, (queue = []));
      queue.push({ ...call, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.maxConcurrentBatches) {
      const batch = this.take();
      if (batch.length === 0) break;
      this.running += 1;
      void this.runBatch(batch).finally(() => this.finished(batch));
    }
  }

  private finished(batch: PendingWrite[]): void {
    this.running -= 1;
    for (const call of batch) if (call.lockKey !== undefined) this.busyKeys.delete(call.lockKey);
    this.pump();
    if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** The next batch, taking lanes in turn. */
  private take(): PendingWrite[] {
    const lanes = [...this.queues.keys()];
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[(this.nextLane + i) % lanes.length] as string;
      const batch = lane === FREE ? this.takeFree() : this.takeKeyed(lane);
      if (batch.length > 0) {
        this.nextLane = (this.nextLane + i + 1) % lanes.length;
        return batch;
      }
    }
    return [];
  }

  private takeFree(): PendingWrite[] {
    return this.queues.get(FREE)?.splice(0, this.options.maxBatchSize) ?? [];
  }

  private takeKeyed(lane: string): PendingWrite[] {
    const batch: PendingWrite[] = [];
    const rest: PendingWrite[] = [];
    const deferred = new Set<string>();
    for (const call of this.queues.get(lane) ?? []) {
      const key = call.lockKey as string;
      if (batch.length < this.options.maxBatchSize && !this.busyKeys.has(key) && !deferred.has(key)) {
        batch.push(call);
      } else {
        // Once a call of a key waits, the later calls of that key wait too: order is kept.
        rest.push(call);
        deferred.add(key);
      }
    }
    this.queues.set(lane, rest);
    for (const call of batch) this.busyKeys.add(call.lockKey as string);
    // Stable: calls of one key keep their submission order.
    return batch.sort((a, b) => compareKeys(a.lockKey as string, b.lockKey as string));
  }

  private async runBatch(batch: PendingWrite[]): Promise<void> {
    let calls = batch;
    let merge = calls.length > 1 ? calls[0]?.merged?.lane : undefined;
    let conflicts = 0;
    try {
      for (;;) {
        const trx = await this.db.startTransaction().execute();
        const attempt = await this.attempt(trx, calls, merge);
        if (attempt.kind === 'committed') {
          calls.forEach((call, index) => call.resolve(attempt.results[index]));
          return;
        }
        if (attempt.kind === 'call-failed') {
          if (attempt.index === undefined) {
            merge = undefined; // Run the calls one by one to learn which one fails.
            continue;
          }
          calls[attempt.index]?.reject(toStoreError(attempt.error));
          calls = calls.filter((_, index) => index !== attempt.index);
          if (calls.length === 0) return;
        } else if (isConflict(attempt.error) && conflicts < this.options.maxConflictRetries) {
          conflicts += 1;
          this.options.logger.warn({ conflicts, calls: calls.length, err: attempt.error }, 'store batch conflicted, retrying');
        } else {
          throw attempt.error;
        }
      }
    } catch (error) {
      for (const call of calls) call.reject(toStoreError(error));
    }
  }

  private async attempt(
    trx: ControlledTransaction<StoreDatabase>,
    calls: PendingWrite[],
    merge: MergedLane<unknown, unknown> | undefined,
  ): Promise<Attempt> {
    let results: unknown[] = [];
    let index: number | undefined;
    try {
      if (merge) {
        results = await merge.run(
          trx,
          calls.map((call) => call.merged?.item),
        );
      } else {
        for (index = 0; index < calls.length; index++) results.push(await (calls[index] as PendingWrite).work(trx));
      }
    } catch (error) {
      await rollbackQuietly(trx);
      const batchWide = isConflict(error) || isUnavailable(error);
      return batchWide ? { kind: 'batch-failed', error } : { kind: 'call-failed', index, error };
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      // The outcome of a COMMIT whose connection broke is unknown; callers see a TransientError.
      await rollbackQuietly(trx);
      return { kind: 'batch-failed', error };
    }
    return { kind: 'committed', results };
  }
}

async function rollbackQuietly(trx: ControlledTransaction<StoreDatabase>): Promise<void> {
  try {
    await trx.rollback().execute();
  } catch {
    // The connection is gone or the transaction already ended: the caller reports the first error.
  }
}
