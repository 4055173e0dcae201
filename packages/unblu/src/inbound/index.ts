/**
 * The incoming side of `@parley/unblu`: Unblu's calls to Parley (v4 outbound requests and
 * v3/webhook events), verified, parsed into core's `UnbluEvent`s and answered with signed JSON.
 */
export { createUnbluRequestHandler } from './unblu-request-handler.js';
export type { ResolvedUnbluRequestHandlerOptions, UnbluRequestHandlerOptions } from './unblu-request-handler-options.js';
export {
  DEFAULT_MAX_UNBLU_BODY_BYTES,
  UNBLU_USER_AGENT,
  resolveUnbluRequestHandlerOptions,
} from './unblu-request-handler-options.js';

export type { UnbluSignatureFailure, UnbluSignatureHeaders, UnbluSignatureVerdict } from './signature.js';
export { UNBLU_SIGNATURE_256_HEADER, UNBLU_SIGNATURE_HEADER, signUnbluBody, verifyUnbluSignature } from './signature.js';

export type { UnbluHeaders } from './header-values.js';
export type { ParseUnbluCallOptions } from './parse-unblu-call.js';
export { parseUnbluCall } from './parse-unblu-call.js';
export type { ParseUnbluCallResult, UnbluCall, UnsupportedUnbluRequest } from './unblu-call.js';
export type { UnbluCallParseFailure } from './unblu-call-parse-error.js';
export { UnbluCallParseError } from './unblu-call-parse-error.js';
export { UNBLU_CALL_HEADERS, readUnbluDelivery } from './unblu-delivery-headers.js';
export { CONVERSATION_LIFECYCLE_EVENTS, UNBLU_OUTBOUND, UNBLU_WEBHOOK } from './unblu-call-names.js';
export { AGENT_INITIATED_CONTACT_UNSUPPORTED } from './unblu-responses.js';
