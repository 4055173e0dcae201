import type { Logger } from '@parley/core';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { requestLogger } from './request-logging.js';

/** Answers for client errors express and its body parsers raise, by their `type`. */
const CLIENT_ERROR_LABELS: Record<string, string> = {
  'entity.too.large': 'payload too large',
  'entity.parse.failed': 'malformed body',
  'request.aborted': 'request aborted',
  'encoding.unsupported': 'unsupported content encoding',
  'charset.unsupported': 'unsupported charset',
};

/** The last route: 404 as JSON, naming the path but not echoing the query. */
export function notFoundHandler(): RequestHandler {
  return (req: Request, res: Response) => {
    res.status(404).json({ error: 'not found', detail: `no route for ${req.method} ${req.path}` });
  };
}

function clientErrorStatus(error: unknown): number | undefined {
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}

/**
 * The last error handler: JSON answers, never a stack trace or an error message (they may carry
 * internals). 4xx errors raised by express or body parsers keep their status; anything else is
 * logged and answered 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // Too late for an answer: express's default handler closes the connection.
      next(error);
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      const type = (error as { type?: unknown }).type;
      const label = typeof type === 'string' ? CLIENT_ERROR_LABELS[type] : undefined;
      res.status(status).json({ error: label ?? 'bad request' });
      return;
    }
    requestLogger(res, logger).error({ err: error }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
