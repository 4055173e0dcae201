import type { Update, UserFromGetMe, WebhookInfo } from 'grammy/types';
import { badRequest, conflict } from './bot-api-errors.js';
import type { MethodContext, MethodHandler } from './method-context.js';

const secretTokenShape = /^[A-Za-z0-9_-]{1,256}$/;
const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function getMe({ bot }: MethodContext): UserFromGetMe {
  return bot.me;
}

/**
 * Long polling as Telegram does it: 409 while a webhook is set; `allowed_updates` remembered
 * across calls (omitted keeps the previous setting); `offset` confirms older updates; `limit`
 * 1–100; `timeout` seconds (capped by maxLongPollSeconds) hold the call until an update arrives.
 */
async function getUpdates(context: MethodContext): Promise<Update[]> {
  const { bot, params, state } = context;
  if (bot.webhook) throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  const allowed = allowedUpdates(context);
  if (allowed) bot.updates.setAllowed(allowed);
  const timeout = clamp(params.integer('timeout') ?? 0, 0, state.options.maxLongPollSeconds);
  const request = { offset: params.integer('offset') ?? 0, limit: clamp(params.integer('limit') ?? 100, 1, 100), timeoutMs: timeout * 1000 };
  return bot.longPoll.poll(request, context.signal);
}

/**
 * Registers a webhook and starts pushing. Telegram needs HTTPS on port 443, 80, 88 or 8443; the
 * simulator also accepts plain http:// on loopback (any port) so tests need no certificates.
 * An empty url removes the webhook, as in Telegram.
 */
function setWebhook(context: MethodContext): boolean {
  const { bot, params, state } = context;
  const url = params.string('url') ?? '';
  if (url === '') return deleteWebhook(context);
  checkWebhookUrl(url);
  const secretToken = params.string('secret_token') || undefined;
  if (secretToken !== undefined && !secretTokenShape.test(secretToken)) throw badRequest('secret token contains unallowed characters or is too long');
  const allowed = allowedUpdates(context);
  if (allowed) bot.updates.setAllowed(allowed);
  if (params.boolean('drop_pending_updates')) bot.updates.clear();
  bot.longPoll.end(conflict('terminated by setWebhook request'));
  bot.webhook = { url, maxConnections: clamp(params.integer('max_connections') ?? 40, 1, 100), ...(secretToken ? { secretToken } : {}) };
  bot.lastWebhookError = undefined;
  state.pusher(bot).restart();
  return true;
}

function deleteWebhook({ bot, params, state }: MethodContext): boolean {
  if (params.boolean('drop_pending_updates')) bot.updates.clear();
  if (bot.webhook) {
    bot.webhook = undefined;
    bot.lastWebhookError = undefined;
    void state.pusher(bot).stop();
  }
  return true;
}

function getWebhookInfo({ bot }: MethodContext): WebhookInfo {
  return bot.webhookInfo();
}

function allowedUpdates({ params }: MethodContext): string[] | undefined {
  const value = params.json('allowed_updates', 'allowed updates');
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw badRequest("can't parse allowed updates JSON object");
  return value;
}

/** The descriptions are Telegram's for these cases. */
function checkWebhookUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('invalid webhook URL specified');
  }
  const secure = url.protocol === 'https:';
  const loopbackHttp = url.protocol === 'http:' && loopbackHosts.test(url.hostname);
  if (!secure && !loopbackHttp) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export const updateMethods: Readonly<Record<string, MethodHandler>> = { getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo };
