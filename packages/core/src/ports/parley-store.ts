import type { DurableKeyValue } from './durable-key-value.js';
import type { UnbluVisitor } from './unblu-model.js';

/**
 * The durable store port the engine runs on (`@parley/store` implements it on SQLite and
 * PostgreSQL). Every method's effect is committed when its promise resolves.
 */
export interface ParleyStore {
  readonly links: LinkStore;
  readonly messages: MessageMapStore;
  readonly jobs: JobStore;
  readonly leases: LeaseStore;
  /** Durable key/value state for one namespace (an adapter instance's `messengerId`). */
  keyValue(namespace: string): DurableKeyValue;
  /** The store answers (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A messenger chat linked to an Unblu conversation. At most one active link per (messenger, chat). */
export interface ConversationLink {
  messengerId: string;
  chatId: string;
  channelId: string;
  conversationId: string;
  visitor: UnbluVisitor;
  state: 'active' | 'closed';
  createdAt: number;
  closedAt?: number;
}

export interface LinkStore {
  findActive(messengerId: string, chatId: string): Promise<ConversationLink | undefined>;
  findByConversation(conversationId: string): Promise<ConversationLink | undefined>;
  /** Stores a new active link; resolves with the link that is active afterwards (an existing one wins). */
  open(link: Omit<ConversationLink, 'state' | 'closedAt'>): Promise<ConversationLink>;
  close(conversationId: string, at: number): Promise<void>;
}

export type MessageDirection = 'inbound' | 'outbound';

/** One message as Parley knows it on both sides. `parleyId` is Parley's own stable id. */
export interface MessageMapping {
  parleyId: string;
  direction: MessageDirection;
  messengerId: string;
  chatId: string;
  conversationId?: string;
  externalMessageId?: string;
  unbluMessageId?: string;
  createdAt: number;
}

export interface MessageMapStore {
  /** Inserts or completes a mapping (ids already set are never overwritten). */
  record(mapping: MessageMapping): Promise<void>;
  byParleyId(parleyId: string): Promise<MessageMapping | undefined>;
  byExternalId(messengerId: string, externalMessageId: string): Promise<MessageMapping | undefined>;
  byUnbluId(unbluMessageId: string): Promise<MessageMapping | undefined>;
}

/** A unit of work, run in order with the other jobs of its `orderKey` (one chat). */
export interface Job {
  id: string;
  kind: string;
  /** Jobs with the same key run one at a time, oldest first. */
  orderKey: string;
  payload: unknown;
  attempts: number;
  runAt: number;
  createdAt: number;
  lastError?: string;
}

export interface NewJob {
  kind: string;
  orderKey: string;
  payload: unknown;
  /** Idempotency key: a second enqueue with the same key stores nothing. */
  dedupeKey?: string;
}

export interface JobStore {
  /** Commits the job; `enqueued: false` when `dedupeKey` was seen before (then `jobId` is the first one's). */
  enqueue(job: NewJob, now: number): Promise<{ enqueued: boolean; jobId: string }>;
  /**
   * Claims up to `limit` due jobs for `owner` until `now + leaseMs`: only the oldest unfinished job
   * of each order key, skipping keys another owner holds.
   */
  claim(owner: string, limit: number, leaseMs: number, now: number): Promise<Job[]>;
  complete(jobId: string, owner: string): Promise<void>;
  /** Releases the job to run again at `runAt` (its order key stays blocked until then). */
  retry(jobId: string, owner: string, runAt: number, error: string): Promise<void>;
  /** Moves the job to the dead letters; its order key is unblocked. */
  deadLetter(jobId: string, owner: string, error: string, now: number): Promise<void>;
  listDeadLetters(limit: number): Promise<Job[]>;
  /** Puts a dead letter back in its queue to run now. */
  redrive(jobId: string, now: number): Promise<boolean>;
  /** Number of jobs waiting or running, for metrics and back-pressure. */
  depth(): Promise<number>;
}

export interface LeaseStore {
  /** Takes or renews the lease for `owner`; false while another owner holds an unexpired one. */
  acquire(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}
