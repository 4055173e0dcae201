import type { AdapterSetupContext, AdapterSetupItem } from '@parley/core';
import type { Api } from 'grammy';
import type { WebhookInfo } from 'grammy/types';
import type { TelegramOptions } from './config.js';
import { toParleyError } from './errors.js';
import { ALLOWED_UPDATES } from './update-poller.js';
import { WEBHOOK_PATH } from './webhook-receiver.js';
import { forGrammy } from './grammy-signal.js';

const ITEM = 'Telegram webhook';

/**
 * Makes the bot's webhook registration match the mode (`parley setup`). Webhook mode: the URL,
 * the update types and the connection limit are set when they differ, with the secret; Telegram
 * never shows the secret, so it is re-sent only with `resendSecrets` when nothing else differs.
 * Polling mode: a webhook left from earlier is removed (Telegram refuses `getUpdates` while one
 * is set). Pending updates are never dropped.
 */
export async function setUpWebhook(api: Api, options: TelegramOptions, secret: string, context: AdapterSetupContext): Promise<AdapterSetupItem[]> {
  const info = await call('getWebhookInfo', () => api.getWebhookInfo(forGrammy(context.signal)));
  if (options.mode === 'polling') {
    if (info.url === '') return [{ name: ITEM, action: 'unchanged', changes: ['none set (polling mode)'] }];
    if (!context.dryRun) await call('deleteWebhook', () => api.deleteWebhook({ drop_pending_updates: false }, forGrammy(context.signal)));
    return [{ name: ITEM, action: 'update', changes: [`removed ${info.url} (polling mode)`] }];
  }
  const url = webhookUrl(options, context);
  const changes = drift(info, url, options.webhook.maxConnections);
  if (changes.length === 0 && !context.resendSecrets) return [{ name: ITEM, action: 'unchanged', changes: [] }];
  if (!context.dryRun) {
    const settings = { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: options.webhook.maxConnections, drop_pending_updates: false };
    await call('setWebhook', () => api.setWebhook(url, settings, forGrammy(context.signal)));
  }
  return [{ name: ITEM, action: info.url === '' ? 'create' : 'update', changes: changes.length > 0 ? changes : ['secret re-sent'] }];
}

/** Where Telegram should push: the configured URL, or the host's public URL of the webhook route. */
export function webhookUrl(options: TelegramOptions, context: Pick<AdapterSetupContext, 'publicUrl'>): string {
  return options.webhook.url ?? context.publicUrl(WEBHOOK_PATH);
}

function drift(info: WebhookInfo, url: string, maxConnections: number): string[] {
  const changes: string[] = [];
  if (info.url !== url) changes.push(`url: ${info.url || '(none)'} → ${url}`);
  const allowed = [...(info.allowed_updates ?? [])].sort().join(',');
  const wanted = [...ALLOWED_UPDATES].sort().join(',');
  if (info.url !== '' && allowed !== wanted) changes.push(`allowed_updates: ${allowed || '(all)'} → ${wanted}`);
  if (info.url !== '' && info.max_connections !== undefined && info.max_connections !== maxConnections) changes.push(`max_connections: ${info.max_connections} → ${maxConnections}`);
  return changes;
}

async function call<T>(method: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toParleyError(error, `${ITEM} (${method})`);
  }
}
