import {
  PermanentError,
  TransientError,
  systemClock,
  type AdapterCapabilities,
  type AdapterContext,
  type AdapterDescriptor,
  type Attachment,
  type Clock,
  type CustomerProfile,
  type HealthState,
  type InboundAck,
  type InboundMessage,
  type MessengerAdapter,
  type OutboundMessage,
  type OutboundSender,
  type ReceiptKind,
  type SendResult,
} from '@parley/core';

/** What the loopback messenger can do unless a test says otherwise: everything, one account per agent. */
export const LOOPBACK_CAPABILITIES: AdapterCapabilities = {
  maxTextLength: 4096,
  attachments: { inbound: true, outbound: true, maxBytes: 10 * 1024 * 1024 },
  deliveryReceipts: true,
  readReceipts: true,
  edits: true,
  replies: true,
  centralAccount: false,
};

export interface LoopbackAdapterOptions {
  /** Default `loopback`. */
  kind?: string;
  /** Default `Loopback`. */
  displayName?: string;
  /** Laid over {@link LOOPBACK_CAPABILITIES}, e.g. `{ centralAccount: true }`. */
  capabilities?: Partial<Omit<AdapterCapabilities, 'attachments'>> & { attachments?: Partial<AdapterCapabilities['attachments']> };
  /** Timestamps and send latency; default the system clock. */
  clock?: Clock;
  /** How long each send takes, in ms on `clock` (default 0). */
  sendLatencyMs?: number;
  /**
   * Prefix of the message ids this messenger makes (default `lb`): give each instance its own
   * when several loopback adapters stand for one messenger (host instances), as ids must be
   * unique per messenger.
   */
  idPrefix?: string;
}

/** A customer's message as a test writes it; everything has a default. */
export interface CustomerMessageInput {
  text?: string;
  attachments?: Attachment[];
  /** Laid over the default sender `{ id: chatId, displayName: 'Customer <chatId>' }`. */
  sender?: Partial<CustomerProfile>;
  /** Default a fresh `lb-in-<n>`. */
  externalMessageId?: string;
  replyTo?: string;
  editOf?: string;
  /** Default `clock.now()`. */
  sentAt?: number;
}

/** A message the customer received. */
export interface DeliveredMessage {
  chatId: string;
  externalMessageId: string;
  parleyMessageId: string;
  text?: string;
  attachment?: Attachment;
  sender: OutboundSender;
  replyToExternalMessageId?: string;
  at: number;
}

/** The agent read these customer messages (`markRead`). */
export interface ReadMark {
  chatId: string;
  externalMessageIds: string[];
  at: number;
}

/**
 * A fake messenger the engine and host tests drive like a real one. The messenger side keeps
 * what a real network keeps: messages the adapter has not acknowledged (because the sink
 * rejected them, or the adapter was stopped) wait upstream for {@link redeliverUnacked}, also
 * across stop/start. `send` is idempotent by `parleyMessageId`, honours its signal, and fails on
 * demand with typed errors.
 */
export class LoopbackAdapter implements MessengerAdapter {
  readonly descriptor: AdapterDescriptor;
  /** Agent read marks, in order. */
  readonly readMarks: ReadMark[] = [];

