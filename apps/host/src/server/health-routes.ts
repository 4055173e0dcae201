import type { Logger } from '@parley/core';
import express, { type Request, type Response, type Router } from 'express';
import type { HostMetrics } from '../observability/host-metrics.js';
import { requestLogger } from './request-logging.js';

/** One dependency's readiness, e.g. `store`, `unblu`, `messenger:telegram`. */
export interface ReadinessCheck {
  ok: boolean;
  /** Why it is not ready (or a state worth showing); never contains secrets. */
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, ReadinessCheck>;
}

export interface HealthRoutesOptions {
  /** Runs the readiness checks; a rejection or a timeout counts as not ready. */
  readiness(): Promise<ReadinessReport>;
  metrics: HostMetrics;
  /** How long `/readyz` waits for `readiness()` (default 5,000 ms): probes have short timeouts. */
  readinessTimeoutMs?: number;
  logger: Logger;
}

export const DEFAULT_READINESS_TIMEOUT_MS = 5000;

/** `readiness()`, turned into a not-ready report when it fails or takes too long. */
async function checkReadiness(options: HealthRoutesOptions, logger: Logger): Promise<ReadinessReport> {
  const timeoutMs = options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessReport>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, checks: { readiness: { ok: false, detail: `no answer within ${timeoutMs} ms` } } }), timeoutMs);
  });
  try {
    return await Promise.race([options.readiness(), timeout]);
  } catch (error) {
    logger.error({ err: error }, 'readiness check failed');
    return { ready: false, checks: { readiness: { ok: false, detail: 'the readiness check failed' } } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: 200 `{ status: 'ok' }` while the process serves requests (liveness);
 * `GET /readyz`: 200 when `readiness()` says ready, else 503, with `{ ready, checks }`;
 * `GET /metrics`: Prometheus text from the host's registry.
 */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const router = express.Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const report = await checkReadiness(options, requestLogger(res, options.logger));
    res.status(report.ready ? 200 : 503).json({ ready: report.ready, checks: report.checks });
  });
  router.get('/metrics', async (_req: Request, res: Response) => {
    const text = await options.metrics.metrics();
    res.type(options.metrics.contentType).send(text);
  });
  return router;
}
