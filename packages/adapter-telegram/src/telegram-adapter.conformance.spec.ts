import { describeAdapterConformance, type ConformanceHarness } from '@parley/testing';
import type { TelegramMode } from './config.js';
import { CHAT, telegramFixture } from './telegram-fixture.spec-helper.js';

/* The MessengerAdapter contract, against the Bot API simulator over the wire, in both receiving modes. */

async function harness(mode: TelegramMode): Promise<ConformanceHarness> {
  // The suite builds its own context and starts the adapter itself.
  const { sim, customer, adapter, routes, close } = await telegramFixture({ mode, start: false });
  // Real round trips take a moment, so "stop() drains an in-flight send" has one in flight.
  sim.setLatency('sendMessage', 30);
  return {
    adapter,
    chatId: CHAT,
    ...(routes ? { http: routes.registrar } : {}),
    customer: {
      sendText: async (_chatId, text) => void customer.sendText(text),
      received: () => customer.receivedTexts(),
    },
    faults: {
      failNextSend: (kind) =>
        sim.failNext('sendMessage', kind === 'transient' ? { errorCode: 502, description: 'Bad Gateway' } : { errorCode: 403, description: 'Forbidden: bot was blocked by the user' }),
    },
    teardown: close,
  };
}

describeAdapterConformance('TelegramAdapter (long polling)', () => harness('polling'), { timeoutMs: 5000 });
describeAdapterConformance('TelegramAdapter (webhook)', () => harness('webhook'), { timeoutMs: 5000 });
