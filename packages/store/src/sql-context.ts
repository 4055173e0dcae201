import type { Kysely } from 'kysely';
import type { LockKey, MergedLane, WriteWork } from './group-commit.js';
import type { StoreDatabase, StoreDialect } from './schema.js';

/** What the table stores share: how to read, how to write, and which dialect they speak. */
export interface SqlContext {
  readonly dialect: StoreDialect;
  /** Runs a query outside the write batches (on the pool for PostgreSQL). */
  read<T>(query: (db: Kysely<StoreDatabase>) => Promise<T>): Promise<T>;
  /** Runs `work` in a group-commit batch (see {@link LockKey}); resolves after its COMMIT. */
  write<T>(lockKey: LockKey, work: WriteWork<T>): Promise<T>;
  /** Like `write`, run with the other calls of `lane` in the batch as one set of statements. */
  writeMerged<I, R>(lane: MergedLane<I, R>, lockKey: string, item: I): Promise<R>;
}

/** `FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a time and no row locks. */
export function skipLocked<Q extends { forUpdate(): Q; skipLocked(): Q }>(ctx: SqlContext, query: Q): Q {
  return ctx.dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
