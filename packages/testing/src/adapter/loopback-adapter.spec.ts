import { PermanentError, TransientError, type OutboundMessage } from '@parley/core';
import { FakeClock } from '../clock/fake-clock.js';
import { LoopbackAdapter } from './loopback-adapter.js';
import { createRecordingContext } from './recording-context.js';

const signal = new AbortController().signal;

function outbound(parleyMessageId: string, text = `text of ${parleyMessageId}`, chatId = 'chat-1'): OutboundMessage {
  return { parleyMessageId, chatId, text, sender: { kind: 'agent', displayName: 'Anna' } };
}

async function started(adapter = new LoopbackAdapter()) {
  const context = createRecordingContext();
  await adapter.start(context);
  return { adapter, context };
}

describe('LoopbackAdapter descriptor and lifecycle', () => {
  it('describes itself with overridable capabilities', () => {
    const adapter = new LoopbackAdapter({ capabilities: { centralAccount: true, attachments: { maxBytes: 5 } } });
    expect(adapter.descriptor.kind).toBe('loopback');
    expect(adapter.descriptor.capabilities).toMatchObject({ centralAccount: true, attachments: { inbound: true, outbound: true, maxBytes: 5 } });
  });

  it('reports connected on start and refuses a second start', async () => {
    const { adapter, context } = await started();
    expect(context.health.states).toEqual(['connecting', 'connected']);
    await expect(adapter.start(context)).rejects.toThrow(/already started/);
    adapter.reportHealth('degraded', 'slow');
    expect(context.health.current).toMatchObject({ state: 'degraded', detail: 'slow' });
  });
});

describe('LoopbackAdapter inbound', () => {
  it('hands customer messages to the sink with defaults filled in', async () => {
    const clock = new FakeClock(5_000);
    const { adapter, context } = await started(new LoopbackAdapter({ clock }));
    await expect(adapter.customerSends('chat-1', { text: 'Hi', replyTo: 'x', editOf: 'y', sender: { username: 'ada' } })).resolves.toEqual({ accepted: true });
    expect(context.inbound.messages).toEqual([{
      chatId: 'chat-1', sender: { id: 'chat-1', displayName: 'Customer chat-1', username: 'ada' }, externalMessageId: 'lb-in-1',
      sentAt: 5_000, text: 'Hi', attachments: [], replyToExternalMessageId: 'x', editOfExternalMessageId: 'y',
    }]);
    expect(adapter.unacked).toEqual([]);
  });

  it('keeps a message the sink rejected unacknowledged and offers it again, same id', async () => {
    const { adapter, context } = await started();
    context.inbound.rejectNext();
    await expect(adapter.customerSends('chat-1', 'one')).rejects.toBeInstanceOf(TransientError);
    expect(context.inbound.messages).toEqual([]);
    expect(adapter.unacked.map((m) => m.text)).toEqual(['one']);
    await expect(adapter.redeliverUnacked()).resolves.toEqual([{ accepted: true }]);
    expect(context.inbound.offers.map((m) => m.externalMessageId)).toEqual(['lb-in-1', 'lb-in-1']);
    expect(adapter.unacked).toEqual([]);
  });

  it('stops redelivering at the first rejection and keeps the rest', async () => {
    const { adapter, context } = await started();
    context.inbound.rejectAll();
    await expect(adapter.customerSends('c', 'one')).rejects.toThrow();
    await expect(adapter.customerSends('c', 'two')).rejects.toThrow();
    await expect(adapter.redeliverUnacked()).rejects.toThrow();
    expect(adapter.unacked.map((m) => m.text)).toEqual(['one', 'two']);
    context.inbound.acceptAgain();
    await adapter.redeliverUnacked();
    expect(context.inbound.texts('c')).toEqual(['one', 'two']);
  });

  it('delivers nothing inbound after stop, and the message waits for the next start', async () => {
    const { adapter, context } = await started();
    await adapter.stop();
    await expect(adapter.customerSends('c', 'while down')).rejects.toThrow(/not receiving/);
    expect(context.inbound.offers).toEqual([]);
    const next = createRecordingContext();
    await adapter.start(next);
    await adapter.redeliverUnacked();
    expect(next.inbound.texts()).toEqual(['while down']);
  });

  it('hands receipts to the sink', async () => {
    const { adapter, context } = await started();
    await adapter.customerReceipts('c', 'read', ['lb-out-1']);
    expect(context.inbound.receipts).toEqual([expect.objectContaining({ chatId: 'c', kind: 'read', externalMessageIds: ['lb-out-1'] })]);
  });
});

