import type { HealthState } from '@parley/core';
import type { Api } from 'grammy';
import { forGrammy } from './grammy-signal.js';

/** A push failure older than this no longer counts against health. */
const RECENT_ERROR_MS = 5 * 60_000;

/**
 * Reads Telegram's view of the webhook: `degraded` when Telegram pushes elsewhere (setup not
 * run, or another deployment took the bot) or reported a push failure recently, with its reason.
 */
export async function webhookHealth(api: Api, expectedUrl: string, signal: AbortSignal, now = Date.now()): Promise<{ state: HealthState; detail?: string }> {
  const info = await api.getWebhookInfo(forGrammy(signal));
  if (info.url !== expectedUrl) {
    const where = info.url === '' ? 'no webhook is set' : `Telegram pushes to ${info.url}`;
    return { state: 'degraded', detail: `${where}, expected ${expectedUrl}: run parley setup` };
  }
  if (info.last_error_date !== undefined && now - info.last_error_date * 1000 < RECENT_ERROR_MS) {
    const pending = info.pending_update_count > 0 ? ` (${info.pending_update_count} updates waiting)` : '';
    return { state: 'degraded', detail: `Telegram's last push failed: ${info.last_error_message ?? 'unknown error'}${pending}` };
  }
  return { state: 'connected' };
}
