import { TransientError } from '@parley/core';

/** Network-level failures of the pg driver and the OS: the database could not be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs (PostgreSQL) and result codes (SQLite) after which the same call may succeed later:
 * connection exceptions (08…), shutdown and "cannot connect now" (57P0x), too many connections,
 * and a SQLite database that stayed locked past `busy_timeout`.
 */
function isUnavailableCode(code: string): boolean {
  return (
    UNREACHABLE_CODES.has(code) ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '53300' ||
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_CANTOPEN')
  );
}

/** pg reports a dropped or timed-out connection without a code; its messages are stable. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Client was closed',
  'Cannot use a pool after calling end',
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` says the store could not be reached, as opposed to a refused statement. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  const code = codeOf(error);
  if (code !== undefined && isUnavailableCode(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

/** PostgreSQL gave up on the transaction to break a deadlock or a serialization conflict. */
export function isConflict(error: unknown): boolean {
  const code = codeOf(error);
  return code === '40P01' || code === '40001';
}

/**
 * Maps a driver error to what callers should see: a `TransientError` (`store.unavailable`) when the
 * database could not be reached, the error itself otherwise (a constraint violation is a bug in
 * the caller or in the store, not something a retry fixes).
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof TransientError || !isUnavailable(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new TransientError(`The Parley store is unavailable: ${detail}`, 'store.unavailable', { cause: error });
}

/** Raised for calls made after `close()`. */
export class StoreClosedError extends Error {
  constructor() {
    super('The Parley store is closed');
    this.name = 'StoreClosedError';
  }
}
