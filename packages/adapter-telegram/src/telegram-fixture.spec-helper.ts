import { createRecordingContext, startRouteServer, type RecordingContext, type RouteServer } from '@parley/testing';
import { parseTelegramOptions, type TelegramMode } from './config.js';
import { TelegramAdapter } from './telegram-adapter.js';
import { startBotApiSimulator, type BotApiSimulator, type BotApiSimulatorOptions, type SimulatedCustomer } from './testing/index.js';

/** The bot's customer in these specs. */
export const CUSTOMER = { id: 4242, firstName: 'Anna', lastName: 'Muster', username: 'anna_m', languageCode: 'de' };
export const CHAT = String(CUSTOMER.id);

export interface TelegramFixture {
  sim: BotApiSimulator;
  customer: SimulatedCustomer;
  adapter: TelegramAdapter;
  context: RecordingContext;
  routes?: RouteServer;
  close(): Promise<void>;
}

/**
 * A Telegram adapter wired to a fresh Bot API simulator over loopback HTTP. Pacing is lifted so
 * specs run fast (the pacer has its own spec); webhook mode serves the adapter's route over HTTP.
 */
export async function telegramFixture(options: { mode?: TelegramMode; options?: Record<string, unknown>; sim?: BotApiSimulatorOptions; start?: boolean } = {}): Promise<TelegramFixture> {
  const sim = await startBotApiSimulator({ webhookRetryDelayMs: 50, ...options.sim });
  const customer = sim.customer(CUSTOMER);
  const mode = options.mode ?? 'polling';
  const routes = mode === 'webhook' ? await startRouteServer() : undefined;
  const adapter = new TelegramAdapter(
    parseTelegramOptions({
      token: sim.token,
      apiRoot: sim.url,
      mode,
      polling: { timeoutSeconds: 1 },
      pacing: { perChatPerSecond: 1000, perChatBurst: 1000, perBotPerSecond: 10_000 },
      ...options.options,
    }),
  );
  const context = createRecordingContext({ messengerId: 'telegram', ...(routes ? { http: routes.registrar } : {}) });
  if (routes) await adapter.setup({ messengerId: 'telegram', publicUrl: (path) => routes.registrar.publicUrl(path), dryRun: false, resendSecrets: false, logger: context.logger, signal: context.signal });
  if (options.start !== false) await adapter.start(context);
  return {
    sim,
    customer,
    adapter,
    context,
    ...(routes ? { routes } : {}),
    close: async () => {
      context.controller.abort();
      await adapter.stop();
      await sim.close();
      await routes?.close();
    },
  };
}

/** A live signal for one send. */
export function live(): AbortSignal {
  return new AbortController().signal;
}
