import type { ClaimedJob, EnqueueResult, Job, JobStore, NewJob } from '@parley/core';
import type { MemoryJobRecord, MemoryStoreData, OpenGuard } from './memory-store-data.js';

/**
 * The job queue of {@link MemoryStore}, with the semantics of the SQL store: per-key order by
 * enqueue sequence, one claim per key, leases that void a stale owner's changes.
 */
export class MemoryJobStore implements JobStore {
  constructor(
    private readonly data: MemoryStoreData,
    private readonly guard: OpenGuard,
  ) {}

  async enqueue(job: NewJob, now: number): Promise<EnqueueResult> {
    this.guard.check();
    const seen = job.dedupeKey === undefined ? undefined : this.data.dedupe.get(job.dedupeKey);
    if (seen) return { enqueued: false, jobId: seen.jobId };
    if (this.data.jobs.has(job.id)) throw new Error(`A job with id ${job.id} already exists`);
    const record: MemoryJobRecord = {
      seq: this.data.nextSeq++,
      id: job.id,
      kind: job.kind,
      orderKey: job.orderKey,
      payload: JSON.stringify(job.payload ?? null),
      attempts: 0,
      runAt: job.runAt ?? now,
      createdAt: now,
      state: 'pending',
    };
    this.data.jobs.set(record.id, record);
    this.queueOf(record.orderKey).push(record);
    if (job.dedupeKey !== undefined) this.data.dedupe.set(job.dedupeKey, { jobId: job.id, createdAt: now });
    return { enqueued: true, jobId: job.id };
  }

  async claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedJob[]> {
    this.guard.check();
    const candidates: { job: MemoryJobRecord; readyAt: number }[] = [];
    for (const [orderKey, queue] of this.data.queues) {
      const heldId = this.data.held.get(orderKey);
      const job = heldId === undefined ? queue[0] : this.data.jobs.get(heldId);
      if (!job || job.runAt > now) continue;
      const readyAt = job.leaseUntil ?? job.runAt;
      if (readyAt <= now) candidates.push({ job, readyAt });
    }
    candidates.sort((a, b) => a.readyAt - b.readyAt || a.job.seq - b.job.seq);
    return candidates.slice(0, Math.max(0, limit)).map(({ job }) => {
      job.attempts += 1;
      job.leaseOwner = owner;
      job.leaseUntil = now + leaseMs;
      this.data.held.set(job.orderKey, job.id);
      return { ...toJob(job), leaseUntil: job.leaseUntil };
    });
  }

  async renew(jobIds: readonly string[], owner: string, leaseMs: number, now: number): Promise<string[]> {
    this.guard.check();
    const held = jobIds.map((id) => this.heldBy(id, owner)).filter((job) => job !== undefined);
    for (const job of held) job.leaseUntil = now + leaseMs;
    return held.map((job) => job.id);
  }

  async complete(jobId: string, owner: string): Promise<boolean> {
    this.guard.check();
    const job = this.heldBy(jobId, owner);
    if (!job) return false;
    this.unqueue(job);
    this.data.jobs.delete(job.id);
    return true;
  }

  async retry(jobId: string, owner: string, runAt: number, error: string): Promise<boolean> {
    this.guard.check();
    const job = this.heldBy(jobId, owner);
    if (!job) return false;
    this.unclaim(job);
    job.runAt = runAt;
    job.lastError = error;
    return true;
  }

  async deadLetter(jobId: string, owner: string, error: string, now: number): Promise<boolean> {
    this.guard.check();
    const job = this.heldBy(jobId, owner);
    if (!job) return false;
    this.unqueue(job);
    job.state = 'dead';
    job.lastError = error;
    job.failedAt = now;
    return true;
  }

  async listDeadLetters(limit: number): Promise<Job[]> {
    this.guard.check();
    return [...this.data.jobs.values()]
      .filter((job) => job.state === 'dead')
      .sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0) || a.seq - b.seq)
      .slice(0, Math.max(0, limit))
      .map(toJob);
  }

  async redrive(jobId: string, now: number): Promise<boolean> {
    this.guard.check();
    const job = this.data.jobs.get(jobId);
    if (job?.state !== 'dead') return false;
    job.state = 'pending';
    job.attempts = 0;
    job.runAt = now;
    delete job.failedAt;
    // Its original sequence puts it ahead of every job enqueued after it.
    const queue = this.queueOf(job.orderKey);
    const at = queue.findIndex((other) => other.seq > job.seq);
    queue.splice(at === -1 ? queue.length : at, 0, job);
    return true;
  }

  async depth(): Promise<number> {
    this.guard.check();
    let count = 0;
    for (const queue of this.data.queues.values()) count += queue.length;
    return count;
  }

  async deadLetterCount(): Promise<number> {
    this.guard.check();
    return [...this.data.jobs.values()].filter((job) => job.state === 'dead').length;
  }

  async pruneDedupeKeys(before: number): Promise<number> {
    this.guard.check();
    let removed = 0;
    for (const [key, entry] of this.data.dedupe) {
      if (entry.createdAt < before && this.data.dedupe.delete(key)) removed += 1;
    }
    return removed;
  }

  /** The job when `owner` holds the current claim of its key, whether or not the lease ran out. */
  private heldBy(jobId: string, owner: string): MemoryJobRecord | undefined {
    const job = this.data.jobs.get(jobId);
    if (job?.state !== 'pending' || job.leaseOwner !== owner) return undefined;
    return this.data.held.get(job.orderKey) === job.id ? job : undefined;
  }

  private queueOf(orderKey: string): MemoryJobRecord[] {
    let queue = this.data.queues.get(orderKey);
    if (!queue) {
      queue = [];
      this.data.queues.set(orderKey, queue);
    }
    return queue;
  }

  private unclaim(job: MemoryJobRecord): void {
    delete job.leaseOwner;
    delete job.leaseUntil;
    if (this.data.held.get(job.orderKey) === job.id) this.data.held.delete(job.orderKey);
  }

  private unqueue(job: MemoryJobRecord): void {
    this.unclaim(job);
    const queue = this.queueOf(job.orderKey);
    queue.splice(queue.indexOf(job), 1);
    if (queue.length === 0) this.data.queues.delete(job.orderKey);
  }
}

function toJob(record: MemoryJobRecord): Job {
  const job: Job = {
    id: record.id,
    kind: record.kind,
    orderKey: record.orderKey,
    payload: JSON.parse(record.payload),
    attempts: record.attempts,
    runAt: record.runAt,
    createdAt: record.createdAt,
  };
  if (record.lastError !== undefined) job.lastError = record.lastError;
  if (record.failedAt !== undefined) job.failedAt = record.failedAt;
  return job;
}
