import { PermanentError, TransientError } from '@parley/core';
import { GrammyError, HttpError } from 'grammy';

/** Telegram's answers the adapter tells apart, by `error_code` and the start of `description`. */
const BLOCKED = /bot was blocked by the user|user is deactivated|bot was kicked|bot can't initiate conversation/i;
const CHAT_NOT_FOUND = /chat not found|peer_id_invalid|user not found/i;
const TOO_BIG = /too big|too large|entity too large/i;

/** The health detail (and log line) for a refused token: the operator's fix is the token itself. */
export const TOKEN_REFUSED = 'Telegram rejected the bot token (401): check the token from @BotFather';

/** True when Telegram refused the bot's token: nothing will work until an operator fixes it. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 401;
}

/** True when another consumer holds the updates (a second poller, or a webhook is set). */
export function isConflict(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 409;
}

/**
 * The one place Telegram's failures become Parley's (STYLE §8). `what` names the call for the
 * message (e.g. `sendMessage to chat 42`); the token never appears, grammy's messages carry the
 * method only.
 * - 429 → {@link TransientError} `telegram.rate_limited` with `retryAfterMs` from `retry_after`;
 * - 5xx, network errors, timeouts → {@link TransientError} `telegram.unavailable`/`telegram.unreachable`;
 * - 401 → {@link PermanentError} `telegram.unauthorized` (a bad or revoked token; health goes `failed`);
 * - 403 blocked/deactivated → `telegram.blocked`; 400 chat not found → `telegram.chat_not_found`;
 * - 413 or "too big" → `telegram.file_too_large`; any other 4xx → `telegram.rejected`.
 */
export function toParleyError(error: unknown, what: string): TransientError | PermanentError {
  if (error instanceof TransientError || error instanceof PermanentError) return error;
  if (error instanceof GrammyError) return fromApiError(error, what);
  if (error instanceof HttpError) return new TransientError(`Telegram could not be reached for ${what}: ${causeOf(error)}`, 'telegram.unreachable', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError(`${what} failed: ${message}`, 'telegram.unreachable', { cause: error });
}

function fromApiError(error: GrammyError, what: string): TransientError | PermanentError {
  const code = error.error_code;
  const said = `Telegram refused ${what}: ${error.description}`;
  if (code === 429) {
    const seconds = error.parameters?.retry_after;
    const retryAfter = typeof seconds === 'number' && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {};
    return new TransientError(`Telegram rate-limited ${what}${seconds === undefined ? '' : ` (retry after ${seconds} s)`}`, 'telegram.rate_limited', { cause: error, ...retryAfter });
  }
  if (code >= 500 || code === 420 || code === 408) return new TransientError(`Telegram failed ${what}: ${error.description}`, 'telegram.unavailable', { cause: error });
  if (code === 401) return new PermanentError(`Telegram rejected the bot token (401) for ${what}: check the token from @BotFather`, 'telegram.unauthorized', { cause: error });
  if (code === 413 || TOO_BIG.test(error.description)) return new PermanentError(said, 'telegram.file_too_large', { cause: error });
  if (code === 403 && BLOCKED.test(error.description)) return new PermanentError(`the customer blocked the bot or left Telegram (${what})`, 'telegram.blocked', { cause: error });
  if (code === 400 && CHAT_NOT_FOUND.test(error.description)) return new PermanentError(`Telegram does not know this chat (${what}): the customer has not started the bot`, 'telegram.chat_not_found', { cause: error });
  if (code === 409) return new TransientError(said, 'telegram.conflict', { cause: error });
  return new PermanentError(said, 'telegram.rejected', { cause: error });
}

function causeOf(error: HttpError): string {
  const inner = error.error;
  return inner instanceof Error ? inner.message : String(inner);
}
