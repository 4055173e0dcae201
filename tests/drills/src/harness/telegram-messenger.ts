import type { TelegramMode, TelegramOptions } from '@parley/adapter-telegram';
import type { BotApiSimulatorOptions } from '@parley/adapter-telegram/testing';

/** The id of a drill's Telegram messenger: its routes are `/messengers/telegram/…`. */
export const TELEGRAM_MESSENGER_ID = 'telegram';

/** What a drill asks for: a Telegram messenger on its hosts and an in-process Bot API simulator. */
export interface TelegramDrillOptions {
  mode: TelegramMode;
  /** The adapter's outbound pacing; the adapter's defaults for what is left out. */
  pacing?: Partial<TelegramOptions['pacing']>;
  /** Options of the Bot API simulator (flood control, limits …). */
  simulator?: BotApiSimulatorOptions;
}

/** The Telegram messenger as one host's configuration needs it. */
export interface TelegramMessengerInput {
  token: string;
  /** The simulator's URL. */
  apiRoot: string;
  mode: TelegramMode;
  pacing?: Partial<TelegramOptions['pacing']>;
}

/**
 * The YAML lines of the Telegram messenger under `messengers:`. Long polls last one second, so a
 * stopping host is not held up by a poll in flight. Options are written as JSON (valid YAML, and
 * an undefined `pacing` drops out), so no value needs quoting by hand.
 */
export function telegramMessengerYaml(input: TelegramMessengerInput): string[] {
  const options = {
    token: input.token,
    apiRoot: input.apiRoot,
    mode: input.mode,
    polling: { timeoutSeconds: 1 },
    pacing: input.pacing,
  };
  return [
    `  ${TELEGRAM_MESSENGER_ID}:`,
    '    adapter: "@parley/adapter-telegram"',
    '    channel: { name: "Drill Telegram" }',
    `    options: ${JSON.stringify(options)}`,
  ];
}
