import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@parley/core';

/** What the host knows about the HTTP request the current code runs for. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it starts asynchronously) as part of the request `context`. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request the calling code runs for; `undefined` outside one (jobs, receivers). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * A logger that adds the current request's `requestId` to each line. For components created once
 * and shared by all requests (the Unblu handler, adapter routes), which cannot be handed a
 * per-request child logger, yet whose lines should carry the request's correlation id.
 */
export function requestScopedLogger(base: Logger): Logger {
  const forward =
    (level: Level) =>
    (fields: object, message?: string): void => {
      const requestId = currentRequestContext()?.requestId;
      if (requestId === undefined) {
        base[level](fields, message);
        return;
      }
      // pino logs an Error passed as fields under `err`; keep that when adding the id.
      const withId = fields instanceof Error ? { requestId, err: fields } : { requestId, ...fields };
      base[level](withId, message);
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    child: (bindings) => requestScopedLogger(base.child(bindings)),
  };
}
