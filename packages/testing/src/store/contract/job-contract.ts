import { LEASE_MS, NOW, claimIds, claimOne, enqueueAll, newJob, type StoreFixture } from './fixture.js';

export function describeJobContract(fixture: StoreFixture): void {
  describe('jobs: enqueue and claim', () => {
    it('enqueues a job and claims it with an attempt counted and a lease', async () => {
      expect(await fixture.store.jobs.enqueue(newJob('j1', { dedupeKey: 'd1' }), NOW)).toEqual({
        enqueued: true,
        jobId: 'j1',
      });
      expect(await fixture.store.jobs.depth()).toBe(1);
      const claimed = await fixture.store.jobs.claim('owner-a', 10, LEASE_MS, NOW + 5);
      expect(claimed).toEqual([
        {
          id: 'j1',
          kind: 'test.kind',
          orderKey: 'key-a',
          payload: { id: 'j1' },
          attempts: 1,
          runAt: NOW,
          createdAt: NOW,
          leaseUntil: NOW + 5 + LEASE_MS,
        },
      ]);
      expect(await fixture.store.jobs.depth()).toBe(1);
    });

    it('dedupes by key: a duplicate stores nothing and names the first job, even after it finished', async () => {
      await fixture.store.jobs.enqueue(newJob('j1', { dedupeKey: 'd1' }), NOW);
      expect(await fixture.store.jobs.enqueue(newJob('j2', { dedupeKey: 'd1' }), NOW)).toEqual({
        enqueued: false,
        jobId: 'j1',
      });
      expect(await fixture.store.jobs.depth()).toBe(1);
      expect(await fixture.store.jobs.complete((await claimOne(fixture.store, 'owner-a')).id, 'owner-a')).toBe(true);
      expect(await fixture.store.jobs.depth()).toBe(0);
      expect(await fixture.store.jobs.enqueue(newJob('j3', { dedupeKey: 'd1' }), NOW + 1)).toEqual({
        enqueued: false,
        jobId: 'j1',
      });
      expect(await fixture.store.jobs.enqueue(newJob('j1', { dedupeKey: 'd1' }), NOW + 2)).toEqual({
        enqueued: false,
        jobId: 'j1',
      });
      expect(await fixture.store.jobs.depth()).toBe(0);
    });

    it('refuses a second job with an id in use, storing nothing', async () => {
      await fixture.store.jobs.enqueue(newJob('j1'), NOW);
      await expect(fixture.store.jobs.enqueue(newJob('j1', { orderKey: 'key-b', dedupeKey: 'd9' }), NOW)).rejects.toThrow();
      expect(await fixture.store.jobs.depth()).toBe(1);
      expect(await fixture.store.jobs.enqueue(newJob('j2', { dedupeKey: 'd9' }), NOW)).toEqual({
        enqueued: true,
        jobId: 'j2',
      });
    });

    it('runs the jobs of one key one at a time, in enqueue order', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2'), newJob('a3')]);
      expect(await claimIds(fixture.store, 'owner-a')).toEqual(['a1']);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual([]);
      expect(await claimIds(fixture.store, 'owner-a')).toEqual([]);
      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual(['a2']);
      expect(await fixture.store.jobs.complete('a2', 'owner-b')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-a')).toEqual(['a3']);
    });

    it('runs different keys in parallel, at most one job per key, up to the limit', async () => {
      await enqueueAll(fixture.store, [
        newJob('a1'),
        newJob('a2'),
        newJob('b1', { orderKey: 'key-b' }),
        newJob('c1', { orderKey: 'key-c' }),
        newJob('b2', { orderKey: 'key-b' }),
      ]);
      expect(await fixture.store.jobs.claim('owner-a', 2, LEASE_MS, NOW)).toHaveLength(2);
      expect(await claimIds(fixture.store, 'owner-b')).toHaveLength(1);
      expect(await claimIds(fixture.store, 'owner-c')).toEqual([]);
      expect(await fixture.store.jobs.claim('owner-a', 0, LEASE_MS, NOW)).toEqual([]);
    });

    it('claims a job only from its runAt on, and holds later jobs of its key back until then', async () => {
      await enqueueAll(fixture.store, [newJob('a1', { runAt: NOW + 1000 }), newJob('a2')]);
      expect(await claimIds(fixture.store, 'owner-a', NOW + 999)).toEqual([]);
      expect(await claimIds(fixture.store, 'owner-a', NOW + 1000)).toEqual(['a1']);
    });

    it('hands out copies of payloads, and stores a copy of what was enqueued', async () => {
      const payload = { nested: { list: [1, 2] } };
      await fixture.store.jobs.enqueue(newJob('j1', { payload }), NOW);
      payload.nested.list.push(3);
      const claimed = await claimOne(fixture.store, 'owner-a');
      expect(claimed.payload).toEqual({ nested: { list: [1, 2] } });
      await fixture.store.jobs.retry('j1', 'owner-a', NOW, 'again');
      expect((await claimOne(fixture.store, 'owner-a')).payload).toEqual({ nested: { list: [1, 2] } });
    });
  });

  describe('jobs: giving a claim back', () => {
    it('retry: counts the attempt, records the error and blocks the key until runAt', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2'), newJob('b1', { orderKey: 'key-b' })]);
      await claimOne(fixture.store, 'owner-a');
      expect(await fixture.store.jobs.retry('a1', 'owner-a', NOW + 5000, 'boom')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b', NOW + 4999)).toEqual(['b1']);
      expect(await claimIds(fixture.store, 'owner-b', NOW + 4999)).toEqual([]);
      const again = await claimOne(fixture.store, 'owner-b', NOW + 5000);
      expect(again).toMatchObject({ id: 'a1', attempts: 2, lastError: 'boom', runAt: NOW + 5000 });
    });

    it('refuses changes from an owner that holds no claim on the job', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2')]);
      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(false);
      await claimOne(fixture.store, 'owner-a');
      expect(await fixture.store.jobs.complete('a1', 'owner-b')).toBe(false);
      expect(await fixture.store.jobs.retry('a1', 'owner-b', NOW, 'x')).toBe(false);
      expect(await fixture.store.jobs.deadLetter('a1', 'owner-b', 'x', NOW)).toBe(false);
      expect(await fixture.store.jobs.complete('a2', 'owner-a')).toBe(false);
      expect(await fixture.store.jobs.complete('missing', 'owner-a')).toBe(false);
      expect(await fixture.store.jobs.deadLetterCount()).toBe(0);
      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(true);
      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(false);
    });
  });

  describe('jobs: leases', () => {
    it('lets another owner take the same job once the lease ran out, voiding the stale owner', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2')]);
      await claimOne(fixture.store, 'owner-a');
      expect(await claimIds(fixture.store, 'owner-b', NOW + LEASE_MS - 1)).toEqual([]);
      const taken = await claimOne(fixture.store, 'owner-b', NOW + LEASE_MS);
      expect(taken).toMatchObject({ id: 'a1', attempts: 2, leaseUntil: NOW + 2 * LEASE_MS });

      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(false);
      expect(await fixture.store.jobs.retry('a1', 'owner-a', NOW, 'stale')).toBe(false);
      expect(await fixture.store.jobs.deadLetter('a1', 'owner-a', 'stale', NOW)).toBe(false);
      expect(await fixture.store.jobs.renew(['a1'], 'owner-a', LEASE_MS, NOW + LEASE_MS)).toEqual([]);

      // The stale calls changed nothing: owner-b still holds a1, a2 still waits.
      expect(await claimIds(fixture.store, 'owner-c', NOW + LEASE_MS + 1)).toEqual([]);
      expect(await fixture.store.jobs.deadLetterCount()).toBe(0);
      expect(await fixture.store.jobs.complete('a1', 'owner-b')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-c', NOW + LEASE_MS + 1)).toEqual(['a2']);
    });

    it('renew extends the lease of the jobs still held and names them', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('b1', { orderKey: 'key-b' })]);
      expect(await claimIds(fixture.store, 'owner-a')).toEqual(['a1', 'b1']);
      const renewed = await fixture.store.jobs.renew(['a1', 'b1', 'missing'], 'owner-a', LEASE_MS, NOW + 1000);
      expect([...renewed].sort()).toEqual(['a1', 'b1']);
      expect(await claimIds(fixture.store, 'owner-b', NOW + LEASE_MS + 500)).toEqual([]);
      expect(await claimIds(fixture.store, 'owner-b', NOW + LEASE_MS + 1000)).toEqual(['a1', 'b1']);
      expect(await fixture.store.jobs.renew(['a1'], 'owner-a', LEASE_MS, NOW + LEASE_MS + 1000)).toEqual([]);
    });

    it('lets the owner still finish a job whose lease ran out when nobody took it over', async () => {
      await enqueueAll(fixture.store, [newJob('a1')]);
      await claimOne(fixture.store, 'owner-a');
      expect(await fixture.store.jobs.renew(['a1'], 'owner-a', LEASE_MS, NOW + 2 * LEASE_MS)).toEqual(['a1']);
      expect(await fixture.store.jobs.complete('a1', 'owner-a')).toBe(true);
    });
  });
}
