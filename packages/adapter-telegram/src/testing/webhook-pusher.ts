import { setMaxListeners } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Update } from 'grammy/types';
import { abortableDelay } from './abortable-delay.js';
import { nowSeconds } from './unix-time.js';
import type { SimulatedBot, WebhookSettings } from './simulated-bot.js';

export interface PushTiming {
  retryDelayMs: number;
  timeoutMs: number;
}

/**
 * Pushes one bot's pending updates to its webhook as Telegram does: as JSON POSTs with
 * `X-Telegram-Bot-Api-Secret-Token` when a secret was set, over up to `max_connections` requests
 * at once. With one connection the updates go strictly in order; with more, several are in flight
 * together and may be answered (and stored) in any order — Telegram promises no order across
 * connections either. A 2xx confirms the update; anything else records last_error_date/
 * last_error_message and the update is pushed again after `retryDelayMs` (Telegram gives up after
 * "a reasonable amount of attempts"; the simulator never does). Answer bodies are ignored: webhook
 * replies are not simulated.
 */
export class WebhookPusher {
  private controller: AbortController | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly bot: SimulatedBot,
    private readonly timing: PushTiming,
  ) {}

  /** Starts pushing to the bot's current webhook, abandoning pushes in flight to an earlier one. */
  restart(): void {
    this.controller?.abort();
    const controller = new AbortController();
    // Every connection's request and wait listens on this one signal: up to 100 at once is normal.
    setMaxListeners(0, controller.signal);
    this.controller = controller;
    this.running = this.running.then(() => this.run(controller.signal));
  }

  /** Stops pushing; resolves once no push is in flight. */
  async stop(): Promise<void> {
    this.controller?.abort();
    this.controller = undefined;
    await this.running;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const inFlight = new Set<number>();
    const connections = this.bot.webhook?.maxConnections ?? 1;
    await Promise.all(Array.from({ length: connections }, () => this.connection(inFlight, signal)));
  }

  /** One connection: pushes the oldest update no other connection holds, until stopped. */
  private async connection(inFlight: Set<number>, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.bot.webhook) {
      const update = this.bot.updates.pending().find((pending) => !inFlight.has(pending.update_id));
      if (!update) {
        await this.bot.updates.nextPush(signal);
        continue;
      }
      inFlight.add(update.update_id);
      const failure = await postUpdate(this.bot.webhook, update, this.timing.timeoutMs, signal);
      if (failure === undefined && !signal.aborted) this.bot.updates.confirm(update.update_id);
      if (failure !== undefined && !signal.aborted) {
        this.bot.lastWebhookError = { date: nowSeconds(), message: failure };
        await abortableDelay(this.timing.retryDelayMs, signal);
      }
      inFlight.delete(update.update_id);
    }
  }
}

/** POSTs one update; resolves with undefined for a 2xx, else with Telegram's kind of error message. Never rejects. */
function postUpdate(webhook: WebhookSettings, update: Update, timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const url = new URL(webhook.url);
    const body = JSON.stringify(update);
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (webhook.secretToken) headers['x-telegram-bot-api-secret-token'] = webhook.secretToken;
    let timedOut = false;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { method: 'POST', headers, agent: false, timeout: timeoutMs, signal }, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      response.on('end', () => resolve(status >= 200 && status < 300 ? undefined : `Wrong response from the webhook: ${status} ${response.statusMessage ?? ''}`.trim()));
      response.on('error', () => resolve(timedOut ? 'Read timeout expired' : 'Connection reset by peer'));
    });
    request.on('timeout', () => {
      timedOut = true;
      request.destroy(new Error('webhook push timed out'));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(timedOut ? 'Read timeout expired' : connectionError(error)));
    request.end(body);
  });
}

const connectionErrors: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ENOTFOUND: 'Failed to resolve host: Name or service not known',
  EAI_AGAIN: 'Failed to resolve host: Name or service not known',
};

function connectionError(error: NodeJS.ErrnoException): string {
  return connectionErrors[error.code ?? ''] ?? `Connection failed: ${error.message}`;
}
