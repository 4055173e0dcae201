import { TOKENS, type MessengerAdapter } from '@parley/core';
import { Container } from 'inversify';
import { parseTelegramOptions } from './config.js';
import { TelegramAdapter } from './telegram-adapter.js';
import { createTelegramModule } from './telegram-module.js';

describe('createTelegramModule', () => {
  it("binds the adapter and its options under core's tokens", () => {
    const options = parseTelegramOptions({ token: '123456:AAH-module-spec-token_0123456789' });
    const container = new Container();
    container.load(createTelegramModule(options));
    expect(container.get<MessengerAdapter>(TOKENS.Adapter)).toBeInstanceOf(TelegramAdapter);
    expect(container.get(TOKENS.AdapterOptions)).toBe(options);
  });
});
