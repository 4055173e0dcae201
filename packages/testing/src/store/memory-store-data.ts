import type { ConversationLink, MessageMapping } from '@parley/core';

/** A job as the memory store keeps it: the port's fields plus queue bookkeeping. */
export interface MemoryJobRecord {
  seq: number;
  id: string;
  kind: string;
  orderKey: string;
  /** JSON text, so no caller can reach into stored state. */
  payload: string;
  attempts: number;
  runAt: number;
  createdAt: number;
  state: 'pending' | 'dead';
  leaseOwner?: string;
  leaseUntil?: number;
  lastError?: string;
  failedAt?: number;
}

/**
 * Everything a {@link MemoryStore} holds. Handles opened with `reopen()` share one instance, the
 * way two connections share one database file.
 */
export interface MemoryStoreData {
  links: Map<string, ConversationLink>;
  messages: Map<string, MessageMapping>;
  jobs: Map<string, MemoryJobRecord>;
  /** Pending (and held) jobs of each order key, by ascending `seq`. Empty keys are removed. */
  queues: Map<string, MemoryJobRecord[]>;
  /** The job currently claimed in each order key (its claim may have expired). */
  held: Map<string, string>;
  dedupe: Map<string, { jobId: string; createdAt: number }>;
  nextSeq: number;
  keyValue: Map<string, Map<string, string>>;
  leases: Map<string, { owner: string; until: number }>;
}

export function emptyMemoryStoreData(): MemoryStoreData {
  return {
    links: new Map(),
    messages: new Map(),
    jobs: new Map(),
    queues: new Map(),
    held: new Map(),
    dedupe: new Map(),
    nextSeq: 1,
    keyValue: new Map(),
    leases: new Map(),
  };
}

/** A deep copy through JSON, the same round trip a real store's values make. */
export function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Rejects calls on a closed handle, like a real store whose connections are gone. */
export class OpenGuard {
  private closed = false;

  close(): void {
    this.closed = true;
  }

  check(): void {
    if (this.closed) throw new Error('The store is closed');
  }
}
