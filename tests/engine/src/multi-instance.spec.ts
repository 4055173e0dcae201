import type { AdapterContext, MessengerAdapter, OutboundMessage, ParleyStore, SendResult } from '@parley/core';
import { FakeUnbluGateway, LoopbackAdapter } from '@parley/testing';
import { agentText, expectExactlyOnceInOrder, newChannel, startRig, storeLocation, until, type EngineRig, type StoreLocation } from './engine-harness.js';

/*
 * Several engine instances (each with its own connection pool, as separate processes would have)
 * sharing one PostgreSQL database.
 */

const CHATS = 20;
const PER_CHAT = 50;

/** Records every send of every instance in one global order. */
class SharedLog {
  readonly entries: string[] = [];
}

class RecordingLoopback extends LoopbackAdapter {
  constructor(private readonly log: SharedLog, idPrefix: string) {
    super({ capabilities: { centralAccount: false }, idPrefix });
  }
  override async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    const result = await super.send(message, signal);
    this.log.entries.push(message.text ?? '');
    return result;
  }
}

describe('two engine instances on one PostgreSQL', () => {
  let location: StoreLocation;
  const stores: ParleyStore[] = [];
  const rigs: EngineRig<MessengerAdapter>[] = [];
  let gateway: FakeUnbluGateway;
  let channelId: string;

  beforeEach(async () => {
    location = storeLocation('postgres');
    gateway = new FakeUnbluGateway();
    channelId = await newChannel(gateway);
  });

  afterEach(async () => {
    await Promise.all(rigs.splice(0).map((rig) => rig.engine.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await location.destroy();
  });

  async function instance<A extends MessengerAdapter>(adapter: A, name: string): Promise<EngineRig<A>> {
    const store = await location.open();
    stores.push(store);
    const rig = await startRig(store, gateway, channelId, { adapter, engine: { instanceId: name, concurrency: 8 } });
    rigs.push(rig);
    return rig;
  }

  it('deliver each of 1,000 customer and 1,000 agent messages exactly once, in order per chat', async () => {
    const log = new SharedLog();
    const a = await instance(new RecordingLoopback(log, 'a'), 'instance-a');
    const b = await instance(new RecordingLoopback(log, 'b'), 'instance-b');
    const expected = new Map<string, string[]>();
    // Each chat's messages arrive one after another, alternating between the instances' sinks.
    await Promise.all(
      Array.from({ length: CHATS }, async (_, chat) => {
        for (let i = 0; i < PER_CHAT; i += 1) {
          const text = `c${chat}/${i}`;
          expected.set(`c${chat}`, [...(expected.get(`c${chat}`) ?? []), text]);
          const rig = i % 2 === 0 ? a : b;
          await rig.engine.sink('loop').message({ chatId: `chat-${chat}`, sender: { id: `u${chat}` }, externalMessageId: `m-${chat}-${i}`, sentAt: Date.now(), text, attachments: [] });
        }
      }),
    );
    await until(() => gateway.posted().length >= CHATS * PER_CHAT, 120_000, '1,000 posts');
    const texts = gateway.posted().map((p) => (p.content.kind === 'text' ? p.content.text : ''));
    expectExactlyOnceInOrder(texts, expected, (t) => t.split('/')[0] ?? '');
    expect(gateway.conversationList()).toHaveLength(CHATS);

    // Agents answer in every conversation; Unblu calls either instance.
    const conversations = gateway.conversationList();
    const replies = new Map<string, string[]>();
    await Promise.all(
      conversations.map(async (conversation, index) => {
        for (let i = 0; i < PER_CHAT; i += 1) {
          const text = `r${index}/${i}`;
          replies.set(`r${index}`, [...(replies.get(`r${index}`) ?? []), text]);
          const rig = i % 2 === 0 ? b : a;
          await rig.engine.listener.onAgentMessage(agentText(channelId, conversation.id, text));
        }
      }),
    );
    await until(() => log.entries.length >= CHATS * PER_CHAT && gateway.states('sentSuccessfully').length >= CHATS * PER_CHAT, 120_000, '1,000 sends');
    expectExactlyOnceInOrder(log.entries, replies, (t) => t.split('/')[0] ?? '');
    expect(a.adapter.sent().length).toBeGreaterThan(0);
    expect(b.adapter.sent().length).toBeGreaterThan(0);
  }, 240_000);

  it("takes over the jobs of an instance that died holding them, once their lease expired", async () => {
    const survivor = await instance(new LoopbackAdapter(), 'survivor');
    await survivor.adapter.customerSends('chat-1', { text: 'hello', externalMessageId: 'h-1' });
    const conversationId = (await until(() => gateway.posted()[0])).conversationId;
    await survivor.engine.stop();
    rigs.splice(0);
    // Work arrives; an instance claims it and dies before finishing (its claims are never settled).
    const doomed = await location.open();
    stores.push(doomed);
    await survivor.store.jobs.enqueue({ id: 'orphan-1', kind: 'outbound.message', orderKey: `out:${conversationId}`, payload: { messengerId: 'loop', event: agentText(channelId, conversationId, 'orphaned reply') } }, Date.now());
    const claimed = await doomed.jobs.claim('dead-instance', 10, 500, Date.now());
    expect(claimed.map((job) => job.id)).toEqual(['orphan-1']);
    const heir = await instance(new LoopbackAdapter({ idPrefix: 'heir' }), 'heir');
    await until(() => heir.adapter.sent('chat-1').length === 1, 10_000, 'the orphaned reply');
    expect(heir.adapter.sent('chat-1')[0]?.text).toBe('orphaned reply');
    expect(await doomed.jobs.complete('orphan-1', 'dead-instance')).toBe(false);
  });

  it('runs a single-consumer receiver on exactly one instance and fails over', async () => {
    const running: string[] = [];
    const receiver = (name: string): MessengerAdapter => {
      const base = new LoopbackAdapter();
      return {
        descriptor: base.descriptor,
        send: (message, signal) => base.send(message, signal),
        stop: () => base.stop(),
        start: async (context: AdapterContext) => {
          await base.start(context);
          void context.exclusive('poller', async (signal) => {
            running.push(name);
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            running.splice(running.indexOf(name), 1);
          });
        },
      };
    };
    const first = await instance(receiver('first'), 'first');
    await until(() => running.length === 1);
    await instance(receiver('second'), 'second');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running).toEqual(['first']);
    await first.engine.stop();
    await until(() => running.includes('second'), 5_000, 'fail-over');
    expect(running).toEqual(['second']);
  });
});
