import type { DurableKeyValue } from './durable-key-value.js';
import type { UnbluVisitor } from './unblu-model.js';

/**
 * The durable store port the engine runs on (`@parley/store` implements it on SQLite and
 * PostgreSQL, `@parley/testing` in memory). Every method's effect is committed when its promise
 * resolves; a rejection means nothing of that call was stored. Implementations may group
 * concurrent calls into one transaction (group commit) as long as each call keeps that promise.
 */
export interface ParleyStore {
  readonly links: LinkStore;
  readonly messages: MessageMapStore;
  readonly jobs: JobStore;
  readonly leases: LeaseStore;
  /** Durable key/value state for one namespace (an adapter instance's `messengerId`). */
  keyValue(namespace: string): DurableKeyValue;
  /** Resolves when the store answers (for `/readyz`); rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Waits for pending writes, then closes connections. Idempotent. */
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

export type NewConversationLink = Omit<ConversationLink, 'state' | 'closedAt'>;

export interface LinkStore {
  findActive(messengerId: string, chatId: string): Promise<ConversationLink | undefined>;
  /** The link (active or closed) of an Unblu conversation. */
  findByConversation(conversationId: string): Promise<ConversationLink | undefined>;
  /**
   * Stores a new active link and resolves with the link active afterwards: when (messenger, chat)
   * already has one, that one wins and is returned unchanged. Opening a conversation id that is
   * already linked (even closed) returns that link.
   */
  open(link: NewConversationLink): Promise<ConversationLink>;
  /** Closes the conversation's link; false when it was unknown or already closed. */
  close(conversationId: string, at: number): Promise<boolean>;
}

export type MessageDirection = 'inbound' | 'outbound';

/**
 * One message as Parley knows it on both sides. `parleyId` is Parley's own stable id (the
 * `externalMessageId` Unblu gets for agent messages, the job id for customer messages).
 */
export interface MessageMapping {
  parleyId: string;
  direction: MessageDirection;
  messengerId: string;
  chatId: string;
  conversationId?: string;
  /** The messenger's id of the message. Unique per messenger. */
  externalMessageId?: string;
  /** Unblu's id of the message. Unique. */
  unbluMessageId?: string;
  createdAt: number;
}

export interface MessageMapStore {
  /**
   * Inserts the mapping, or completes the one with the same `parleyId`: ids already set are never
   * overwritten, missing ones are filled in.
   */
  record(mapping: MessageMapping): Promise<void>;
  byParleyId(parleyId: string): Promise<MessageMapping | undefined>;
  byExternalId(messengerId: string, externalMessageId: string): Promise<MessageMapping | undefined>;
  byUnbluId(unbluMessageId: string): Promise<MessageMapping | undefined>;
}

/** A unit of work, run in order with the other jobs of its `orderKey` (one chat or conversation). */
export interface Job {
  id: string;
  kind: string;
  /** Jobs with the same key run one at a time, in the order they were enqueued. */
  orderKey: string;
  /** JSON-serialisable data the job's handler needs. */
  payload: unknown;
  /** Attempts started so far (a claim counts as one, so a crash mid-run is counted too). */
  attempts: number;
  /** Not before this time (ms since epoch). */
  runAt: number;
  createdAt: number;
  lastError?: string;
  /** Set for dead letters: when the job gave up. */
  failedAt?: number;
}

export interface NewJob {
  /** Chosen by the caller (it becomes Parley's message id where the job carries a message). */
  id: string;
  kind: string;
  orderKey: string;
  payload: unknown;
  /**
   * Idempotency key: when a job was enqueued with the same key before (even one long finished),
   * nothing is stored and the first job's id is returned. Keys are kept for the retention period.
   */
  dedupeKey?: string;
  /** Not before this time; defaults to `now`. */
  runAt?: number;
}

export interface EnqueueResult {
  /** False when `dedupeKey` was seen before: nothing was stored. */
  enqueued: boolean;
  /** The new job's id, or the first job's id for a duplicate. */
  jobId: string;
}

/** A claim an owner holds on the head job of one order key. */
export interface ClaimedJob extends Job {
  /** The claim is void after this time unless renewed (another instance may then run the job). */
  leaseUntil: number;
}

/**
 * The durable job queue. Jobs of one order key run strictly one after another in enqueue order:
 * only the oldest unfinished job of a key can be claimed, and only while no live claim holds the
 * key. Different keys are independent. All changes to a claimed job are refused (resolve `false`)
 * when `owner` no longer holds its claim, so an instance that lost its lease cannot undo the work
 * of the instance that took over.
 */
export interface JobStore {
  /** Commits the job unless its `dedupeKey` was seen before. */
  enqueue(job: NewJob, now: number): Promise<EnqueueResult>;
  /**
   * Claims up to `limit` due head jobs for `owner` until `now + leaseMs`, at most one per order
   * key, counting an attempt on each. Several instances may call this concurrently on one database:
   * no job is handed to two live claims (row locks are skipped, not waited for).
   */
  claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]>;
  /** Extends the owner's claims on these jobs; resolves with the ids still held. */
  renew(jobIds: readonly string[], owner: string, leaseMs: number, now: number): Promise<string[]>;
  /** The job is done: removes it and frees its order key. */
  complete(jobId: string, owner: string): Promise<boolean>;
  /** Gives the claim back: the job runs again at `runAt`, its order key stays blocked until then. */
  retry(jobId: string, owner: string, runAt: number, error: string): Promise<boolean>;
  /** Moves the job to the dead letters and frees its order key, so later jobs of the key run. */
  deadLetter(jobId: string, owner: string, error: string, now: number): Promise<boolean>;
  /** Dead letters, oldest failure first. */
  listDeadLetters(limit: number): Promise<Job[]>;
  /**
   * Puts a dead letter back to run now with a fresh attempt count, ahead of the later jobs of its
   * order key; false when no such dead letter exists.
   */
  redrive(jobId: string, now: number): Promise<boolean>;
  /** Jobs waiting or running (dead letters not counted), for metrics and back-pressure. */
  depth(): Promise<number>;
  /** Number of dead letters. */
  deadLetterCount(): Promise<number>;
  /** Forgets dedupe keys recorded before `before`; resolves with how many were removed. */
  pruneDedupeKeys(before: number): Promise<number>;
}

/**
 * Named leases for single-consumer work (one long poller per bot token, one IMAP mailbox) and
 * anything else only one instance may do at a time.
 */
export interface LeaseStore {
  /** Takes or renews the lease for `owner`; false while another owner holds an unexpired one. */
  acquire(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
}
