import { setTimeout as sleep } from 'node:timers/promises';
import { TransientError, type HealthReporter, type Logger } from '@parley/core';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { TOKEN_REFUSED, isConflict, isUnauthorized, toParleyError } from './errors.js';
import type { TelegramInbound } from './inbound.js';
import { forGrammy } from './grammy-signal.js';

/** The update types Parley asks Telegram for, in polling and webhook mode alike. */
export const ALLOWED_UPDATES = ['message', 'edited_message'] as const;

export interface UpdatePollerOptions {
  timeoutSeconds: number;
  limit: number;
  /** First pause after a failure; doubles up to `maxBackoffMs` (default 1,000 and 30,000 ms). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Long-polls `getUpdates` and hands each update to the engine. The offset moves past an update
 * only once the engine has committed it (Telegram drops an update when a later call names a
 * higher offset), so a crash, a stop or a refused commit means Telegram offers it again.
 * Updates of different chats are handled side by side, one chat's in order; when one fails, the
 * next call starts from it (later ones already stored come back as duplicates and are skipped).
 * Runs under the engine's lease, so across hosts one poller per bot token runs at a time.
 */
export class UpdatePoller {
  private failures = 0;

  constructor(
    private readonly api: Api,
    private readonly inbound: TelegramInbound,
    private readonly health: HealthReporter,
    private readonly logger: Logger,
    private readonly options: UpdatePollerOptions,
  ) {}

  /** Polls until `signal` aborts, or stops early (health `failed`) when the token is refused. */
  async run(signal: AbortSignal): Promise<void> {
    let offset: number | undefined;
    let webhookCleared = false;
    while (!signal.aborted) {
      try {
        if (!webhookCleared) webhookCleared = await this.api.deleteWebhook({ drop_pending_updates: false }, forGrammy(signal));
        const updates = await this.api.getUpdates({ offset, limit: this.options.limit, timeout: this.options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, forGrammy(signal));
        this.succeeded();
        const failed = await this.handleBatch(updates, signal);
        offset = failed ?? (updates.length > 0 ? (updates.at(-1) as Update).update_id + 1 : offset);
        if (failed !== undefined) await this.failed(new TransientError('the engine did not take an update; it will be fetched again', 'telegram.update_not_stored'), signal);
      } catch (error) {
        if (signal.aborted) return;
        if (isUnauthorized(error)) {
          this.health.report('failed', TOKEN_REFUSED);
          return;
        }
        await this.failed(error, signal);
      }
    }
  }

  /** Handles a batch; returns the id of the first update not handled, or undefined when all were. */
  private async handleBatch(updates: Update[], signal: AbortSignal): Promise<number | undefined> {
    const failed: number[] = [];
    await Promise.all(
      [...groupByChat(updates).values()].map(async (chatUpdates) => {
        for (const update of chatUpdates) {
          try {
            await this.inbound.handle(update, signal);
          } catch (error) {
            if (!signal.aborted) this.logger.warn({ err: error, updateId: update.update_id }, 'Telegram update not stored; it will be offered again');
            failed.push(update.update_id);
            return;
          }
        }
      }),
    );
    return failed.length === 0 ? undefined : Math.min(...failed);
  }

  private succeeded(): void {
    // Repeated identical reports are cheap; each successful poll confirms the state.
    this.health.report('connected');
    this.failures = 0;
  }

  private async failed(error: unknown, signal: AbortSignal): Promise<void> {
    this.failures += 1;
    const failure = toParleyError(error, 'getUpdates');
    const reason = isConflict(error) ? `another consumer holds this bot's updates (a webhook or a second poller): ${failure.message}` : failure.message;
    this.health.report('degraded', reason);
    this.logger.warn({ code: failure.code, failures: this.failures, reason }, 'Telegram polling trouble; backing off');
    const initial = this.options.initialBackoffMs ?? 1000;
    const backoff = Math.min(this.options.maxBackoffMs ?? 30_000, initial * 2 ** (this.failures - 1));
    const floor = failure instanceof TransientError ? (failure.retryAfterMs ?? 0) : 0;
    await sleep(Math.max(floor, backoff * (0.5 + Math.random() / 2)), undefined, { signal }).catch(() => undefined);
  }
}

/** Updates per chat, each list in update order; updates without a chat each get their own list. */
function groupByChat(updates: Update[]): Map<string, Update[]> {
  const groups = new Map<string, Update[]>();
  for (const update of updates) {
    const chat = (update.message ?? update.edited_message)?.chat.id;
    const key = chat === undefined ? `update:${update.update_id}` : String(chat);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [update]);
    else list.push(update);
  }
  return groups;
}
