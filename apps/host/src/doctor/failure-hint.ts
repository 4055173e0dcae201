import { ParleyError } from '@parley/core';

/** A failure with advice appended (`… 401 Unauthorized — check unblu.auth`); the original stays in `cause`. */
export function withHint(error: unknown, hint: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(hint === undefined ? message : `${message} — ${hint}`, { cause: error });
}

/**
 * What an operator should look at when an Unblu call failed, from the error's stable code
 * (`@parley/unblu` maps statuses to `unblu.<status>`, no answer to `unblu.unreachable`/`unblu.timeout`).
 */
export function unbluHint(error: unknown): string | undefined {
  return error instanceof ParleyError ? UNBLU_HINTS[error.code] : undefined;
}

const UNBLU_HINTS: Readonly<Record<string, string>> = {
  'unblu.401': 'check unblu.auth',
  'unblu.403': 'check unblu.auth',
  'unblu.404': 'check unblu.baseUrl and unblu.apiVersion',
  'unblu.unreachable': 'check unblu.baseUrl and that Unblu is reachable from here',
  'unblu.timeout': 'check unblu.baseUrl and that Unblu is reachable from here',
};

/** Runs an Unblu call, turning its failure into one that says what to check. */
export async function askUnblu<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw withHint(error, unbluHint(error));
  }
}
