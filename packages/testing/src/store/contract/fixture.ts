import type { ClaimedJob, NewConversationLink, NewJob, ParleyStore } from '@parley/core';

/** What each part of the contract suite gets: the store of the running test. */
export interface StoreFixture {
  /** The store opened for the running test (a fresh, empty one per test). */
  readonly store: ParleyStore;
  /** Closes the store and opens the same data again; undefined when the factory cannot. */
  readonly reopen?: () => Promise<ParleyStore>;
}

/** A fixed "now" keeps the suite independent of the wall clock. */
export const NOW = 1_700_000_000_000;
export const LEASE_MS = 30_000;

export function newLink(overrides: Partial<NewConversationLink> = {}): NewConversationLink {
  return {
    messengerId: 'telegram',
    chatId: 'chat-1',
    channelId: 'channel-1',
    conversationId: 'conv-1',
    visitor: { personId: 'person-1', contactId: 'contact-1' },
    createdAt: NOW,
    ...overrides,
  };
}

export function newJob(id: string, overrides: Partial<NewJob> = {}): NewJob {
  return { id, kind: 'test.kind', orderKey: 'key-a', payload: { id }, ...overrides };
}

/** Enqueues jobs one after another, so their order is defined. */
export async function enqueueAll(store: ParleyStore, jobs: readonly NewJob[], now = NOW): Promise<void> {
  for (const job of jobs) await store.jobs.enqueue(job, now);
}

export function ids(jobs: readonly { id: string }[]): string[] {
  return jobs.map((job) => job.id).sort();
}

/** Claims once for `owner` and returns the claimed ids, sorted. */
export async function claimIds(store: ParleyStore, owner: string, now = NOW, limit = 10): Promise<string[]> {
  return ids(await store.jobs.claim(owner, limit, LEASE_MS, now));
}

/** Claims exactly one job (failing the test otherwise). */
export async function claimOne(store: ParleyStore, owner: string, now = NOW): Promise<ClaimedJob> {
  const claimed = await store.jobs.claim(owner, 1, LEASE_MS, now);
  if (claimed.length !== 1) throw new Error(`expected one claimed job, got ${claimed.length}`);
  return claimed[0] as ClaimedJob;
}

export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
