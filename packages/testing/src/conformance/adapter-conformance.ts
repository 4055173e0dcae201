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
import type { ConformanceOptions, ConformanceSetup } from './conformance-harness.js';
import { DEFAULT_QUIET_MS, DEFAULT_TIMEOUT_MS } from './conformance-session.js';

export type ConformanceCheckId =
  | 'descriptor'
  | 'start-health'
  | 'inbound'
  | 'redelivery'
  | 'outbound'
  | 'send-errors'
  | 'idempotent-send'
  | 'stop-drains'
  | 'aborted-send';

/** One clause of the `MessengerAdapter` contract and the check that proves an adapter keeps it. */
export interface ConformanceCheck {
  readonly id: ConformanceCheckId;
  /** Reads as a jest test name. */
  readonly title: string;
  readonly run: ConformanceCheckFn;
}

/** Every check of the suite, in the order `describeAdapterConformance` runs them. */
export const ADAPTER_CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  { id: 'descriptor', title: 'has a valid, consistent descriptor that start() does not change', run: checkDescriptor },
  { id: 'start-health', title: 'starts and reports its health as state', run: checkStartReportsHealth },
  { id: 'inbound', title: 'hands a customer message to the sink with chat, stable id, sender, text and time', run: checkInboundMessage },
  { id: 'redelivery', title: 'does not lose a message the sink rejected: it is offered again with the same id', run: checkRedeliveryAfterSinkRejection },
  { id: 'outbound', title: 'sends a message the customer receives and returns its external id', run: checkOutboundSend },
  { id: 'send-errors', title: 'fails sends with TransientError or PermanentError, and a retry delivers once', run: checkSendErrorsAreTyped },
  { id: 'idempotent-send', title: 'does not deliver twice when send() is repeated with the same parleyMessageId', run: checkSendIsIdempotent },
  { id: 'stop-drains', title: 'stop() finishes in-flight sends, is idempotent and stops receiving', run: checkStopDrainsSends },
  { id: 'aborted-send', title: 'send() with an aborted signal rejects and delivers nothing', run: checkSendHonoursAbortedSignal },
];

/**
 * The conformance suite: one call in an adapter's jest spec registers a `describe` block with one
 * test per contract clause, each against a fresh harness from `setup`. A messenger that cannot
 * redeliver passes `{ redelivers: false }` and that check shows as skipped, not as passed.
 *
 * ```ts
 * describeAdapterConformance('TelegramAdapter', async () => {
 *   const bot = await startBotApiSimulator();
 *   return { adapter: new TelegramAdapter({ token: bot.token, apiRoot: bot.url }), chatId: '42',
 *     customer: { sendText: (chat, text) => bot.userWrites(chat, text), received: (chat) => bot.textsTo(chat) },
 *     faults: { failNextSend: (kind) => bot.failNext('sendMessage', kind === 'transient' ? 502 : 403) },
 *     teardown: () => bot.close() };
 * });
 * ```
 */
export function describeAdapterConformance(name: string, setup: ConformanceSetup, options: ConformanceOptions = {}): void {
  // Room for the longest check: several waits and quiet periods, plus setup and teardown.
  const jestTimeoutMs = 4 * (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 2 * (options.quietMs ?? DEFAULT_QUIET_MS) + 5_000;
  describe(`${name} keeps the MessengerAdapter contract`, () => {
    for (const check of ADAPTER_CONFORMANCE_CHECKS) {
      const register = check.id === 'redelivery' && options.redelivers === false ? it.skip : it;
      register(check.title, () => check.run(setup, options), jestTimeoutMs);
    }
  });
}
