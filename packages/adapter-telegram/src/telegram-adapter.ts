import { setTimeout as sleep } from 'node:timers/promises';
import {
  PermanentError,
  type AdapterContext,
  type AdapterSetupContext,
  type AdapterSetupItem,
  type HealthReporter,
  type MessengerAdapter,
  type OutboundMessage,
  type SendResult,
  type TransientError,
} from '@parley/core';
import { Api } from 'grammy';
import { TELEGRAM_DESCRIPTOR } from './capabilities.js';
import type { TelegramOptions } from './config.js';
import { TOKEN_REFUSED, isUnauthorized, toParleyError } from './errors.js';
import { FileDownloader } from './file-downloader.js';
import { TelegramInbound } from './inbound.js';
import { TelegramOutbound } from './outbound.js';
import { OutboundPacer } from './outbound-pacer.js';
import { UpdatePoller } from './update-poller.js';
import { webhookHealth } from './webhook-health.js';
import { WEBHOOK_PATH, WebhookReceiver, deriveWebhookSecret } from './webhook-receiver.js';
import { setUpWebhook, webhookUrl } from './webhook-setup.js';
import { forGrammy } from './grammy-signal.js';

/** How often webhook mode asks Telegram whether pushes arrive. */
const WEBHOOK_CHECK_MS = 60_000;
/** Pause between attempts to reach Telegram at start. */
const RECONNECT_MS = { initial: 1000, max: 30_000 };

interface Running {
  controller: AbortController;
  context: AdapterContext;
  /** Health with the bot's name on `connected`, so every part reports the same state the same way. */
  health: HealthReporter;
  receiving: Promise<void>;
  webhook?: WebhookReceiver;
}

/**
 * Telegram through the Bot API (grammy's client). Customers write to the bank's bot in private
 * chats; agents answer through the same bot, so the engine prefixes their names. Receives by
 * long polling (one poller per bot token across hosts, under the engine's lease) or by webhook
 * (a route on the host; `setup` registers it). See the package README for operation.
 */
export class TelegramAdapter implements MessengerAdapter {
  readonly descriptor = TELEGRAM_DESCRIPTOR;
  private readonly api: Api;
  private readonly outbound: TelegramOutbound;
  private readonly secret: string;
  private readonly inflight = new Set<Promise<unknown>>();
  private running?: Running;
  /** `@username` once `getMe` answered. */
  private botName?: string;
  private stopping?: Promise<void>;

  constructor(private readonly options: TelegramOptions) {
    // Long polls hold the request for `timeoutSeconds`; anything else is bounded by the engine's signal.
    this.api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.polling.timeoutSeconds + 30 });
    const pacer = new OutboundPacer(options.pacing);
    this.outbound = new TelegramOutbound(this.api, pacer, { linkPreviews: options.linkPreviews, onOutcome: (error) => this.sendOutcome(error) });
    this.secret = options.webhook.secretToken ?? deriveWebhookSecret(options.token);
  }

  /** The bot's numeric id, the part of the token before the colon (not secret). */
  get botId(): string {
    return this.options.token.split(':')[0] as string;
  }

  start(context: AdapterContext): Promise<void> {
    if (this.running) return Promise.reject(new Error('the Telegram adapter is already started'));
    const controller = new AbortController();
    context.signal.addEventListener('abort', () => controller.abort(context.signal.reason), { once: true });
    const greeting = this.options.greeting;
    const inbound = new TelegramInbound({
      sink: context.inbound,
      files: new FileDownloader(this.api, `${this.options.apiRoot}/file/bot${this.options.token}`),
      state: context.state,
      logger: context.logger,
      ...(greeting === undefined ? {} : { greet: (chatId: string) => this.track(this.outbound.sendText(chatId, greeting, controller.signal)) }),
    });
    const health = this.labelledHealth(context.health);
    health.report('connecting');
    const running: Running = { controller, context, health, receiving: Promise.resolve() };
    if (this.options.mode === 'webhook') {
      running.webhook = new WebhookReceiver(inbound, this.secret, context.logger);
      context.http.register('POST', WEBHOOK_PATH, running.webhook.handle);
      running.receiving = this.watchWebhook(running, controller.signal);
    } else {
      const poller = new UpdatePoller(this.api, inbound, health, context.logger, this.options.polling);
      running.receiving = this.connect(health, controller.signal).then((ok) => {
        if (!ok) return;
        return context.exclusive(`telegram-updates:${this.botId}`, (lease) => poller.run(AbortSignal.any([lease, controller.signal])));
      });
    }
    running.receiving = running.receiving.catch((error: unknown) => context.logger.error({ err: error }, 'Telegram receiving ended with an error'));
    this.running = running;
    return Promise.resolve();
  }

  stop(): Promise<void> {
    const running = this.running;
    if (running === undefined) return Promise.resolve();
    this.stopping ??= (async () => {
      running.webhook?.stop();
      running.controller.abort(new Error('the Telegram adapter is stopping'));
      await running.receiving;
      await Promise.allSettled([...this.inflight]);
    })();
    return this.stopping;
  }

  send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return this.track(this.outbound.send(message, signal));
  }

  setup(context: AdapterSetupContext): Promise<AdapterSetupItem[]> {
    return setUpWebhook(this.api, this.options, this.secret, context);
  }

  /** Checks the token with `getMe` until Telegram answers; false when it refuses the token or on stop. */
  private async connect(health: HealthReporter, signal: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        this.botName = `@${(await this.api.getMe(forGrammy(signal))).username}`;
        health.report('connected');
        return true;
      } catch (error) {
        if (signal.aborted) return false;
        if (isUnauthorized(error)) {
          health.report('failed', TOKEN_REFUSED);
          return false;
        }
        health.report('connecting', toParleyError(error, 'getMe').message);
        const wait = Math.min(RECONNECT_MS.max, RECONNECT_MS.initial * 2 ** attempt);
        await sleep(wait, undefined, { signal }).catch(() => undefined);
      }
    }
    return false;
  }

  /** Webhook mode: connected once the token works, then Telegram's view of the webhook decides. */
  private async watchWebhook({ context, health }: Running, signal: AbortSignal): Promise<void> {
    if (!(await this.connect(health, signal))) return;
    const expected = webhookUrl(this.options, context.http);
    while (!signal.aborted) {
      try {
        const { state, detail } = await webhookHealth(this.api, expected, signal);
        health.report(state, detail);
      } catch (error) {
        if (signal.aborted) return;
        if (isUnauthorized(error)) return void health.report('failed', TOKEN_REFUSED);
        health.report('degraded', toParleyError(error, 'getWebhookInfo').message);
      }
      await sleep(WEBHOOK_CHECK_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  /** A refused token fails every send too: health says so, instead of each agent message alone. */
  private sendOutcome(error: TransientError | PermanentError | undefined): void {
    if (error instanceof PermanentError && error.code === 'telegram.unauthorized') this.running?.health.report('failed', TOKEN_REFUSED);
  }

  private labelledHealth(health: HealthReporter): HealthReporter {
    return { report: (state, detail) => health.report(state, detail ?? (state === 'connected' ? this.botName : undefined)) };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = (): void => void this.inflight.delete(work);
    work.then(done, done);
    return work;
  }
}
