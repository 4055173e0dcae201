import type { DurableKeyValue, Logger, ParleyStore } from '@parley/core';
import { type Kysely, sql } from 'kysely';
import { GroupCommit, type LockKey, type MergedLane, type WriteWork } from './group-commit.js';
import type { StoreDatabase, StoreDialect } from './schema.js';
import type { SqlContext } from './sql-context.js';
import { SqlJobStore } from './sql-job-store.js';
import { SqlKeyValue } from './sql-key-value.js';
import { SqlLeaseStore } from './sql-lease-store.js';
import { SqlLinkStore } from './sql-link-store.js';
import { SqlMessageMapStore } from './sql-message-map-store.js';
import { StoreClosedError, toStoreError } from './store-errors.js';

export interface SqlParleyStoreOptions {
  maxBatchSize: number;
  maxConcurrentBatches: number;
  logger: Logger;
}

/** The `ParleyStore` over a migrated kysely database, either dialect. */
export class SqlParleyStore implements ParleyStore {
  readonly links: SqlLinkStore;
  readonly messages: SqlMessageMapStore;
  readonly jobs: SqlJobStore;
  readonly leases: SqlLeaseStore;
  private readonly writes: GroupCommit;
  private readonly context: SqlContext;
  private readonly reads = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<StoreDatabase>,
    dialect: StoreDialect,
    options: SqlParleyStoreOptions,
  ) {
    this.writes = new GroupCommit(db, { ...options, maxConflictRetries: 5 });
    this.context = {
      dialect,
      read: (query) => this.read(query),
      write: <T>(lockKey: LockKey, work: WriteWork<T>) => this.writes.submit(lockKey, work),
      writeMerged: <I, R>(lane: MergedLane<I, R>, lockKey: string, item: I) =>
        this.writes.submitMerged(lane, lockKey, item),
    };
    this.links = new SqlLinkStore(this.context);
    this.messages = new SqlMessageMapStore(this.context);
    this.jobs = new SqlJobStore(this.context);
    this.leases = new SqlLeaseStore(this.context);
  }

  keyValue(namespace: string): DurableKeyValue {
    return new SqlKeyValue(this.context, namespace);
  }

  async ping(): Promise<void> {
    await this.read((db) => sql`select 1`.execute(db));
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.writes.close();
    await Promise.allSettled([...this.reads]);
    await this.db.destroy();
  }

  private read<T>(query: (db: Kysely<StoreDatabase>) => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    const running = query(this.db).catch((error: unknown) => {
      throw toStoreError(error);
    });
    // Tracked so close() does not pull the connection from under a running read.
    this.reads.add(running);
    const forget = (): void => void this.reads.delete(running);
    running.then(forget, forget);
    return running;
  }
}
