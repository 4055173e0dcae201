import { ParleyEngine, TransientError } from '@parley/core';
import { FakeUnbluGateway, LoopbackAdapter, MemoryStore } from '@parley/testing';
import { FAST, newChannel, until } from './engine-harness.js';

/* ARCHITECTURE §4 "bounded resources": a full queue refuses new work with a TransientError. */

describe('back-pressure', () => {
  it('refuses new events once the queue holds maxQueueDepth jobs, and takes them again once it drains', async () => {
    const store = new MemoryStore();
    const gateway = new FakeUnbluGateway();
    const channelId = await newChannel(gateway);
    const adapter = new LoopbackAdapter();
    const engine = new ParleyEngine({ store, gateway, messengers: [{ messengerId: 'loop', adapter, channelId }], ...FAST, maxQueueDepth: 5 });
    await engine.start();
    try {
      gateway.outage();
      for (let i = 0; i < 5; i += 1) await adapter.customerSends('chat-1', { text: `m${i}`, externalMessageId: `m${i}` });
      const refused = adapter.customerSends('chat-1', { text: 'one too many', externalMessageId: 'm5' });
      await expect(refused).rejects.toBeInstanceOf(TransientError);
      await expect(refused).rejects.toMatchObject({ code: 'engine.overloaded', retryAfterMs: 1000 });
      expect(await store.jobs.depth()).toBe(5);

      gateway.recover();
      await until(() => gateway.posted().length === 5);
      await until(async () => (await store.jobs.depth()) === 0);
      // The refusal is lifted once the engine sees the drained queue (at most a second later).
      await until(async () => (await adapter.customerSends('chat-1', { text: 'later', externalMessageId: 'm6' }).then(() => true, () => false)), 5_000);
      await until(() => gateway.posted().length === 6);
    } finally {
      await engine.stop();
    }
  });
});
