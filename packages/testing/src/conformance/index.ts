export { ADAPTER_CONFORMANCE_CHECKS, describeAdapterConformance } from './adapter-conformance.js';
export type { ConformanceCheck, ConformanceCheckId } from './adapter-conformance.js';
export {
  checkDescriptor,
  checkInboundMessage,
  checkOutboundSend,
  checkRedeliveryAfterSinkRejection,
  checkSendErrorsAreTyped,
  checkSendHonoursAbortedSignal,
  checkSendIsIdempotent,
  checkStartReportsHealth,
  checkStopDrainsSends,
} from './adapter-checks.js';
export type { ConformanceCheckFn } from './adapter-checks.js';
export type {
  ConformanceCustomer,
  ConformanceFaults,
  ConformanceHarness,
  ConformanceOptions,
  ConformanceSetup,
} from './conformance-harness.js';
export { ConformanceFailure } from './conformance-session.js';
export { loopbackConformanceHarness } from './loopback-conformance-harness.js';
