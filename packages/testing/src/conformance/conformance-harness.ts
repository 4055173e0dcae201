import type { MessengerAdapter, RouteRegistrar } from '@parley/core';

/**
 * What an adapter author gives the conformance suite: the adapter, wired to a simulator of its
 * messenger, and a few handles on that simulator. The suite builds the `AdapterContext` itself
 * (a recording sink it can make reject, recorded health, in-memory state), starts and stops the
 * adapter, and calls `teardown` after every check, passed or failed.
 *
 * Keep the harness honest: drive the simulator over the same wire the real messenger speaks
 * (STYLE §10), so the suite tests the adapter's real inbound and outbound paths.
 */
export interface ConformanceHarness {
  /**
   * A fresh adapter, not started, connected to this harness's simulator. Its sends should take
   * real time (as over HTTP), so that "stop() waits for an in-flight send" has one in flight.
   */
  readonly adapter: MessengerAdapter;
  /**
   * The chat the suite talks in, as the adapter names it (`InboundMessage.chatId`, the chat id
   * `send` takes). Must be a chat the adapter may send to. Default `conformance-chat`.
   */
  readonly chatId?: string;
  readonly customer: ConformanceCustomer;
  readonly faults: ConformanceFaults;
  /**
   * Prompts the messenger to offer unacknowledged messages again (a webhook retry, the next
   * poll); the suite may call it several times while it waits. Leave it out when the adapter
   * gets them again on its own within the suite's timeout (a poll loop re-fetching from the last
   * acknowledged offset). Messengers that cannot redeliver at all pass `redelivers: false` in
   * {@link ConformanceOptions} instead.
   */
  redeliver?(): Promise<void>;
  /**
   * Webhook-mode adapters: where their routes are mounted so the simulator can reach them (the
   * harness serves them over HTTP). The suite still records them. Default: recorded only.
   */
  readonly http?: RouteRegistrar;
  /** Releases the simulator (servers, sockets, temp dirs). Called once per check, after `stop`. */
  teardown(): Promise<void>;
}

/** The customer's side of the chat, in the simulator. */
export interface ConformanceCustomer {
  /**
   * The customer writes `text` in `chatId`. Resolves once the messenger has the message, not when
   * the adapter has processed it (the suite waits for the sink). Must not reject because the
   * adapter failed to take the message: the customer cannot tell.
   */
  sendText(chatId: string, text: string): Promise<void>;
  /** Texts the customer has received in `chatId`, oldest first (each containing what was sent). */
  received(chatId: string): Promise<readonly string[]> | readonly string[];
}

/** Failures the simulator injects. */
export interface ConformanceFaults {
  /**
   * The messenger fails the adapter's next send attempt: `transient` as a 5xx, 429 or timeout
   * would, `permanent` as a refusal that retrying cannot fix (blocked, unknown chat). The message
   * must not reach the customer through the failed attempt.
   */
  failNextSend(kind: 'transient' | 'permanent'): Promise<void> | void;
}

/** Makes one fresh harness per check. */
export type ConformanceSetup = () => Promise<ConformanceHarness>;

/** Per-messenger settings of the suite; all optional. */
export interface ConformanceOptions {
  /** How long to wait for something to happen (a message at the sink or the customer). Default 2000 ms. */
  timeoutMs?: number;
  /** How long to watch for something that must not happen (a duplicate). Default 200 ms. */
  quietMs?: number;
  /**
   * False when the messenger cannot offer a message again once the adapter failed to take it
   * (then the adapter cannot avoid losing it, and the redelivery check is skipped). Default true.
   */
  redelivers?: boolean;
}
