import { DEFAULT_RETRY_POLICY, JobQueue, TransientError, silentLogger, type JobHandler } from '@parley/core';
import { FakeClock, MemoryStore } from '@parley/testing';

/*
 * The queue's retry timing on a fake clock: backoff never sooner than the remote asked, and a
 * failing chat does not hold up the others.
 */

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('JobQueue retry timing', () => {
  let clock: FakeClock;
  let store: MemoryStore;
  let queue: JobQueue;
  const runs: { id: string; at: number }[] = [];

  function start(handler: JobHandler): void {
    queue = new JobQueue(store.jobs, new Map([['work', handler]]), clock, silentLogger, {
      owner: 'test',
      concurrency: 4,
      leaseMs: 10 * 60_000,
      pollIntervalMs: 1_000,
      drainTimeoutMs: 1_000,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, jitter: 0, maxAttempts: 5 },
    });
    queue.start();
  }

  beforeEach(() => {
    clock = new FakeClock();
    store = new MemoryStore();
    runs.length = 0;
  });

  afterEach(async () => {
    const stopping = queue.stop();
    await clock.advance(5_000);
    await stopping;
  });

  it('waits at least the retryAfterMs the remote named, while other chats go on', async () => {
    start({
      run: async (job) => {
        runs.push({ id: job.id, at: clock.now() });
        if (job.id === 'limited' && job.attempts === 1) throw new TransientError('429 Too Many Requests', 'test.429', { retryAfterMs: 60_000 });
      },
    });
    const t0 = clock.now();
    await store.jobs.enqueue({ id: 'limited', kind: 'work', orderKey: 'chat-a', payload: {} }, t0);
    await store.jobs.enqueue({ id: 'after-limited', kind: 'work', orderKey: 'chat-a', payload: {} }, t0);
    await store.jobs.enqueue({ id: 'other-chat', kind: 'work', orderKey: 'chat-b', payload: {} }, t0);
    queue.notify();
    await settle();
    expect(runs.map((r) => r.id).sort()).toEqual(['limited', 'other-chat']);

    await clock.advance(59_000);
    await settle();
    // The backoff alone (100 ms) would have retried long ago; the remote's 60 s wins, and the
    // chat's next job waits behind it.
    expect(runs.map((r) => r.id)).not.toContain('after-limited');
    expect(runs.filter((r) => r.id === 'limited')).toHaveLength(1);

    await clock.advance(2_000);
    await settle();
    const limited = runs.filter((r) => r.id === 'limited');
    expect(limited).toHaveLength(2);
    expect((limited[1]?.at ?? 0) - t0).toBeGreaterThanOrEqual(60_000);
    await clock.advance(1_000);
    await settle();
    expect(runs.slice(2).map((r) => r.id)).toEqual(['limited', 'after-limited']);
  });

  it('backs off exponentially and gives up into the dead letters after maxAttempts', async () => {
    start({
      run: async (job) => {
        runs.push({ id: job.id, at: clock.now() });
        throw new TransientError('down', 'test.down');
      },
    });
    const t0 = clock.now();
    await store.jobs.enqueue({ id: 'doomed', kind: 'work', orderKey: 'chat-a', payload: {} }, t0);
    queue.notify();
    for (let i = 0; i < 10; i += 1) {
      await settle();
      await clock.advance(1_000);
    }
    await settle();
    expect(runs).toHaveLength(5);
    const gaps = runs.slice(1).map((run, i) => run.at - (runs[i]?.at ?? 0));
    // 100, 200, 400, 800 ms by policy, seen through a 1 s poll: never shorter, always growing.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i));
    const [dead] = await store.jobs.listDeadLetters(10);
    expect(dead).toMatchObject({ id: 'doomed', attempts: 5 });
    expect(dead?.lastError).toContain('down');
  });
});
