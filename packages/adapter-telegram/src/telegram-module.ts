import { TOKENS } from '@parley/core';
import { ContainerModule } from 'inversify';
import type { TelegramOptions } from './config.js';
import { TelegramAdapter } from './telegram-adapter.js';

/** The inversify module of one Telegram messenger instance: its options and its adapter. */
export function createTelegramModule(options: TelegramOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.AdapterOptions).toConstantValue(options);
    bind(TOKENS.Adapter).toConstantValue(new TelegramAdapter(options));
  });
}
