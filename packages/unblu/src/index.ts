/**
 * @parley/unblu: Parley's side of Unblu.
 * - the client: a typed web API client for v4 (Unblu 8) and v3 (Unblu 7) behind core's `UnbluGateway`;
 * - the inbound side: verifying, parsing and answering Unblu's outbound requests and webhooks.
 */
export * from './client/index.js';
export * from './inbound/index.js';
