import { TOKENS } from '@parley/core';
import { ContainerModule } from 'inversify';
import type { TelegramOptions } from './config.js';
import { TelegramAdapter } from './telegram-adapter.js';

/** Tokens this package binds besides core's `TOKENS.Adapter`. */
export const TELEGRAM_TOKENS = {
  Options: Symbol.for('@parley/adapter-telegram/Options'),
} as const;

/** The inversify module of one Telegram messenger instance: its options and its adapter. */
export function createTelegramModule(options: TelegramOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TELEGRAM_TOKENS.Options).toConstantValue(options);
    bind(TOKENS.Adapter).toConstantValue(new TelegramAdapter(options));
  });
}
