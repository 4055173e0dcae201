import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { UnbluError } from '../unblu-error.js';

/** Unblu's `Error` body. */
export function errorBody(statusCode: number, errorMessage: string): Record<string, unknown> {
  return { $_type: 'Error', statusCode, statusDescription: STATUS_CODES[statusCode] ?? 'Error', errorMessage };
}

export function sendError(res: Response, statusCode: number, errorMessage: string): void {
  res.status(statusCode).json(errorBody(statusCode, errorMessage));
}

/** Errors raised by express's body parser carry a `type` and a `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message: string;
}

/** Turns every failure into an `Error` body: domain errors keep their status, bugs become 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (res.headersSent) return;
  if (error instanceof UnbluError) return sendError(res, error.statusCode, error.message);
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.too.large') {
    return sendError(res, 413, `request body is larger than the limit of ${parserError.limit ?? '?'} bytes`);
  }
  if (parserError.type === 'entity.parse.failed') {
    return sendError(res, 400, `request body is not valid JSON: ${parserError.message}`);
  }
  if (parserError.status && parserError.status >= 400 && parserError.status < 500) {
    return sendError(res, parserError.status, parserError.message);
  }
  sendError(res, 500, `simulator error: ${error instanceof Error ? error.message : String(error)}`);
};

/** 404 for paths the simulated API does not have. */
export function unknownEndpoint(req: Request, res: Response): void {
  sendError(res, 404, `no such endpoint: ${req.method} ${req.originalUrl.split('?')[0]}`);
}
