import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBotApiSimulator, type BotApiSimulator } from '@parley/adapter-telegram/testing';
import { LoopbackAdapter } from '@parley/testing';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import type { Logger as PinoLogger } from 'pino';
import { parseConfig } from '../config/index.js';
import { startHost, type RunningHost } from '../host.js';
import { listen, type RunningServer } from '../server/listen.js';
import { createCustomerApp } from './customer-app.js';

export interface SandboxOptions {
  /** Unblu simulator port (default 7700); Parley takes the next one, the customer page the one after. */
  port?: number;
  /** Parley's port (default `port + 1`). */
  parleyPort?: number;
  /** The customer page's port (default `port + 2`). */
  customerPort?: number;
  /** The Telegram Bot API simulator's port, with its customer page (default `port + 3`). */
  telegramPort?: number;
  apiVersion?: 'v4' | 'v3';
  /** Where the SQLite store lives (default `.parley/sandbox`); it starts empty on every run. */
  dataDir?: string;
  logger?: PinoLogger;
}

export interface RunningSandbox {
  sim: UnbluSimulator;
  telegram: BotApiSimulator;
  host: RunningHost;
  agentUrl: string;
  customerUrl: string;
  /** The Telegram simulator's page: play a Telegram customer of the sandbox bot. */
  telegramUrl: string;
  close(): Promise<void>;
}

/**
 * The embedded default (`npm start`): the Unblu simulator, Parley on SQLite with two messengers
 * (a loopback one with its customer page, and Telegram against the Bot API simulator, whose page
 * plays Telegram customers), wired together on loopback. No account anywhere.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const port = options.port ?? 7700;
  const apiVersion = options.apiVersion ?? 'v4';
  const dataDir = resolve(options.dataDir ?? join('.parley', 'sandbox'));
  mkdirSync(dataDir, { recursive: true });
  // Both simulators start empty, so the store must too: links to conversations the new Unblu
  // simulator never had, and dedupe keys of message ids the simulators hand out again, would
  // swallow the first messages of the new run.
  for (const file of ['parley.db', 'parley.db-wal', 'parley.db-shm']) rmSync(join(dataDir, file), { force: true });
  const sim = await startUnbluSimulator({ port, apiVersion, host: '127.0.0.1' });
  let telegram: BotApiSimulator | undefined;
  let host: RunningHost | undefined;
  let customer: RunningServer | undefined;
  try {
    telegram = await startBotApiSimulator({ port: options.telegramPort ?? port + 3, bot: { username: 'sandbox_bank_bot', firstName: 'Sandbox Bank' } });
    host = await startHost({ config: sandboxConfig(sim, telegram, options.parleyPort ?? port + 1, apiVersion, dataDir), logger: options.logger });
    const adapter = host.messengers.find((m) => m.messengerId === 'loopback')?.adapter;
    if (!(adapter instanceof LoopbackAdapter)) throw new Error('the sandbox needs its loopback messenger');
    customer = await listen(createCustomerApp(adapter), '127.0.0.1', options.customerPort ?? port + 2);
  } catch (error) {
    await host?.close();
    await telegram?.close();
    await sim.close();
    throw error;
  }
  const started = { host, customer, telegram };
  return {
    sim,
    telegram,
    host,
    agentUrl: sim.agentPageUrl,
    customerUrl: customer.url,
    telegramUrl: telegram.url,
    close: async () => {
      await started.customer.close();
      await started.host.close();
      await started.telegram.close();
      await sim.close();
    },
  };
}

function sandboxConfig(sim: UnbluSimulator, telegram: BotApiSimulator, port: number, apiVersion: 'v4' | 'v3', dataDir: string) {
  const text = `
unblu:
  baseUrl: ${sim.apiBaseUrl}
  apiVersion: ${apiVersion}
  auth: { username: admin, password: admin }
  publicUrl: http://127.0.0.1:${port}
  secret: ${randomBytes(24).toString('hex')}
store: sqlite:${join(dataDir, 'parley.db')}
server: { host: 127.0.0.1, port: ${port} }
engine: { pollIntervalMs: 100 }
log: { level: warn }
messengers:
  loopback:
    adapter: "@parley/testing"
    channel: { name: "Sandbox loopback messenger" }
    closingText: "The conversation has ended. Write again any time."
  telegram:
    adapter: "@parley/adapter-telegram"
    channel: { name: "Sandbox Telegram" }
    closingText: "The conversation has ended. Write again any time."
    options:
      token: "${telegram.token}"
      apiRoot: ${telegram.url}
      greeting: "Welcome to the sandbox bank. How can we help?"
`;
  return parseConfig(text, {}, 'sandbox');
}
