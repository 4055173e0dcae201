import type { Generated } from 'kysely';

/*
 * The tables as kysely sees them. Times are milliseconds since the epoch (bigint columns, read
 * back as numbers); JSON values are stored as text so both dialects treat them alike.
 */

export interface LinksTable {
  conversation_id: string;
  messenger_id: string;
  chat_id: string;
  channel_id: string;
  /** JSON of the `UnbluVisitor`. */
  visitor: string;
  state: 'active' | 'closed';
  created_at: number;
  closed_at: number | null;
}

export interface MessagesTable {
  parley_id: string;
  direction: 'inbound' | 'outbound';
  messenger_id: string;
  chat_id: string;
  conversation_id: string | null;
  external_message_id: string | null;
  unblu_message_id: string | null;
  created_at: number;
}

export interface JobsTable {
  /** Global enqueue sequence; within one order key it is also the commit order (see enqueue). */
  seq: Generated<number>;
  id: string;
  kind: string;
  order_key: string;
  state: 'pending' | 'dead';
  payload: string;
  attempts: number;
  run_at: number;
  created_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  failed_at: number | null;
}

/**
 * One row per order key with pending jobs: the unit claims lock. `ready_at` is when the key can
 * next be claimed (its head's `run_at`, or the lease end of its held job), null when idle.
 */
export interface JobKeysTable {
  order_key: string;
  ready_at: number | null;
  /** `seq` of the job currently claimed in this key (its claim may have run out). */
  held_seq: number | null;
}

export interface DedupeTable {
  dedupe_key: string;
  job_id: string;
  created_at: number;
}

export interface KeyValuesTable {
  namespace: string;
  key: string;
  /** JSON text. */
  value: string;
}

export interface LeasesTable {
  name: string;
  owner: string;
  expires_at: number;
}

export interface StoreDatabase {
  parley_links: LinksTable;
  parley_messages: MessagesTable;
  parley_jobs: JobsTable;
  parley_job_keys: JobKeysTable;
  parley_job_dedupe: DedupeTable;
  parley_key_values: KeyValuesTable;
  parley_leases: LeasesTable;
}

export type StoreDialect = 'sqlite' | 'postgres';
