import { STATUS_CODES } from 'node:http';
import { UnbluPermanentError, UnbluTransientError, type UnbluError } from './unblu-errors.js';

/** Unblu answered with a status outside 2xx. */
export interface UnbluHttpFailure {
  readonly status: number;
  readonly statusText?: string;
  /** Response headers, lower-case names (as axios and node give them). */
  readonly headers: Readonly<Record<string, unknown>>;
  /** The parsed body: Unblu's `Error` object when it sent one, else whatever arrived. */
  readonly body: unknown;
}

/** No answer arrived: the connection failed, broke, or the deadline passed. */
export interface UnbluNetworkFailure {
  readonly error: unknown;
  /** Our own deadline fired (as opposed to the peer closing or refusing). */
  readonly timedOut: boolean;
  readonly timeoutMs?: number;
}

export type UnbluFailure = UnbluHttpFailure | UnbluNetworkFailure;

export interface MapUnbluErrorOptions {
  /**
   * 4xx statuses that mean "not yet" for this operation rather than "no", mapped to a
   * TransientError with `code` (a file download answers 403 while Unblu still scans the file).
   */
  readonly notReady?: { readonly status: number; readonly code: string };
}

/**
 * The one place where a failed Unblu call becomes a typed error (STYLE §8):
 * - no answer: timeout → Transient `unblu.timeout`; refused, reset, DNS… → Transient `unblu.unreachable`;
 * - 5xx, 408, 429 → Transient `unblu.<status>`, with `retryAfterMs` from `Retry-After`;
 * - other statuses → Permanent `unblu.<status>`.
 * Messages name the operation and carry Unblu's `errorMessage`; they never include request
 * headers or configuration, and causes are rebuilt so no axios config (holding the
 * Authorization header) travels with the error.
 */
export function mapUnbluError(operation: string, failure: UnbluFailure, options: MapUnbluErrorOptions = {}): UnbluError {
  if ('status' in failure) return mapHttpFailure(operation, failure, options);
  const cause = sanitizedCause(failure.error);
  if (failure.timedOut) {
    const within = failure.timeoutMs === undefined ? '' : ` within ${failure.timeoutMs} ms`;
    const message = `Unblu ${operation} failed: no answer${within}`;
    return new UnbluTransientError(message, 'unblu.timeout', { operation }, { cause });
  }
  return new UnbluTransientError(
    `Unblu ${operation} failed: could not reach Unblu (${cause.message})`,
    'unblu.unreachable',
    { operation },
    { cause },
  );
}

function mapHttpFailure(operation: string, failure: UnbluHttpFailure, options: MapUnbluErrorOptions): UnbluError {
  const { status } = failure;
  const unbluMessage = errorMessageOf(failure.body);
  const reason = reasonPhrase(failure);
  const message = `Unblu ${operation} failed: ${status} ${reason}${unbluMessage === undefined ? '' : ` — ${unbluMessage}`}`;
  const details = { operation, status, ...(unbluMessage === undefined ? {} : { unbluMessage }) };
  if (options.notReady?.status === status) {
    return new UnbluTransientError(message, options.notReady.code, details);
  }
  if (status >= 500 || status === 408 || status === 429) {
    const retryAfterMs = parseRetryAfter(failure.headers['retry-after']);
    return new UnbluTransientError(message, `unblu.${status}`, details, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  return new UnbluPermanentError(message, `unblu.${status}`, details);
}

/** Unblu's `Error.errorMessage`, also when the body arrived as unparsed JSON text. */
function errorMessageOf(body: unknown): string | undefined {
  const parsed = typeof body === 'string' ? tryParseJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { errorMessage } = parsed as { errorMessage?: unknown };
  return typeof errorMessage === 'string' && errorMessage.trim() !== '' ? errorMessage.trim() : undefined;
}

function reasonPhrase(failure: UnbluHttpFailure): string {
  const parsed = typeof failure.body === 'string' ? tryParseJson(failure.body) : failure.body;
  const fromBody = (parsed as { statusDescription?: unknown } | null | undefined)?.statusDescription;
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  if (failure.statusText) return failure.statusText;
  return STATUS_CODES[failure.status] ?? 'Unknown Status';
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `Retry-After` as delay-seconds or HTTP-date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A plain Error naming what went wrong on the wire (`ECONNREFUSED: connect ECONNREFUSED …`).
 * The original axios error is dropped on purpose: it holds the request config and headers.
 */
function sanitizedCause(error: unknown): Error & { code?: string } {
  const code = errorCode(error);
  const text = error instanceof Error ? error.message : String(error);
  const cause: Error & { code?: string } = new Error(code === undefined || text.includes(code) ? text : `${code}: ${text}`);
  if (code !== undefined) cause.code = code;
  return cause;
}

/** The most specific error code: node's system error (the axios error's cause) before axios' own. */
function errorCode(error: unknown): string | undefined {
  const inner = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof inner === 'string') return inner;
  const outer = (error as { code?: unknown } | undefined)?.code;
  return typeof outer === 'string' ? outer : undefined;
}
