import type { ParleyStore } from '@parley/core';
import { LEASE_MS, NOW, newJob, newLink, settle, type StoreFixture } from './fixture.js';

const KEYS = 20;
const JOBS_PER_KEY = 10;
const CLAIMERS = 4;

export function describeConcurrencyContract(fixture: StoreFixture): void {
  describe('concurrency', () => {
    it('20 concurrent opens for one chat all resolve with the same link', async () => {
      const opened = await Promise.all(
        Array.from({ length: 20 }, (_, i) => fixture.store.links.open(newLink({ conversationId: `conv-${i}` }))),
      );
      const winner = opened[0]?.conversationId;
      expect(new Set(opened.map((link) => link.conversationId))).toEqual(new Set([winner]));
      expect((await fixture.store.links.findActive('telegram', 'chat-1'))?.conversationId).toBe(winner);
      const losers = Array.from({ length: 20 }, (_, i) => `conv-${i}`).filter((id) => id !== winner);
      for (const id of losers) expect(await fixture.store.links.findByConversation(id)).toBeUndefined();
    });

    it('concurrent enqueues with one dedupe key store exactly one job', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => fixture.store.jobs.enqueue(newJob(`j${i}`, { dedupeKey: 'same' }), NOW)),
      );
      expect(results.filter((result) => result.enqueued)).toHaveLength(1);
      const first = results.find((result) => result.enqueued)?.jobId;
      expect(new Set(results.map((result) => result.jobId))).toEqual(new Set([first]));
      expect(await fixture.store.jobs.depth()).toBe(1);
    });

    it('a failing call among concurrent writes fails alone', async () => {
      await fixture.store.jobs.enqueue(newJob('taken', { orderKey: 'key-x' }), NOW);
      const writes = Array.from({ length: 30 }, (_, i) =>
        fixture.store.jobs.enqueue(newJob(i === 15 ? 'taken' : `j${i}`, { orderKey: `key-${i % 3}` }), NOW),
      );
      const kv = fixture.store.keyValue('ns').set('k', { ok: true });
      const settled = await Promise.allSettled([...writes, kv]);
      expect(settled.filter((result) => result.status === 'rejected')).toHaveLength(1);
      expect(settled[15]?.status).toBe('rejected');
      expect(await fixture.store.jobs.depth()).toBe(30);
      expect(await fixture.store.keyValue('ns').get('k')).toEqual({ ok: true });
    });

    it(`${CLAIMERS} concurrent claimers never share a job and keep every key's order`, async () => {
      await enqueueInterleaved(fixture.store);
      const order = new Map<string, string[]>();
      const claimed: string[] = [];
      await Promise.all(
        Array.from({ length: CLAIMERS }, (_, i) => runClaimer(fixture.store, `owner-${i}`, order, claimed)),
      );
      expect(claimed).toHaveLength(KEYS * JOBS_PER_KEY);
      expect(new Set(claimed).size).toBe(KEYS * JOBS_PER_KEY);
      for (let k = 0; k < KEYS; k++) {
        expect(order.get(`key-${k}`)).toEqual(Array.from({ length: JOBS_PER_KEY }, (_, i) => `k${k}-j${i}`));
      }
      expect(await fixture.store.jobs.depth()).toBe(0);
    });
  });
}

/** Each key's jobs in sequence, the keys in parallel (as many chats writing at once). */
async function enqueueInterleaved(store: ParleyStore): Promise<void> {
  await Promise.all(
    Array.from({ length: KEYS }, async (_, k) => {
      for (let i = 0; i < JOBS_PER_KEY; i++) {
        await store.jobs.enqueue(newJob(`k${k}-j${i}`, { orderKey: `key-${k}` }), NOW);
      }
    }),
  );
}

async function runClaimer(store: ParleyStore, owner: string, order: Map<string, string[]>, claimed: string[]) {
  const total = KEYS * JOBS_PER_KEY;
  const deadline = Date.now() + 60_000;
  while (claimed.length < total && Date.now() < deadline) {
    const jobs = await store.jobs.claim(owner, 8, LEASE_MS, NOW);
    if (jobs.length === 0) {
      await settle();
      continue;
    }
    for (const job of jobs) {
      claimed.push(job.id);
      order.set(job.orderKey, [...(order.get(job.orderKey) ?? []), job.id]);
    }
    const done = await Promise.all(jobs.map((job) => store.jobs.complete(job.id, owner)));
    expect(done.every(Boolean)).toBe(true);
  }
}
