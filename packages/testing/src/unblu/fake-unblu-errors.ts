import { PermanentError, TransientError } from '@parley/core';

/**
 * Errors shaped as `@parley/unblu` maps Unblu's answers: `PermanentError` code `unblu.<status>`
 * for a 4xx, `TransientError` code `unblu.<status>` for a 5xx. The engine branches on class and
 * code only, so matching those is what makes the fake faithful.
 */
export function unbluRefused(status: 400 | 404 | 409, message: string): PermanentError {
  return new PermanentError(`Unblu answered ${status}: ${message}`, `unblu.${status}`);
}

/** What an overloaded or restarting Unblu answers; the default injected fault. */
export function unbluUnavailable(method: string): TransientError {
  return new TransientError(`Unblu ${method} failed: 503 Service Unavailable (injected)`, 'unblu.503');
}

/** The client refuses a file beyond the caller's limit (same code as `@parley/unblu`). */
export function fileTooLarge(fileName: string, maxBytes: number): PermanentError {
  return new PermanentError(`Unblu download failed: ${fileName} is larger than the limit of ${maxBytes} bytes`, 'unblu.file_too_large');
}
