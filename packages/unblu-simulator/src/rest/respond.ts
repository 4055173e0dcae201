import type { Request, RequestHandler } from 'express';

/**
 * Adapts an operation to express: a returned value is sent as JSON with 200, `undefined` as 204
 * without body. Thrown errors (including rejections) reach the `Error` body handler.
 */
export function respond(operation: (req: Request) => unknown): RequestHandler {
  return async (req, res) => {
    const result = await operation(req);
    if (result === undefined) res.status(204).end();
    else res.status(200).json(result);
  };
}
