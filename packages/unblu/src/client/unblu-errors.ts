import { PermanentError, TransientError } from '@parley/core';

/**
 * What an Unblu call failure carries besides core's `code` and `message`, so callers can branch
 * without parsing text (e.g. a 404 on a read means "absent").
 */
export interface UnbluErrorDetails {
  /** The web API operation, e.g. `conversations/create`. */
  readonly operation: string;
  /** HTTP status Unblu answered with; undefined when no answer arrived. */
  readonly status?: number;
  /** Unblu's own explanation (`Error.errorMessage`), when it sent one. */
  readonly unbluMessage?: string;
}

/** Unblu could not be reached, timed out, was overloaded (5xx, 429) or is not ready yet: retry. */
export class UnbluTransientError extends TransientError implements UnbluErrorDetails {
  readonly operation: string;
  readonly status?: number;
  readonly unbluMessage?: string;

  constructor(
    message: string,
    code: string,
    details: UnbluErrorDetails,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, code, options);
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.unbluMessage !== undefined) this.unbluMessage = details.unbluMessage;
  }
}

/** Unblu answered and refused (4xx), or answered with something unusable: retrying cannot help. */
export class UnbluPermanentError extends PermanentError implements UnbluErrorDetails {
  readonly operation: string;
  readonly status?: number;
  readonly unbluMessage?: string;

  constructor(message: string, code: string, details: UnbluErrorDetails, options: { cause?: unknown } = {}) {
    super(message, code, options);
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.unbluMessage !== undefined) this.unbluMessage = details.unbluMessage;
  }
}

export type UnbluError = UnbluTransientError | UnbluPermanentError;

/** True for any failure raised by this client's requests. */
export function isUnbluError(error: unknown): error is UnbluError {
  return error instanceof UnbluTransientError || error instanceof UnbluPermanentError;
}

/** True when Unblu answered `status` (e.g. `isUnbluStatus(e, 404)`). */
export function isUnbluStatus(error: unknown, status: number): boolean {
  return isUnbluError(error) && error.status === status;
}

/**
 * Resolves with `undefined` when the call failed with 404, which Unblu answers for "no such
 * entity"; every other failure propagates unchanged.
 */
export async function undefinedOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isUnbluStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Asserts that Unblu answered an entity with an id, as every entity answer must have. */
export function assertEntity<T extends { id?: unknown }>(
  wire: T | null | undefined,
  operation: string,
  what: string,
): asserts wire is T & { id: string } {
  if (typeof wire !== 'object' || wire === null || typeof wire.id !== 'string') {
    throw badResponse(operation, `${what} without id`);
  }
}

/** Unblu answered 2xx with a body that lacks what the contract promises. */
export function badResponse(operation: string, what: string): UnbluPermanentError {
  return new UnbluPermanentError(`Unblu ${operation} answered an unexpected body: ${what}`, 'unblu.bad_response', {
    operation,
  });
}
