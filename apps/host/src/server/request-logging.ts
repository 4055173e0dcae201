import { randomUUID } from 'node:crypto';
import type { Logger } from '@parley/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runInRequestContext } from '../observability/request-context.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids from callers are kept only when harmless in logs and headers (no spaces, no control characters). */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probed every few seconds: logged at debug level so they do not drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The request's logger, bound to its correlation id by {@link requestLogging}; `fallback` outside it. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  const logger: unknown = res.locals['logger'];
  return logger === undefined ? fallback : (logger as Logger);
}

/** The correlation id {@link requestLogging} gave the request. */
export function requestId(res: Response): string | undefined {
  const id: unknown = res.locals['requestId'];
  return typeof id === 'string' ? id : undefined;
}

/**
 * Gives each request a correlation id (the caller's `x-request-id` when acceptable, else a new
 * UUID), echoes it in the response, binds it into a child logger on `res.locals.logger`, makes
 * it the request context (see `requestScopedLogger`), and logs one line per finished request.
 * The logged path leaves the query out: query strings may carry tokens.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const offered = req.get(REQUEST_ID_HEADER);
    const id = offered !== undefined && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
    const child = logger.child({ requestId: id });
    res.locals['requestId'] = id;
    res.locals['logger'] = child;
    res.setHeader(REQUEST_ID_HEADER, id);
    const started = process.hrtime.bigint();
    const path = req.path;
    res.once('close', () => {
      const fields = { method: req.method, path, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6 };
      if (!res.writableFinished) child.info(fields, 'request aborted before the answer was sent');
      else if (res.statusCode >= 500) child.warn(fields, 'request failed');
      else if (QUIET_PATHS.has(path)) child.debug(fields, 'request served');
      else child.info(fields, 'request served');
    });
    runInRequestContext({ requestId: id }, next);
  };
}
