import type { Logger, UnbluEventListener } from '@parley/core';
import { createUnbluRequestHandler } from '@parley/unblu';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { labelRoute, type HostMetrics } from '../observability/host-metrics.js';
import { requestScopedLogger } from '../observability/request-context.js';
import type { AdapterRoutes } from './adapter-routes.js';
import { errorHandler, notFoundHandler } from './error-handlers.js';
import { healthRoutes, type ReadinessReport } from './health-routes.js';
import { requestLogging } from './request-logging.js';

export interface HostAppOptions {
  /** Path of Parley's Unblu endpoint (config `server.unbluPath`, e.g. `/unblu`). */
  unbluPath: string;
  /** Secrets Unblu signs its calls with: the current one first, then former ones during a rotation. */
  unbluSecrets: readonly string[];
  /** Receives every verified Unblu call; Unblu's answer waits for it (the engine). */
  unbluListener: UnbluEventListener;
  /** Largest request body accepted (config `server.bodyLimitBytes`), for Unblu's calls and adapter routes; larger → 413. */
  bodyLimitBytes: number;
  /** The webhook routes adapters registered (or will register: they are looked up per request). */
  adapterRoutes: AdapterRoutes;
  /** Serves `/metrics` and times every request. */
  metrics: HostMetrics;
  /** Checks behind `/readyz` (store, Unblu, each messenger); a rejection counts as not ready. */
  readiness(): Promise<ReadinessReport>;
  /** How long `/readyz` waits for `readiness()`. Default 5,000 ms. */
  readinessTimeoutMs?: number;
  /** Request lines and errors; every line of a request carries its `requestId`. */
  logger: Logger;
}

/**
 * The host's HTTP app, in this order:
 * 1. request timing (`parley_http_request_duration_seconds`) and logging with a correlation id
 *    (`x-request-id`, honoured or generated, echoed; child logger on `res.locals.logger`);
 * 2. `POST <unbluPath>`: Unblu's calls, signature-checked (see `createUnbluRequestHandler`);
 * 3. `/messengers/<messengerId>/…`: adapter webhook routes;
 * 4. `GET /healthz`, `GET /readyz`, `GET /metrics`;
 * 5. 404 JSON for anything else, and a JSON error handler that never shows internals.
 * No app-wide body parser: the Unblu handler and adapter routes need the raw bytes to check
 * signatures, and each reads its body itself, within `bodyLimitBytes`.
 * @throws ConfigError when the Unblu handler options are invalid (e.g. no secret).
 */
export function createHostApp(options: HostAppOptions): Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(options.metrics.httpMiddleware());
  app.use(requestLogging(logger));

  const unbluHandler = createUnbluRequestHandler({
    secrets: options.unbluSecrets,
    listener: options.unbluListener,
    maxBodyBytes: options.bodyLimitBytes,
    logger: requestScopedLogger(logger.child({ component: 'unblu-endpoint' })),
  });
  app.use(
    options.unbluPath,
    (_req: Request, res: Response, next: NextFunction) => {
      labelRoute(res, options.unbluPath);
      next();
    },
    unbluHandler,
  );
  app.use(options.adapterRoutes.router({ bodyLimitBytes: options.bodyLimitBytes }));
  app.use(healthRoutes(options));

  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
