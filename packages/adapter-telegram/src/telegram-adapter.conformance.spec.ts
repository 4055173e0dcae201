import { silentLogger } from '@parley/core';
import { describeAdapterConformance, startRouteServer, type ConformanceHarness } from '@parley/testing';
import { parseTelegramOptions, type TelegramMode } from './config.js';
import { CHAT, CUSTOMER } from './telegram-fixture.spec-helper.js';
import { TelegramAdapter } from './telegram-adapter.js';
import { startBotApiSimulator } from './testing/index.js';

/* The MessengerAdapter contract, against the Bot API simulator over the wire, in both receiving modes. */

async function harness(mode: TelegramMode): Promise<ConformanceHarness> {
  const sim = await startBotApiSimulator({ webhookRetryDelayMs: 50 });
  const customer = sim.customer(CUSTOMER);
  const routes = mode === 'webhook' ? await startRouteServer() : undefined;
  const adapter = new TelegramAdapter(
    parseTelegramOptions({ token: sim.token, apiRoot: sim.url, mode, polling: { timeoutSeconds: 1 }, pacing: { perChatPerSecond: 1000, perChatBurst: 1000, perBotPerSecond: 10_000 } }),
  );
  if (routes) {
    await adapter.setup({ messengerId: 'conformance', publicUrl: (path) => routes.registrar.publicUrl(path), dryRun: false, resendSecrets: false, logger: silentLogger, signal: new AbortController().signal });
  }
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
    teardown: async () => {
      await sim.close();
      await routes?.close();
    },
  };
}

describeAdapterConformance('TelegramAdapter (long polling)', () => harness('polling'), { timeoutMs: 5000 });
describeAdapterConformance('TelegramAdapter (webhook)', () => harness('webhook'), { timeoutMs: 5000 });
