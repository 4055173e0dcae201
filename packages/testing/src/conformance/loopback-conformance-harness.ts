import { LoopbackAdapter } from '../adapter/loopback-adapter.js';
import type { ConformanceHarness } from './conformance-harness.js';

/**
 * The conformance harness of {@link LoopbackAdapter}, and the smallest worked example of one.
 * The loopback adapter is its own simulator, so the customer side calls its test API. Sends take
 * a few real milliseconds so that "stop() drains an in-flight send" has something in flight.
 */
export function loopbackConformanceHarness(adapter: LoopbackAdapter = new LoopbackAdapter({ sendLatencyMs: 20 })): Promise<ConformanceHarness> {
  return Promise.resolve({
    adapter,
    customer: {
      // The customer cannot tell whether the adapter took the message: swallow the sink's verdict.
      sendText: (chatId, text) => adapter.customerSends(chatId, { text }).then(ignore, ignore),
      received: (chatId) => adapter.sent(chatId).map((m) => m.text ?? ''),
    },
    faults: { failNextSend: (kind) => adapter.failNextSends(1, kind) },
    redeliver: () => adapter.redeliverUnacked().then(ignore, ignore),
    teardown: () => Promise.resolve(),
  });
}

function ignore(): void {
  // Outcomes the customer's side does not see.
}
