import type { AdapterContext, HealthState, InboundAck, OutboundMessage, SendResult } from '@parley/core';
import { LoopbackAdapter, type CustomerMessageInput } from '../adapter/loopback-adapter.js';
import {
  checkDescriptor,
  checkInboundMessage,
  checkOutboundSend,
  checkRedeliveryAfterSinkRejection,
  checkSendErrorsAreTyped,
  checkSendHonoursAbortedSignal,
  checkSendIsIdempotent,
  checkStartReportsHealth,
  checkStopDrainsSends,
  type ConformanceCheckFn,
} from './adapter-checks.js';
import type { ConformanceHarness } from './conformance-harness.js';
import { loopbackConformanceHarness } from './loopback-conformance-harness.js';

/** Short waits: every broken adapter fails fast or not at all. */
const fast = { timeoutMs: 300, quietMs: 50 };

function failure(pattern: RegExp) {
  return expect.objectContaining({ name: 'ConformanceFailure', message: expect.stringMatching(pattern) as unknown }) as unknown;
}

async function verdict(check: ConformanceCheckFn, adapter: LoopbackAdapter, harness: Partial<ConformanceHarness> = {}) {
  return check(async () => ({ ...(await loopbackConformanceHarness(adapter)), ...harness }), fast);
}

/** Delivers every send anew: ignores the idempotency key. */
class DoubleSender extends LoopbackAdapter {
  private attempt = 0;
  override send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    this.attempt += 1;
    return super.send({ ...message, parleyMessageId: `${message.parleyMessageId}#${this.attempt}` }, signal);
  }
}

/** Lets the platform's errors escape unmapped. */
class UntypedErrors extends LoopbackAdapter {
  override async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    try {
      return await super.send(message, signal);
    } catch {
      throw new Error('HTTP 502 from the messenger');
    }
  }
}

/** Returns from stop() without waiting for sends. */
class ImpatientStop extends LoopbackAdapter {
  override stop(): Promise<void> {
    void super.stop();
    return Promise.resolve();
  }
}

/** Sends even when the engine has given up. */
class AbortIgnorer extends LoopbackAdapter {
  override send(message: OutboundMessage): Promise<SendResult> {
    return super.send(message, new AbortController().signal);
  }
}

/** Acknowledges upstream even when the sink refused: the messenger never offers the message again. */
class AcksTooEarly extends LoopbackAdapter {
  override redeliverUnacked(): Promise<InboundAck[]> {
    return Promise.resolve([]);
  }
}

/** Makes up a new message id when it offers a message again. */
class UnstableIds extends LoopbackAdapter {
  override async redeliverUnacked(): Promise<InboundAck[]> {
    const again = this.unacked.map((m) => this.customerSends(m.chatId, { text: m.text ?? '' }));
    return Promise.all(again);
  }
}

/** Never gets past connecting. */
class NeverConnects extends LoopbackAdapter {
  override start(context: AdapterContext): Promise<void> {
    const report = (state: HealthState, detail?: string) => {
      if (state !== 'connected') context.health.report(state, detail);
    };
    return super.start({ ...context, health: { report } });
  }
}

/** Keeps handing customer messages to the sink after stop(). */
class KeepsListening extends LoopbackAdapter {
  private captured: AdapterContext | undefined;
  private stopped = false;
  override start(context: AdapterContext): Promise<void> {
    this.captured = context;
    return super.start(context);
  }
  override async stop(): Promise<void> {
    this.stopped = true;
    await super.stop();
  }
  override customerSends(chatId: string, input: string | CustomerMessageInput = {}): Promise<InboundAck> {
    if (!this.stopped || !this.captured) return super.customerSends(chatId, input);
    const text = typeof input === 'string' ? input : input.text;
    return this.captured.inbound.message({ chatId, sender: { id: chatId }, externalMessageId: 'late', sentAt: Date.now(), ...(text === undefined ? {} : { text }), attachments: [] });
  }
}

/** Changes its capabilities once started. */
class ShapeShifter extends LoopbackAdapter {
  override async start(context: AdapterContext): Promise<void> {
    await super.start(context);
    this.descriptor.capabilities.maxTextLength = 1;
  }
}

