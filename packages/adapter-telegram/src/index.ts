/**
 * @parley/adapter-telegram: Telegram for Parley. The host loads it by package name through
 * `parleyAdapter`; tests and demos use the Bot API simulator from `@parley/adapter-telegram/testing`.
 */
import type { AdapterPlugin } from '@parley/core';
import { TELEGRAM_DESCRIPTOR } from './capabilities.js';
import { parseTelegramOptions, type TelegramOptions } from './config.js';
import { createTelegramModule } from './telegram-module.js';

export { TELEGRAM_DESCRIPTOR, TELEGRAM_LIMITS } from './capabilities.js';
export { parseTelegramOptions, type TelegramMode, type TelegramOptions } from './config.js';
export { toParleyError } from './errors.js';
export { TelegramAdapter } from './telegram-adapter.js';
export { createTelegramModule } from './telegram-module.js';
export { SECRET_HEADER, WEBHOOK_PATH, deriveWebhookSecret } from './webhook-receiver.js';

/** What the host imports: `adapter: "@parley/adapter-telegram"` in the configuration. */
export const parleyAdapter: AdapterPlugin<TelegramOptions> = {
  descriptor: TELEGRAM_DESCRIPTOR,
  parseOptions: parseTelegramOptions,
  createModule: (options) => createTelegramModule(options),
  // The bot's id is the token's part before the colon: it names the bot without revealing the token.
  accountOf: (options) => `bot ${options.token.split(':')[0]}`,
};
