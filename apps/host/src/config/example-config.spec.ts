import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parleyAdapter as telegram } from '@parley/adapter-telegram';
import { loadConfig } from './load-config.js';

const EXAMPLE = join(__dirname, '..', '..', 'parley.example.yaml');
const ENV = {
  UNBLU_USER: 'parley-svc',
  UNBLU_WEBHOOK_SECRET: 'webhook-secret-0123456789',
  UNBLU_NAMED_AREA_ID: 'area-42',
  TELEGRAM_TOKEN: '123456:AAH-example-telegram-token_0123',
};
const PASSWORD_FILE = '/run/secrets/unblu_password';

describe('parley.example.yaml', () => {
  it('passes the loader with the variables and files it names', () => {
    const readFile = (path: string): string => (path === PASSWORD_FILE ? 'unblu-password\n' : readFileSync(path, 'utf8'));
    const config = loadConfig(EXAMPLE, ENV, readFile);
    expect(config.unblu.auth).toEqual({ type: 'basic', username: 'parley-svc', password: 'unblu-password' });
    expect(config.unblu.recipient).toEqual({ type: 'NAMED_AREA', id: 'area-42' });
    expect(Object.keys(config.messengers)).toEqual(['signal-private', 'telegram']);
    expect(config.secrets).toEqual(expect.arrayContaining([...Object.values(ENV), 'unblu-password']));
  });

  it('gives the Telegram adapter options it accepts', () => {
    const config = loadConfig(EXAMPLE, ENV, (path) => (path === PASSWORD_FILE ? 'unblu-password\n' : readFileSync(path, 'utf8')));
    expect(telegram.parseOptions(config.messengers['telegram']?.options)).toMatchObject({ token: ENV.TELEGRAM_TOKEN, mode: 'polling' });
  });
});
