/**
 * @parley/unblu-simulator: a local stand-in for an Unblu server (web API v4 and v3) that speaks
 * the custom external messenger protocol, for tests, demos and the developer sandbox.
 */
export { startUnbluSimulator } from './start-unblu-simulator.js';
export type { UnbluSimulatorOptions } from './options.js';
export type {
  FaultChanges,
  SimChannel,
  SimConversation,
  SimFile,
  SimMessage,
  SimParticipant,
  UnbluSimulator,
} from './unblu-simulator.js';
export { DEFAULT_AGENT, type AgentIdentity } from './domain/person-service.js';
export type { AgentFile, AgentMessageOptions } from './domain/agent-desk.js';
export type {
  ApiVersion,
  ConversationState,
  DispatchState,
  FailState,
  RegistrationStatus,
  WebApiVersion,
} from './domain/entities.js';
export type { CallKind, DeliveryRecord } from './outbound/delivery-log.js';
export type { Credentials } from './rest/auth.js';
export type { FaultSettings, FaultState } from './rest/faults.js';
export { UnbluError } from './unblu-error.js';