describe('LoopbackAdapter outbound', () => {
  it('delivers in order and returns distinct external ids', async () => {
    const { adapter } = await started();
    expect(await adapter.send(outbound('p1', 'one'), signal)).toEqual({ externalMessageId: 'lb-out-1' });
    expect(await adapter.send(outbound('p2', 'two', 'chat-2'), signal)).toEqual({ externalMessageId: 'lb-out-2' });
    expect(adapter.sent().map((m) => m.text)).toEqual(['one', 'two']);
    expect(adapter.sent('chat-2')).toEqual([expect.objectContaining({ parleyMessageId: 'p2', sender: { kind: 'agent', displayName: 'Anna' } })]);
  });

  it('is idempotent by parleyMessageId', async () => {
    const { adapter } = await started();
    const first = await adapter.send(outbound('p1'), signal);
    adapter.failNextSends(1, 'transient');
    await expect(adapter.send(outbound('p1', 'changed'), signal)).resolves.toEqual(first);
    expect(adapter.sent()).toHaveLength(1);
    expect(adapter.sendAttempts()).toHaveLength(2);
  });

  it('fails on demand with typed errors, then delivers', async () => {
    const { adapter } = await started();
    adapter.failNextSends(1, 'transient', 1_500);
    adapter.failNextSends(1, 'permanent');
    await expect(adapter.send(outbound('p1'), signal)).rejects.toEqual(expect.objectContaining({ constructor: TransientError, retryAfterMs: 1_500 }));
    await expect(adapter.send(outbound('p1'), signal)).rejects.toBeInstanceOf(PermanentError);
    await expect(adapter.send(outbound('p1'), signal)).resolves.toEqual({ externalMessageId: 'lb-out-1' });
  });

  it('refuses what the messenger cannot carry', async () => {
    const { adapter } = await started(new LoopbackAdapter({ capabilities: { maxTextLength: 3, attachments: { outbound: false } } }));
    const file = { fileName: 'a', mimeType: 'text/plain', data: new Uint8Array([1]) };
    await expect(adapter.send(outbound('p1', 'long'), signal)).rejects.toMatchObject({ code: 'loopback.too_long' });
    await expect(adapter.send({ ...outbound('p2', 'ok'), attachment: file }, signal)).rejects.toMatchObject({ code: 'loopback.attachments_unsupported' });
    await expect(adapter.send({ ...outbound('p3'), text: undefined }, signal)).rejects.toMatchObject({ code: 'loopback.empty' });
    expect(adapter.sent()).toEqual([]);
  });

  it('honours an aborted signal, before and during the send', async () => {
    const clock = new FakeClock(0);
    const { adapter } = await started(new LoopbackAdapter({ clock, sendLatencyMs: 100 }));
    await expect(adapter.send(outbound('p1'), AbortSignal.abort(new Error('gave up')))).rejects.toThrow('gave up');
    const controller = new AbortController();
    const sending = adapter.send(outbound('p2'), controller.signal);
    await clock.advance(50);
    controller.abort(new Error('timeout'));
    await expect(sending).rejects.toThrow('timeout');
    await clock.advance(100);
    expect(adapter.sent()).toEqual([]);
  });

  it('stop waits for in-flight sends, is idempotent, and refuses sends afterwards', async () => {
    const clock = new FakeClock(0);
    const { adapter } = await started(new LoopbackAdapter({ clock, sendLatencyMs: 100 }));
    let sendDone = false;
    const sending = adapter.send(outbound('p1'), signal).then(() => (sendDone = true));
    let stopped = false;
    const stopping = adapter.stop().then(() => (stopped = true));
    await clock.advance(99);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await Promise.all([sending, stopping]);
    expect(sendDone).toBe(true);
    await expect(adapter.stop()).resolves.toBeUndefined();
    await expect(adapter.send(outbound('p2'), signal)).rejects.toMatchObject({ code: 'loopback.stopped' });
    await expect(adapter.markRead('c', ['x'])).rejects.toBeInstanceOf(TransientError);
  });

  it('records read marks', async () => {
    const { adapter } = await started();
    await adapter.markRead('c', ['lb-in-1', 'lb-in-2']);
    expect(adapter.readMarks).toEqual([expect.objectContaining({ chatId: 'c', externalMessageIds: ['lb-in-1', 'lb-in-2'] })]);
  });
});
