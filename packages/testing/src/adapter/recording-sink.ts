import {
  TransientError,
  systemClock,
  type Clock,
  type InboundAck,
  type InboundMessage,
  type InboundReceipt,
  type InboundSink,
} from '@parley/core';

interface Waiter {
  count: number;
  resolve: (messages: InboundMessage[]) => void;
}

/**
 * An {@link InboundSink} that behaves like the engine's: it stores each message once (a message
 * with a known `externalMessageId` is acknowledged with `accepted: false`) and resolves only after
 * storing. Tests can make it reject (nothing stored, so the adapter must not ack upstream) or slow.
 */
export class RecordingSink implements InboundSink {
  /** Messages stored, each once, in the order they were stored. */
  readonly messages: InboundMessage[] = [];
  /** Every message offered, duplicates and rejected ones included, in order. */
  readonly offers: InboundMessage[] = [];
  /** Receipts stored, in order. */
  readonly receipts: InboundReceipt[] = [];

  private rejections: Error[] = [];
  private rejectAllWith: Error | undefined;
  private latencyMs = 0;
  private gate: { promise: Promise<void>; open: () => void } | undefined;
  private waiters: Waiter[] = [];

  constructor(private readonly clock: Clock = systemClock) {}

  async message(message: InboundMessage): Promise<InboundAck> {
    this.offers.push(structuredClone(message));
    const rejection = this.takeRejection();
    await this.slowly();
    if (rejection) throw rejection;
    if (this.messages.some((m) => m.externalMessageId === message.externalMessageId)) return { accepted: false };
    this.messages.push(structuredClone(message));
    this.notify();
    return { accepted: true };
  }

  async receipt(receipt: InboundReceipt): Promise<InboundAck> {
    const rejection = this.takeRejection();
    await this.slowly();
    if (rejection) throw rejection;
    this.receipts.push(structuredClone(receipt));
    return { accepted: true };
  }

  /** Texts of stored messages, in order; only one chat's when given. */
  texts(chatId?: string): string[] {
    return this.messages.filter((m) => chatId === undefined || m.chatId === chatId).map((m) => m.text ?? '');
  }

  /** The next `count` calls (messages or receipts) reject with `error`; default a `TransientError`. */
  rejectNext(count = 1, error: Error = sinkUnavailable()): void {
    for (let i = 0; i < count; i += 1) this.rejections.push(error);
  }

  /** Every call rejects until {@link acceptAgain}, as while the store is down. */
  rejectAll(error: Error = sinkUnavailable()): void {
    this.rejectAllWith = error;
  }

  /** Ends {@link rejectAll} and drops queued rejections. */
  acceptAgain(): void {
    this.rejectAllWith = undefined;
    this.rejections = [];
  }

  /** Each call takes `ms` on the sink's clock before it answers (0 = answer at once). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Holds every call until {@link resume}: back-pressure, or a commit that has not happened yet. */
  pause(): void {
    if (this.gate) return;
    let open = (): void => undefined;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  resume(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  /**
   * Resolves with the stored messages once there are at least `count`; rejects after `timeoutMs`
   * of real time (not the sink's clock), naming how many arrived.
   */
  waitForMessages(count: number, timeoutMs = 2_000): Promise<InboundMessage[]> {
    if (this.messages.length >= count) return Promise.resolve([...this.messages]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`RecordingSink: ${this.messages.length} of ${count} messages after ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        count,
        resolve: (messages) => {
          clearTimeout(timer);
          resolve(messages);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private takeRejection(): Error | undefined {
    return this.rejectAllWith ?? this.rejections.shift();
  }

  private async slowly(): Promise<void> {
    if (this.gate) await this.gate.promise;
    if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs);
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => this.messages.length >= w.count);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve([...this.messages]);
  }
}

function sinkUnavailable(): TransientError {
  return new TransientError('the store is unavailable (injected)', 'sink.unavailable');
}
