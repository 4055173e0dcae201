import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AdapterHttpRequest, AdapterHttpResponse, Logger } from '@parley/core';
import type { Update } from 'grammy/types';
import type { TelegramInbound } from './inbound.js';

/** Where the webhook is mounted, under the host's `/messengers/<id>`. */
export const WEBHOOK_PATH = '/webhook';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * The default webhook secret: derived from the bot token, so it needs no configuration and only
 * someone holding the token (who could change the webhook anyway) can forge a push.
 */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update('parley telegram webhook').digest('base64url');
}

/**
 * Receives Telegram's pushes. The secret header is compared in constant time (401 otherwise);
 * the answer is 200 only after the engine committed the update, so anything else (503 while
 * stopping or when the store refuses) makes Telegram push it again later.
 */
export class WebhookReceiver {
  private readonly expected: Buffer;
  private readonly controller = new AbortController();
  private stopped = false;

  constructor(
    private readonly inbound: TelegramInbound,
    secret: string,
    private readonly logger: Logger,
  ) {
    this.expected = digest(secret);
  }

  readonly handle = async (request: AdapterHttpRequest): Promise<AdapterHttpResponse> => {
    if (!this.authentic(request.headers[SECRET_HEADER])) {
      this.logger.warn({}, 'Telegram webhook call with a wrong or missing secret refused (if the secret or token changed: parley setup --resend-secrets)');
      return { status: 401, body: 'unauthorized' };
    }
    if (this.stopped) return { status: 503, body: 'stopping' };
    const update = parseUpdate(request.rawBody);
    if (update === undefined) return { status: 400, body: 'expected a Telegram Update as JSON' };
    try {
      await this.inbound.handle(update, this.controller.signal);
      return { status: 200 };
    } catch (error) {
      this.logger.warn({ err: error, updateId: update.update_id }, 'Telegram update not stored; Telegram will push it again');
      return { status: 503, body: 'not stored, try again' };
    }
  };

  /** Answers 503 from now on (Telegram retries later) and aborts file downloads in progress. */
  stop(): void {
    this.stopped = true;
    this.controller.abort(new Error('the Telegram adapter is stopping'));
  }

  private authentic(given: string | undefined): boolean {
    // Digests have one length, so the comparison time says nothing about the secret's length.
    return given !== undefined && timingSafeEqual(digest(given), this.expected);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function parseUpdate(body: Uint8Array): Update | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    const ok = typeof value === 'object' && value !== null && Number.isInteger((value as { update_id?: unknown }).update_id);
    return ok ? (value as Update) : undefined;
  } catch {
    return undefined;
  }
}
