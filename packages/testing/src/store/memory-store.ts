import type { DurableKeyValue, LeaseStore, ParleyStore } from '@parley/core';
import { MemoryJobStore } from './memory-job-store.js';
import { MemoryLinkStore } from './memory-link-store.js';
import { MemoryMessageMapStore } from './memory-message-map-store.js';
import { emptyMemoryStoreData, type MemoryStoreData, OpenGuard } from './memory-store-data.js';

/**
 * An in-memory {@link ParleyStore} for one process, with the same semantics as `@parley/store`
 * (it passes the same `describeParleyStoreContract` suite). Values go in and out through JSON, so
 * callers can never mutate stored state by holding on to an object.
 *
 * - `new MemoryStore()` is an empty store: use a second one to simulate "the local store was
 *   emptied" (a lost SQLite file) while Unblu still knows the conversations.
 * - {@link MemoryStore.reopen} is a new handle on the same data: a process restart that kept its
 *   database.
 */
export class MemoryStore implements ParleyStore {
  readonly links: MemoryLinkStore;
  readonly messages: MemoryMessageMapStore;
  readonly jobs: MemoryJobStore;
  readonly leases: LeaseStore;
  private readonly guard = new OpenGuard();

  constructor(private readonly data: MemoryStoreData = emptyMemoryStoreData()) {
    this.links = new MemoryLinkStore(data, this.guard);
    this.messages = new MemoryMessageMapStore(data, this.guard);
    this.jobs = new MemoryJobStore(data, this.guard);
    this.leases = new MemoryLeaseStore(data, this.guard);
  }

  /** Closes this handle and returns a new one on the same data, like a restarted process. */
  async reopen(): Promise<MemoryStore> {
    await this.close();
    return new MemoryStore(this.data);
  }

  keyValue(namespace: string): DurableKeyValue {
    return new MemoryKeyValue(this.data, this.guard, namespace);
  }

  async ping(): Promise<void> {
    this.guard.check();
  }

  /** Idempotent; calls on a closed handle reject. */
  async close(): Promise<void> {
    this.guard.close();
  }
}

class MemoryLeaseStore implements LeaseStore {
  constructor(
    private readonly data: MemoryStoreData,
    private readonly guard: OpenGuard,
  ) {}

  async acquire(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    this.guard.check();
    const lease = this.data.leases.get(name);
    if (lease && lease.owner !== owner && lease.until > now) return false;
    this.data.leases.set(name, { owner, until: now + ttlMs });
    return true;
  }

  async release(name: string, owner: string): Promise<void> {
    this.guard.check();
    if (this.data.leases.get(name)?.owner === owner) this.data.leases.delete(name);
  }
}

class MemoryKeyValue implements DurableKeyValue {
  constructor(
    private readonly data: MemoryStoreData,
    private readonly guard: OpenGuard,
    private readonly namespace: string,
  ) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    this.guard.check();
    const value = this.data.keyValue.get(this.namespace)?.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  /** `undefined` has no JSON form: setting it deletes the key. */
  async set(key: string, value: unknown): Promise<void> {
    this.guard.check();
    if (value === undefined) return this.delete(key);
    let entries = this.data.keyValue.get(this.namespace);
    if (!entries) {
      entries = new Map();
      this.data.keyValue.set(this.namespace, entries);
    }
    entries.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.guard.check();
    this.data.keyValue.get(this.namespace)?.delete(key);
  }
}
