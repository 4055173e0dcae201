/**
 * The outgoing side of `@parley/unblu`: a typed Unblu web API client for v4 (Unblu 8) and v3
 * (Unblu 7) behind core's `UnbluGateway` port. Most callers need only
 * {@link createUnbluGateway}; the raw API classes are for tools and tests.
 */

// Configuration
export {
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_MAX_DOWNLOAD_BYTES,
  DEFAULT_TIMEOUT_MS,
  parseUnbluClientConfig,
  unbluClientConfigSchema,
} from './unblu-client-config.js';
export type { UnbluAuth, UnbluClientConfig, UnbluClientConfigInput } from './unblu-client-config.js';

// Gateway
export { createUnbluGateway } from './create-unblu-gateway.js';
export { UnbluV4Gateway, v4ConversationCreationData } from './v4/v4-gateway.js';
export { UnbluV3Gateway, v3ConversationCreationData } from './v3/v3-gateway.js';
export { DEFAULT_OUTBOUND_TIMEOUT_MS } from './v4/v4-channels.js';

// Errors
export { UnbluPermanentError, UnbluTransientError, isUnbluError, isUnbluStatus } from './unblu-errors.js';
export type { UnbluError, UnbluErrorDetails } from './unblu-errors.js';
export { mapUnbluError, parseRetryAfter } from './map-unblu-error.js';
export type { MapUnbluErrorOptions, UnbluFailure, UnbluHttpFailure, UnbluNetworkFailure } from './map-unblu-error.js';

// Raw web API access
export { UnbluHttp, route } from './unblu-http.js';
export type { ApiRoute, UnbluHttpMethod, UnbluHttpSettings, UnbluRequest } from './unblu-http.js';
export { UnbluApiBase, expandQuery } from './common/unblu-api-base.js';
export type { QueryParams, UnbluExpand } from './common/unblu-api-base.js';
export { downloadUnbluFile } from './unblu-file-download.js';
export { UnbluV4Api } from './v4/unblu-v4-api.js';
export { UnbluV3Api } from './v3/unblu-v3-api.js';

// Wire shapes, for the simulator and for tools
export type * as UnbluV4Wire from './v4/wire.js';
export type * as UnbluV3Wire from './v3/wire.js';
export { V3_RECIPIENT_TYPES } from './v3/wire.js';
