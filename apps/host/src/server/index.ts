/** The host's HTTP side: the express app, adapter webhook routes, and a listener with graceful close. */
export { ADAPTER_ROUTE_PREFIX, AdapterRoutes } from './adapter-routes.js';
export { createHostApp } from './create-host-app.js';
export type { HostAppOptions } from './create-host-app.js';
export { DEFAULT_READINESS_TIMEOUT_MS } from './health-routes.js';
export type { ReadinessCheck, ReadinessReport } from './health-routes.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_MS, listen } from './listen.js';
export type { RunningServer } from './listen.js';
export { REQUEST_ID_HEADER, requestId, requestLogger } from './request-logging.js';
