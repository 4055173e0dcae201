/**
 * An error the simulator answers with an Unblu `Error` body. Thrown by the domain and the REST
 * layer alike; the programmatic agent API rethrows it unchanged so tests can inspect `statusCode`.
 */
export class UnbluError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'UnbluError';
  }
}

/** 400: the request is malformed or names something it may not. */
export const badRequest = (message: string): UnbluError => new UnbluError(400, message);

/** 404: an entity does not exist, or a lookup found nothing. */
export const notFound = (message: string): UnbluError => new UnbluError(404, message);

/** 409: the request contradicts current state (stale version, taken name, ended conversation). */
export const conflict = (message: string): UnbluError => new UnbluError(409, message);

/** 502: the middleware endpoint Unblu had to call did not answer properly. */
export const badGateway = (message: string): UnbluError => new UnbluError(502, message);