describe('the conformance checks fail for broken adapters', () => {
  it('descriptor: an invalid kind, maxBytes without attachments, non-data, or a change on start', async () => {
    await expect(verdict(checkDescriptor, new LoopbackAdapter({ kind: 'Loop Back' }))).rejects.toEqual(failure(/descriptor is invalid: kind "Loop Back"/));
    const noFiles = new LoopbackAdapter({ capabilities: { attachments: { inbound: false, outbound: false, maxBytes: 5 } } });
    await expect(verdict(checkDescriptor, noFiles)).rejects.toEqual(failure(/maxBytes 5 but no attachment support/));
    const withFunction = new LoopbackAdapter();
    Object.assign(withFunction.descriptor, { describe: () => 'x' });
    await expect(verdict(checkDescriptor, withFunction)).rejects.toEqual(failure(/descriptor\.describe is a function/));
    await expect(verdict(checkDescriptor, new ShapeShifter())).rejects.toEqual(failure(/descriptor changed/));
  });

  it('start-health: an adapter that never reports connected', async () => {
    await expect(verdict(checkStartReportsHealth, new NeverConnects())).rejects.toEqual(failure(/never reported "connected"/));
  });

  it('inbound: wrong chat, empty id, or sentAt in seconds', async () => {
    const sendsWith = (fields: CustomerMessageInput & { chat?: string }) => {
      const adapter = new LoopbackAdapter();
      const sendText = (chatId: string, text: string) =>
        adapter.customerSends(fields.chat ?? chatId, { ...fields, text }).then(() => undefined, () => undefined);
      return verdict(checkInboundMessage, adapter, { customer: { sendText, received: () => [] } });
    };
    await expect(sendsWith({ chat: 'another-chat' })).rejects.toEqual(failure(/chatId must be "conformance-chat"/));
    await expect(sendsWith({ externalMessageId: '' })).rejects.toEqual(failure(/externalMessageId must be a non-empty string/));
    await expect(sendsWith({ sentAt: Math.floor(Date.now() / 1000) })).rejects.toEqual(failure(/sentAt must be ms since the epoch/));
    await expect(sendsWith({ sender: { id: ' ' } })).rejects.toEqual(failure(/sender\.id must be a non-empty string/));
  });

  it('redelivery: an adapter that acks before the sink stored, or makes up new ids', async () => {
    await expect(verdict(checkRedeliveryAfterSinkRejection, new AcksTooEarly())).rejects.toEqual(failure(/never offered again/));
    await expect(verdict(checkRedeliveryAfterSinkRejection, new UnstableIds())).rejects.toEqual(failure(/ids must be stable/));
  });

  it('outbound: an empty external id, or a text the customer never sees', async () => {
    const emptyId = new LoopbackAdapter();
    emptyId.send = () => Promise.resolve({ externalMessageId: '' });
    await expect(verdict(checkOutboundSend, emptyId)).rejects.toEqual(failure(/externalMessageId must be a non-empty string/));
    const lost = new LoopbackAdapter();
    lost.send = () => Promise.resolve({ externalMessageId: 'lost-1' });
    await expect(verdict(checkOutboundSend, lost)).rejects.toEqual(failure(/customer never received/));
  });

  it('send-errors: untyped errors, everything transient, or a second copy of @parley/core', async () => {
    await expect(verdict(checkSendErrorsAreTyped, new UntypedErrors())).rejects.toEqual(
      failure(/must reject with a TransientError, got Error: HTTP 502/),
    );
    const allTransient = new LoopbackAdapter();
    allTransient.failNextSends = (count) => LoopbackAdapter.prototype.failNextSends.call(allTransient, count, 'transient');
    await expect(verdict(checkSendErrorsAreTyped, allTransient)).rejects.toEqual(
      failure(/permanent send failure must reject with a PermanentError, got TransientError \(loopback\.unavailable\)/),
    );
    const foreignCore = new UntypedErrors();
    const foreign = Object.assign(new Error('from another copy'), { name: 'TransientError' });
    foreignCore.send = () => Promise.reject(foreign);
    await expect(verdict(checkSendErrorsAreTyped, foreignCore)).rejects.toEqual(failure(/own copy of @parley\/core/));
  });

  it('idempotent-send: an adapter that double-sends', async () => {
    await expect(verdict(checkSendIsIdempotent, new DoubleSender())).rejects.toEqual(failure(/reached the customer 2 times/));
  });

  it('stop-drains: a stop that does not wait, or an adapter that keeps receiving', async () => {
    await expect(verdict(checkStopDrainsSends, new ImpatientStop({ sendLatencyMs: 20 }))).rejects.toEqual(failure(/still in flight/));
    await expect(verdict(checkStopDrainsSends, new KeepsListening({ sendLatencyMs: 20 }))).rejects.toEqual(failure(/after stop\(\) reached the sink/));
  });

  it('aborted-send: an adapter that ignores the signal', async () => {
    await expect(verdict(checkSendHonoursAbortedSignal, new AbortIgnorer())).rejects.toEqual(failure(/aborted signal resolved/));
  });

  it('always stops the adapter and tears the harness down, also when a check fails', async () => {
    const adapter = new DoubleSender();
    const stop = jest.spyOn(adapter, 'stop');
    const teardown = jest.fn(() => Promise.resolve());
    await expect(verdict(checkSendIsIdempotent, adapter, { teardown })).rejects.toEqual(failure(/2 times/));
    expect(stop).toHaveBeenCalled();
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('passes the same checks for the sound LoopbackAdapter with these short waits', async () => {
    for (const check of [checkSendIsIdempotent, checkStopDrainsSends, checkSendHonoursAbortedSignal, checkRedeliveryAfterSinkRejection]) {
      await expect(verdict(check, new LoopbackAdapter({ sendLatencyMs: 20 }))).resolves.toBeUndefined();
    }
  });
});
