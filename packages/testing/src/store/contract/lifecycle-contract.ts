import { LEASE_MS, NOW, claimOne, newJob, newLink, type StoreFixture } from './fixture.js';

export function describeLifecycleContract(fixture: StoreFixture): void {
  describe('lifecycle', () => {
    it('answers ping while open', async () => {
      await expect(fixture.store.ping()).resolves.toBeUndefined();
    });

    it('close waits for writes already started, is idempotent, and later calls reject', async () => {
      const store = fixture.store;
      const writes = Array.from({ length: 20 }, (_, i) => store.jobs.enqueue(newJob(`j${i}`), NOW));
      const closing = store.close();
      await expect(Promise.all(writes)).resolves.toHaveLength(20);
      await closing;
      await store.close();
      await expect(store.jobs.depth()).rejects.toThrow();
      await expect(store.keyValue('ns').set('k', 1)).rejects.toThrow();
    });
  });

  if (!fixture.reopen) return;
  const reopen = fixture.reopen;

  describe('reopen', () => {
    it('keeps links, mappings, jobs, claims, dead letters, dedupe keys, leases and state', async () => {
      const before = fixture.store;
      await before.links.open(newLink());
      await before.messages.record({
        parleyId: 'p-1',
        direction: 'inbound',
        messengerId: 'telegram',
        chatId: 'chat-1',
        externalMessageId: 'ext-1',
        createdAt: NOW,
      });
      await before.keyValue('telegram').set('offset', { value: 41 });
      await before.leases.acquire('poller', 'a', 60_000, NOW);
      for (const id of ['a1', 'a2']) await before.jobs.enqueue(newJob(id, { dedupeKey: `d-${id}` }), NOW);
      expect((await claimOne(before, 'owner-a')).id).toBe('a1');
      await before.jobs.enqueue(newJob('b1', { orderKey: 'key-b' }), NOW);
      expect((await claimOne(before, 'owner-a')).id).toBe('b1');
      await before.jobs.deadLetter('b1', 'owner-a', 'boom', NOW);

      const after = await reopen();
      expect(await after.links.findActive('telegram', 'chat-1')).toMatchObject({ conversationId: 'conv-1' });
      expect((await after.messages.byExternalId('telegram', 'ext-1'))?.parleyId).toBe('p-1');
      expect(await after.keyValue('telegram').get('offset')).toEqual({ value: 41 });
      expect(await after.leases.acquire('poller', 'b', 1000, NOW + 1)).toBe(false);
      expect(await after.jobs.depth()).toBe(2);
      expect(await after.jobs.deadLetterCount()).toBe(1);
      expect((await after.jobs.enqueue(newJob('x', { dedupeKey: 'd-a2' }), NOW)).enqueued).toBe(false);
      // The claim made before the restart still holds its key.
      expect(await after.jobs.claim('owner-b', 10, LEASE_MS, NOW + 1)).toEqual([]);
    });
  });
}