  private readonly clock: Clock;
  private sendLatencyMs: number;
  private context: AdapterContext | undefined;
  private running = false;
  private readonly unackedMessages: InboundMessage[] = [];
  private readonly delivered: DeliveredMessage[] = [];
  private readonly deliveredIds = new Map<string, string>();
  private readonly attempts: OutboundMessage[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private sendFaults: Error[] = [];
  private inboundSeq = 0;
  private outboundSeq = 0;
  private readonly idPrefix: string;

  constructor(options: LoopbackAdapterOptions = {}) {
    const { attachments, ...flags } = options.capabilities ?? {};
    this.descriptor = {
      kind: options.kind ?? 'loopback',
      displayName: options.displayName ?? 'Loopback',
      capabilities: { ...LOOPBACK_CAPABILITIES, ...flags, attachments: { ...LOOPBACK_CAPABILITIES.attachments, ...attachments } },
    };
    this.clock = options.clock ?? systemClock;
    this.sendLatencyMs = options.sendLatencyMs ?? 0;
    this.idPrefix = options.idPrefix ?? 'lb';
  }

  // --- MessengerAdapter ----------------------------------------------------------------------

  /** Keeps the context and reports `connected`. Starting again after `stop` is allowed. */
  start(context: AdapterContext): Promise<void> {
    if (this.running) return Promise.reject(new Error('LoopbackAdapter is already started'));
    this.context = context;
    this.running = true;
    context.health.report('connecting');
    context.health.report('connected');
    return Promise.resolve();
  }

  /** Stops receiving, then waits for in-flight sends to finish. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled([...this.inFlight]);
  }

  send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    if (!this.running) return Promise.reject(new TransientError('the loopback adapter is not running', 'loopback.stopped'));
    const attempt = this.deliver(message, signal);
    this.inFlight.add(attempt);
    const forget = (): void => void this.inFlight.delete(attempt);
    attempt.then(forget, forget);
    return attempt;
  }

  markRead(chatId: string, externalMessageIds: string[]): Promise<void> {
    if (!this.running) return Promise.reject(new TransientError('the loopback adapter is not running', 'loopback.stopped'));
    this.readMarks.push({ chatId, externalMessageIds: [...externalMessageIds], at: this.clock.now() });
    return Promise.resolve();
  }

  // --- Test side: the customer ----------------------------------------------------------------

  /**
   * The customer writes in `chatId`. Resolves with the sink's ack; rejects when the sink rejects
   * or the adapter is not receiving, and then the message stays unacknowledged upstream.
   */
  customerSends(chatId: string, input: string | CustomerMessageInput = {}): Promise<InboundAck> {
    const message = this.inboundMessage(chatId, typeof input === 'string' ? { text: input } : input);
    this.unackedMessages.push(message);
    return this.offer(message);
  }

  /** The customer's messenger reports delivery or reading of messages `send` returned ids for. */
  async customerReceipts(chatId: string, kind: ReceiptKind, externalMessageIds: string[]): Promise<InboundAck> {
    const context = this.receivingContext();
    return context.inbound.receipt({ chatId, kind, externalMessageIds: [...externalMessageIds], at: this.clock.now() });
  }

  /**
   * Offers every unacknowledged message again, oldest first, as a messenger does after a failed
   * ack. Stops at the first rejection (later messages stay unacknowledged) and rethrows it.
   */
  async redeliverUnacked(): Promise<InboundAck[]> {
    const acks: InboundAck[] = [];
    for (const message of [...this.unackedMessages]) acks.push(await this.offer(message));
    return acks;
  }

  /** Customer messages not acknowledged yet, oldest first. */
  get unacked(): InboundMessage[] {
    return structuredClone(this.unackedMessages);
  }

  /** Messages delivered to customers, in order; only one chat's when given. */
  sent(chatId?: string): DeliveredMessage[] {
    return structuredClone(this.delivered.filter((m) => chatId === undefined || m.chatId === chatId));
  }

  /** Every `send` call, retries and refused ones included, in order. */
  sendAttempts(): OutboundMessage[] {
    return structuredClone(this.attempts);
  }

  // --- Test side: faults and health -----------------------------------------------------------

  /** The next `count` sends fail (after their latency) with a typed error. */
  failNextSends(count: number, kind: 'transient' | 'permanent', retryAfterMs?: number): void {
    for (let i = 0; i < count; i += 1) {
      this.sendFaults.push(
        kind === 'transient'
          ? new TransientError('the loopback messenger is unavailable (injected)', 'loopback.unavailable', retryAfterMs === undefined ? {} : { retryAfterMs })
          : new PermanentError('the customer blocked the account (injected)', 'loopback.blocked'),
      );
    }
  }

  setSendLatency(ms: number): void {
    this.sendLatencyMs = ms;
  }

  /** Reports health as the adapter would on connection trouble. */
  reportHealth(state: HealthState, detail?: string): void {
    this.context?.health.report(state, detail);
  }

  // --- Internals ------------------------------------------------------------------------------

  private async offer(message: InboundMessage): Promise<InboundAck> {
    const context = this.receivingContext();
    const ack = await context.inbound.message(message);
    const index = this.unackedMessages.indexOf(message);
    if (index >= 0) this.unackedMessages.splice(index, 1);
    return ack;
  }

  private receivingContext(): AdapterContext {
    const context = this.context;
    if (!this.running || !context || context.signal.aborted) {
      throw new Error('the loopback adapter is not receiving (not started, or stopped)');
    }
    return context;
  }

  /** Idempotency first (a known id needs no network), then the network: faults, latency, limits. */
  private async deliver(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    this.attempts.push(structuredClone(message));
    signal.throwIfAborted();
    const known = this.deliveredIds.get(message.parleyMessageId);
    if (known !== undefined) return { externalMessageId: known };
    const fault = this.sendFaults.shift();
    if (this.sendLatencyMs > 0) await this.clock.sleep(this.sendLatencyMs, signal);
    signal.throwIfAborted();
    if (fault) throw fault;
    this.refuseUnsendable(message);
    const again = this.deliveredIds.get(message.parleyMessageId);
    if (again !== undefined) return { externalMessageId: again };
    return { externalMessageId: this.record(message) };
  }

  /** What a real messenger refuses; the engine should never get this far with such a message. */
  private refuseUnsendable(message: OutboundMessage): void {
    const { maxTextLength, attachments } = this.descriptor.capabilities;
    if (message.text === undefined && message.attachment === undefined) {
      throw new PermanentError('a message needs a text or an attachment', 'loopback.empty');
    }
    if ((message.text?.length ?? 0) > maxTextLength) {
      throw new PermanentError(`text longer than ${maxTextLength} characters`, 'loopback.too_long');
    }
    if (message.attachment && !attachments.outbound) {
      throw new PermanentError('this messenger carries no files', 'loopback.attachments_unsupported');
    }
    if (message.attachment && message.attachment.data.byteLength > attachments.maxBytes) {
      throw new PermanentError(`file larger than ${attachments.maxBytes} bytes`, 'loopback.too_large');
    }
  }

  private record(message: OutboundMessage): string {
    this.outboundSeq += 1;
    const externalMessageId = `${this.idPrefix}-out-${this.outboundSeq}`;
    this.deliveredIds.set(message.parleyMessageId, externalMessageId);
    this.delivered.push(
      structuredClone({
        chatId: message.chatId,
        externalMessageId,
        parleyMessageId: message.parleyMessageId,
        ...(message.text === undefined ? {} : { text: message.text }),
        ...(message.attachment === undefined ? {} : { attachment: message.attachment }),
        sender: message.sender,
        ...(message.replyToExternalMessageId === undefined ? {} : { replyToExternalMessageId: message.replyToExternalMessageId }),
        at: this.clock.now(),
      }),
    );
    return externalMessageId;
  }

  private inboundMessage(chatId: string, input: CustomerMessageInput): InboundMessage {
    this.inboundSeq += 1;
    return {
      chatId,
      sender: { id: chatId, displayName: `Customer ${chatId}`, ...input.sender },
      externalMessageId: input.externalMessageId ?? `${this.idPrefix}-in-${this.inboundSeq}`,
      sentAt: input.sentAt ?? this.clock.now(),
      ...(input.text === undefined ? {} : { text: input.text }),
      attachments: input.attachments ?? [],
      ...(input.replyTo === undefined ? {} : { replyToExternalMessageId: input.replyTo }),
      ...(input.editOf === undefined ? {} : { editOfExternalMessageId: input.editOf }),
    };
  }
}
