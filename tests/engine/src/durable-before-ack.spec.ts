import { ParleyEngine, TransientError, type EnqueueResult, type NewJob } from '@parley/core';
import { FakeUnbluGateway, LoopbackAdapter, MemoryStore } from '@parley/testing';
import { FAST, agentText, newChannel } from './engine-harness.js';

/*
 * ARCHITECTURE §4 "durable before acknowledged": the sink and Unblu's listener resolve only once
 * the store has committed the event, and reject (so nobody acknowledges upstream) when it could not.
 */

describe('durable before acknowledged', () => {
  let store: MemoryStore;
  let engine: ParleyEngine;
  let channelId: string;
  let commit: (() => void) | undefined;
  let enqueue: jest.SpiedFunction<MemoryStore['jobs']['enqueue']>;

  beforeEach(async () => {
    store = new MemoryStore();
    const gateway = new FakeUnbluGateway();
    channelId = await newChannel(gateway);
    engine = new ParleyEngine({ store, gateway, messengers: [{ messengerId: 'loop', adapter: new LoopbackAdapter(), channelId }], ...FAST });
    await engine.start();
    const original = store.jobs.enqueue.bind(store.jobs);
    // Holds each commit until the test lets it through.
    enqueue = jest.spyOn(store.jobs, 'enqueue').mockImplementation(
      (job: NewJob, now: number) =>
        new Promise<EnqueueResult>((resolve, reject) => {
          commit = () => void original(job, now).then(resolve, reject);
        }),
    );
  });

  afterEach(async () => {
    enqueue.mockRestore();
    await engine.stop();
  });

  async function isSettled(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
    return settled;
  }

  it('resolves the sink only after the customer message is committed', async () => {
    const ack = engine.sink('loop').message({ chatId: 'c', sender: { id: 'u' }, externalMessageId: 'm-1', sentAt: 1, text: 'hi', attachments: [] });
    expect(await isSettled(ack)).toBe(false);
    commit?.();
    await expect(ack).resolves.toEqual({ accepted: true });
  });

  it("answers Unblu's new-message call only after the agent message is committed", async () => {
    const answer = engine.listener.onAgentMessage(agentText(channelId, 'conv-1', 'hello'));
    expect(await isSettled(answer)).toBe(false);
    commit?.();
    await expect(answer).resolves.toEqual({ externalMessageId: expect.any(String) });
  });

  it('rejects when the store cannot commit, so nothing is acknowledged upstream', async () => {
    enqueue.mockRejectedValueOnce(new TransientError('database unreachable', 'store.unavailable'));
    await expect(engine.sink('loop').message({ chatId: 'c', sender: { id: 'u' }, externalMessageId: 'm-2', sentAt: 1, text: 'hi', attachments: [] })).rejects.toThrow('database unreachable');
  });
});
