/**
 * @parley/core: the contracts every Parley package speaks (adapters, messages, errors, ports,
 * DI tokens) and pure helpers. Imports no I/O library and no adapter.
 */

// Adapter contract
export type { AdapterCapabilities, AdapterDescriptor } from './adapter/adapter-descriptor.js';
export { checkAdapterDescriptor } from './adapter/adapter-descriptor.js';
export type { AdapterContext, MessengerAdapter } from './adapter/messenger-adapter.js';
export type { AdapterModuleContext, AdapterPlugin } from './adapter/adapter-plugin.js';
export type { AdapterSetupContext, AdapterSetupItem } from './adapter/adapter-setup.js';
export { ADAPTER_PLUGIN_EXPORT, isAdapterPlugin } from './adapter/adapter-plugin.js';
export type { HealthReporter, HealthState, HealthStatus } from './adapter/health.js';
export type {
  AdapterHttpRequest,
  AdapterHttpResponse,
  AdapterRouteHandler,
  RouteRegistrar,
} from './adapter/route-registrar.js';

// Messages
export type { Attachment } from './messages/attachment.js';
export { parseDataUrl, toDataUrl } from './messages/attachment.js';
export type { CustomerProfile, InboundMessage, InboundReceipt, ReceiptKind } from './messages/inbound-message.js';
export type { OutboundMessage, OutboundSender, OutboundSenderKind, SendResult } from './messages/outbound-message.js';
export {
  DEFAULT_SENDER_PREFIX,
  applySenderPrefix,
  checkSenderPrefixTemplate,
  renderSenderPrefix,
} from './messages/sender-prefix.js';

// Errors
export type { ConfigIssue, TransientErrorOptions } from './errors/parley-error.js';
export {
  ConfigError,
  NotSupportedError,
  ParleyError,
  PermanentError,
  TransientError,
  isRetryable,
} from './errors/parley-error.js';

// Ports
export type { Clock } from './ports/clock.js';
export { systemClock } from './ports/clock.js';
export type { DurableKeyValue } from './ports/durable-key-value.js';
export type { InboundAck, InboundSink } from './ports/inbound-sink.js';
export type { Logger } from './ports/logger.js';
export { silentLogger } from './ports/logger.js';
export type * from './ports/parley-store.js';
export type * from './ports/unblu-events.js';
export type * from './ports/unblu-gateway.js';
export type * from './ports/unblu-model.js';

// Retry policy
export type { RetryPolicy } from './retry/retry-policy.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, mayRetry } from './retry/retry-policy.js';

// Engine
export { ParleyEngine } from './engine/parley-engine.js';
export type { DeadLetters, ParleyEngineOptions } from './engine/parley-engine.js';
export type { MessengerBinding } from './engine/messenger-binding.js';
export { DEFAULT_EDIT_TEMPLATE, DEFAULT_FALLBACK_SENDER_NAME, reportsMessageStates } from './engine/messenger-binding.js';
export type { EngineObserver, JobOutcome } from './engine/engine-observer.js';
export { ConversationLinker } from './engine/conversation-linker.js';
export { JobQueue, describeError } from './engine/job-queue.js';
export type { JobQueueOptions } from './engine/job-queue.js';
export type { JobHandler } from './engine/job-handler.js';
export { JOB_KINDS } from './engine/job-payloads.js';
export { InvalidInboundError } from './engine/inbound-checks.js';
export { runExclusive, LeaseLostError } from './engine/exclusive-runner.js';
export type { ExclusiveOptions } from './engine/exclusive-runner.js';
export { splitText } from './engine/split-text.js';

// Dependency injection
export { TOKENS } from './di/tokens.js';
