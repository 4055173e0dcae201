/** The host's logs and metrics: a secret-masking pino logger, Prometheus metrics, request context. */
export { REDACTED, createLogger } from './logger.js';
export type { LoggerOptions } from './logger.js';
export { HostMetrics, UNMATCHED_ROUTE, labelRoute } from './host-metrics.js';
export type { HostMetricsOptions, HostMetricsSources } from './host-metrics.js';
export { currentRequestContext, requestScopedLogger, runInRequestContext } from './request-context.js';
export type { RequestContext } from './request-context.js';
