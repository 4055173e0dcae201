import type { ApiError, ResponseParameters } from 'grammy/types';

/**
 * A refusal in the Bot API's terms. It is answered as `{ ok: false, error_code, description,
 * parameters? }` with the HTTP status equal to `error_code`, as api.telegram.org does, so grammy
 * turns it into a `GrammyError` carrying the same fields.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  toResponse(): ApiError {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export function badRequest(reason: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${reason}`);
}

export function unauthorized(): BotApiError {
  return new BotApiError(401, 'Unauthorized');
}

export function forbidden(reason: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${reason}`);
}

export function notFound(): BotApiError {
  return new BotApiError(404, 'Not Found');
}

export function conflict(reason: string): BotApiError {
  return new BotApiError(409, `Conflict: ${reason}`);
}

/** Telegram's answer to an upload beyond its size limit, before any parsing. */
export function entityTooLarge(): BotApiError {
  return new BotApiError(413, 'Request Entity Too Large');
}

export function tooManyRequests(retryAfterSeconds: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds });
}

/** What grammy (and Telegram) would see for a crash of the simulator itself. */
export function internalError(): BotApiError {
  return new BotApiError(500, 'Internal Server Error');
}
