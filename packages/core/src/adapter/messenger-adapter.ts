import type { InboundSink } from '../ports/inbound-sink.js';
import type { DurableKeyValue } from '../ports/durable-key-value.js';
import type { Logger } from '../ports/logger.js';
import type { OutboundMessage, SendResult } from '../messages/outbound-message.js';
import type { AdapterDescriptor } from './adapter-descriptor.js';
import type { AdapterSetupContext, AdapterSetupItem } from './adapter-setup.js';
import type { HealthReporter } from './health.js';
import type { RouteRegistrar } from './route-registrar.js';

/** What the engine gives an adapter instance when it starts. */
export interface AdapterContext {
  /** The configured instance, e.g. `signal-private`; several instances may share one kind. */
  messengerId: string;
  inbound: InboundSink;
  health: HealthReporter;
  state: DurableKeyValue;
  http: RouteRegistrar;
  logger: Logger;
  /** Aborted when the host shuts down; long polls and reconnect loops must end on it. */
  signal: AbortSignal;
  /**
   * Runs `work` only while this instance holds the named lease (single-consumer receivers:
   * one long poller per bot token, one IMAP mailbox), so across all host instances exactly one
   * runs it. Waits while another instance holds the lease; when this instance loses it, `work`'s
   * signal is aborted and, once `work` returns, it stands by to take the lease again (fail-over).
   * Resolves when `work` returns on its own or the host stops; rejects when `work` throws.
   */
  exclusive(name: string, work: (signal: AbortSignal) => Promise<void>): Promise<void>;
}

/**
 * A messenger, as the engine sees it. Adapters translate; the engine decides (linking, dedupe,
 * ordering, retries live in core). Errors thrown from `send` must be a `TransientError` (try
 * again later) or a `PermanentError` (will never work); see `errors/parley-error.ts`.
 */
export interface MessengerAdapter {
  readonly descriptor: AdapterDescriptor;
  /** Begins receiving. Resolves once started; connection trouble is reported through health. */
  start(context: AdapterContext): Promise<void>;
  /**
   * Stops receiving and waits for in-flight sends to finish (they should complete, not fail).
   * Idempotent, and harmless before `start`. The engine calls it after its workers stopped.
   */
  stop(): Promise<void>;
  /**
   * Sends one message to the customer. Called in order per chat, never concurrently for one chat.
   * Idempotent by `message.parleyMessageId` where the messenger lets the adapter tell: a repeated
   * call (after a crash or a lost answer) returns the first call's `externalMessageId` and
   * delivers nothing new. Must honour `signal`: when it is aborted, give up and reject (with
   * `signal.reason` or a `TransientError`); the engine retries or reports later.
   */
  send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult>;
  /**
   * Optional: tells the messenger the agent has read these customer messages (read receipts
   * towards the customer). Independent of `capabilities.readReceipts`, which says whether the
   * messenger reports the customer's reads to Parley.
   */
  markRead?(chatId: string, externalMessageIds: string[]): Promise<void>;
  /**
   * Optional: makes the messenger's side match the configuration (e.g. registers a webhook URL
   * and secret). Called by `parley setup` and by the host before serving, on an adapter that has
   * not been started; idempotent, and with `dryRun` it only reads. Rejects with a
   * `TransientError` (try later) or `PermanentError` (the messenger refused) naming the item.
   */
  setup?(context: AdapterSetupContext): Promise<AdapterSetupItem[]>;
}
