import type { ParleyStore } from '@parley/core';

export interface QueueRun {
  /** Job ids per order key, in the order their claims came. */
  order: Map<string, string[]>;
  /** Every successful claim, for "claimed exactly once". */
  claims: string[];
  /** Every complete that returned true. */
  completed: string[];
}

/**
 * Runs producers and workers at once, as several instances would: each key's jobs are enqueued
 * one after another (alternating between the producer stores), while every worker store claims
 * in batches and completes what it got.
 */
export async function runQueue(options: {
  producers: ParleyStore[];
  workers: ParleyStore[];
  keys: number;
  jobsPerKey: number;
  now: number;
}): Promise<QueueRun> {
  const total = options.keys * options.jobsPerKey;
  const run: QueueRun = { order: new Map(), claims: [], completed: [] };
  const producing = Array.from({ length: options.keys }, async (_, k) => {
    for (let i = 0; i < options.jobsPerKey; i++) {
      const store = options.producers[(k + i) % options.producers.length] as ParleyStore;
      await store.jobs.enqueue({ id: jobId(k, i), kind: 'test', orderKey: `key-${k}`, payload: { k, i } }, options.now);
    }
  });
  const working = options.workers.map((store, w) => work(store, `worker-${w}`, run, total, options.now));
  await Promise.all([...producing, ...working]);
  return run;
}

export function jobId(key: number, index: number): string {
  return `k${key}-j${index}`;
}

async function work(store: ParleyStore, owner: string, run: QueueRun, total: number, now: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (run.completed.length < total && Date.now() < deadline) {
    const claimed = await store.jobs.claim(owner, 16, 60_000, now);
    if (claimed.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    for (const job of claimed) {
      run.claims.push(job.id);
      run.order.set(job.orderKey, [...(run.order.get(job.orderKey) ?? []), job.id]);
    }
    const done = await Promise.all(claimed.map((job) => store.jobs.complete(job.id, owner)));
    claimed.forEach((job, index) => done[index] && run.completed.push(job.id));
  }
}
