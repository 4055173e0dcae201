import { LEASE_MS, NOW, claimIds, claimOne, enqueueAll, newJob, type StoreFixture } from './fixture.js';

/** Dead letters, redrive, counters, dedupe pruning and payload fidelity. */
export function describeDeadLetterContract(fixture: StoreFixture): void {
  describe('jobs: dead letters', () => {
    it('dead-lettering frees the key for the next job and keeps the failure', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2')]);
      await claimOne(fixture.store, 'owner-a');
      expect(await fixture.store.jobs.deadLetter('a1', 'owner-a', 'gave up', NOW + 7)).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual(['a2']);
      expect(await fixture.store.jobs.depth()).toBe(1);
      expect(await fixture.store.jobs.deadLetterCount()).toBe(1);
      expect(await fixture.store.jobs.listDeadLetters(10)).toEqual([
        {
          id: 'a1',
          kind: 'test.kind',
          orderKey: 'key-a',
          payload: { id: 'a1' },
          attempts: 1,
          runAt: NOW,
          createdAt: NOW,
          lastError: 'gave up',
          failedAt: NOW + 7,
        },
      ]);
    });

    it('lists dead letters oldest failure first, up to the limit', async () => {
      await enqueueAll(fixture.store, ['x', 'y', 'z'].map((id) => newJob(id, { orderKey: `key-${id}` })));
      await claimIds(fixture.store, 'owner-a');
      await fixture.store.jobs.deadLetter('x', 'owner-a', 'e', NOW + 300);
      await fixture.store.jobs.deadLetter('y', 'owner-a', 'e', NOW + 100);
      await fixture.store.jobs.deadLetter('z', 'owner-a', 'e', NOW + 200);
      expect((await fixture.store.jobs.listDeadLetters(10)).map((job) => job.id)).toEqual(['y', 'z', 'x']);
      expect((await fixture.store.jobs.listDeadLetters(2)).map((job) => job.id)).toEqual(['y', 'z']);
      expect(await fixture.store.jobs.deadLetterCount()).toBe(3);
      expect(await fixture.store.jobs.depth()).toBe(0);
    });

    it('redrive runs the job now with a fresh attempt count, ahead of the later jobs of its key', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2'), newJob('a3')]);
      await claimOne(fixture.store, 'owner-a');
      await fixture.store.jobs.retry('a1', 'owner-a', NOW, 'first');
      await claimOne(fixture.store, 'owner-a');
      await fixture.store.jobs.deadLetter('a1', 'owner-a', 'gave up', NOW + 10);
      expect(await fixture.store.jobs.redrive('a1', NOW + 20)).toBe(true);
      expect(await fixture.store.jobs.deadLetterCount()).toBe(0);
      expect(await fixture.store.jobs.depth()).toBe(3);
      const again = await claimOne(fixture.store, 'owner-b', NOW + 20);
      expect(again).toMatchObject({ id: 'a1', attempts: 1, runAt: NOW + 20 });
      expect(again.failedAt).toBeUndefined();
      expect(await fixture.store.jobs.complete('a1', 'owner-b')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b', NOW + 20)).toEqual(['a2']);
    });

    it('redrive waits for a later job of the key that is already running', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('a2'), newJob('a3')]);
      await claimOne(fixture.store, 'owner-a');
      await fixture.store.jobs.deadLetter('a1', 'owner-a', 'gave up', NOW);
      await claimOne(fixture.store, 'owner-a');
      expect(await fixture.store.jobs.redrive('a1', NOW)).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual([]);
      expect(await fixture.store.jobs.complete('a2', 'owner-a')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual(['a1']);
      expect(await fixture.store.jobs.complete('a1', 'owner-b')).toBe(true);
      expect(await claimIds(fixture.store, 'owner-b')).toEqual(['a3']);
    });

    it('redrive answers false for unknown, pending or already redriven jobs', async () => {
      await enqueueAll(fixture.store, [newJob('a1'), newJob('b1', { orderKey: 'key-b' })]);
      expect(await fixture.store.jobs.redrive('missing', NOW)).toBe(false);
      expect(await fixture.store.jobs.redrive('b1', NOW)).toBe(false);
      await claimIds(fixture.store, 'owner-a');
      await fixture.store.jobs.deadLetter('a1', 'owner-a', 'x', NOW);
      expect(await fixture.store.jobs.redrive('a1', NOW)).toBe(true);
      expect(await fixture.store.jobs.redrive('a1', NOW)).toBe(false);
    });

    it('a redriven job on an idle key runs again and can die again', async () => {
      await enqueueAll(fixture.store, [newJob('a1')]);
      await claimOne(fixture.store, 'owner-a');
      await fixture.store.jobs.deadLetter('a1', 'owner-a', 'x', NOW);
      await fixture.store.jobs.redrive('a1', NOW + 1);
      await claimOne(fixture.store, 'owner-a', NOW + 1);
      expect(await fixture.store.jobs.deadLetter('a1', 'owner-a', 'y', NOW + 2)).toBe(true);
      expect(await fixture.store.jobs.listDeadLetters(5)).toMatchObject([{ id: 'a1', lastError: 'y', failedAt: NOW + 2 }]);
    });
  });

  describe('jobs: dedupe retention and payloads', () => {
    it('forgets dedupe keys recorded before the cut-off, and only those', async () => {
      await fixture.store.jobs.enqueue(newJob('j1', { dedupeKey: 'old', orderKey: 'k1' }), NOW);
      await fixture.store.jobs.enqueue(newJob('j2', { dedupeKey: 'new', orderKey: 'k2' }), NOW + 200);
      expect(await fixture.store.jobs.pruneDedupeKeys(NOW + 100)).toBe(1);
      expect(await fixture.store.jobs.pruneDedupeKeys(NOW + 100)).toBe(0);
      expect((await fixture.store.jobs.enqueue(newJob('j3', { dedupeKey: 'old' }), NOW + 300)).enqueued).toBe(true);
      expect(await fixture.store.jobs.enqueue(newJob('j4', { dedupeKey: 'new' }), NOW + 300)).toEqual({
        enqueued: false,
        jobId: 'j2',
      });
    });

    it('round-trips JSON payloads: nested objects, unicode, numbers and a 1 MB string', async () => {
      const payload = {
        text: 'Grüezi 👋 — 你好 — مرحبا — \u0000 nul and "quotes" \\ backslash',
        nested: { list: [1, -2.5, 1e21, true, false, null, { deep: ['x'] }], empty: {} },
        big: 'ä'.repeat(512 * 1024) + 'x'.repeat(1024),
      };
      await fixture.store.jobs.enqueue(newJob('j1', { payload }), NOW);
      await fixture.store.jobs.enqueue(newJob('j2', { payload: 'just a string', orderKey: 'k2' }), NOW);
      await fixture.store.jobs.enqueue(newJob('j3', { payload: null, orderKey: 'k3' }), NOW);
      const claimed = await fixture.store.jobs.claim('owner-a', 10, LEASE_MS, NOW);
      const byId = new Map(claimed.map((job) => [job.id, job.payload]));
      expect(byId.get('j1')).toEqual(payload);
      expect(byId.get('j2')).toBe('just a string');
      expect(byId.get('j3')).toBeNull();
    });
  });
}
