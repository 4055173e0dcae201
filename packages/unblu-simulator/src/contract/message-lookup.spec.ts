import { TransientError, type UnbluMessages } from '@parley/core';
import { type ContractHarness, linkConversation, startContractHarness, uniqueName } from './contract-harness.js';

/* messages.findBySourceId: v4 looks in the conversation's message log; v3 has no such endpoint. */
describe('UnbluGateway messages.findBySourceId against the simulator (v4)', () => {
  let h: ContractHarness;
  let ctx: Awaited<ReturnType<typeof linkConversation>>;

  beforeAll(async () => {
    h = await startContractHarness('v4');
    ctx = await linkConversation(h);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sim.setFaults({ errorRate: 0, dropRate: 0, latencyMs: 0 });
  });

  const send = (sourceId: string, text: string) =>
    h.gateway.messages.send({ channelId: ctx.channel.id, conversationId: ctx.conversation.id, visitor: ctx.visitor, sourceId, content: { kind: 'text', text } });
  const lookup = (): NonNullable<UnbluMessages['findBySourceId']> => {
    const find = h.gateway.messages.findBySourceId;
    if (find === undefined) throw new Error('the v4 gateway should implement findBySourceId');
    return find.bind(h.gateway.messages);
  };

  it('finds a posted message by its sourceId, and nothing for an unknown sourceId', async () => {
    const since = Date.now();
    const sourceId = uniqueName('tg');
    const { messageId } = await send(sourceId, 'Grüezi');
    await send(uniqueName('tg'), 'another one');

    await expect(lookup()(ctx.conversation.id, sourceId, since)).resolves.toEqual({ messageId });
    await expect(lookup()(ctx.conversation.id, uniqueName('never-sent'), since)).resolves.toBeUndefined();
  });

  it('does not find a message sent well before since (beyond the clock-skew margin)', async () => {
    const sourceId = uniqueName('tg');
    await send(sourceId, 'old');
    await expect(lookup()(ctx.conversation.id, sourceId, Date.now() + 10 * 60_000)).resolves.toBeUndefined();
  });

  it('resolves undefined for an unknown conversation', async () => {
    await expect(lookup()('AAAAAAAAAAAAAAAAAAAAAA', 'tg-1', Date.now())).resolves.toBeUndefined();
  });

  it('tells that a message whose answer was lost did reach Unblu', async () => {
    const since = Date.now();
    const sourceId = uniqueName('dropped');
    h.sim.setFaults({ dropRate: 1 });
    await expect(send(sourceId, 'processed but unanswered')).rejects.toBeInstanceOf(TransientError);
    h.sim.setFaults({ dropRate: 0 });
    const stored = h.sim.messages(ctx.conversation.id).find((m) => m.sourceId === sourceId);
    await expect(lookup()(ctx.conversation.id, sourceId, since)).resolves.toEqual({ messageId: stored?.id });
  });
});

describe('UnbluGateway messages.findBySourceId (v3)', () => {
  it('is not offered: web API v3 has no message log export', async () => {
    const h = await startContractHarness('v3');
    try {
      expect(h.gateway.messages.findBySourceId).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
