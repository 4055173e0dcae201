import type { AgentFile, AgentMessageOptions } from './domain/agent-desk.js';
import type {
  ApiVersion,
  ConversationState,
  DispatchState,
  FailState,
  MessageDirection,
  ParticipationState,
  ParticipationType,
  PersonType,
  RegistrationStatus,
  WebApiVersion,
} from './domain/entities.js';
import type { AgentIdentity } from './domain/person-service.js';
import type { DeliveryRecord } from './outbound/delivery-log.js';
import type { Credentials } from './rest/auth.js';
import type { FaultSettings, FaultState } from './rest/faults.js';

/** A participant as the inspection API shows it. */
export interface SimParticipant {
  personId: string;
  displayName: string;
  personType: PersonType;
  participationType: ParticipationType;
  state: ParticipationState;
  /** Talks through the conversation's external messenger channel. */
  viaMessenger: boolean;
  /** v4 only: the external messenger contact the participant joined through. */
  contactId: string | null;
}

export interface SimConversation {
  id: string;
  channelId: string | null;
  sourceId: string | null;
  state: ConversationState;
  topic: string | null;
  endReason: string | null;
  createdAt: number;
  endedAt: number | null;
  participants: SimParticipant[];
}

export interface SimFile {
  fileStoreId: string;
  fileName: string;
  mimeType: string;
  size: number;
  caption: string | null;
  /** The authenticated REST download URL, as in the message's WEB_API download link. */
  downloadUrl: string;
}

/** A message with everything the simulator tracks about it. */
export interface SimMessage {
  id: string;
  conversationId: string;
  /** `visitor`: came from the messenger through sendMessage; `agent`: written on the agent side. */
  direction: MessageDirection;
  type: 'TEXT' | 'FILE';
  text: string | null;
  file: SimFile | null;
  internal: boolean;
  senderPersonId: string;
  senderName: string;
  /** For visitor messages: the messenger's message id given at sendMessage. */
  sourceId: string | null;
  /** For agent messages: the id the middleware answered the new-message request with. */
  externalMessageId: string | null;
  createdAt: number;
  /** How the simulator handed an agent message to the channel endpoint. */
  dispatch: DispatchState;
  /** Reported by the middleware with messageSentSuccessfully. */
  sentAt: number | null;
  /** Reported by the middleware with messageSendFailed (cleared by a later success). */
  failure: { failState: FailState; failureText: string | null; at: number } | null;
  deliveredAt: number | null;
  readAt: number | null;
}

export interface SimChannel {
  id: string;
  name: string;
  version: number;
  webhookEndpoint: string;
  webhookApiVersion: WebApiVersion;
  webhookStatus: RegistrationStatus;
  messageStateHandledExternally: boolean;
}

/** Changes accepted by `setFaults`: any fault setting, plus a deterministic failure budget. */
export type FaultChanges = Partial<FaultSettings> & { failNext?: { count: number; status?: number } };

/**
 * A running simulated Unblu server. Agent actions resolve once the message is recorded; the call
 * to the middleware continues in the background (await {@link UnbluSimulator.idle} or use
 * {@link UnbluSimulator.waitFor}). Failing actions reject with an `UnbluError` (statusCode 404
 * for an unknown conversation, 409 for an ended one, 400 for invalid input).
 */
export interface UnbluSimulator {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Origin plus base path, e.g. `http://127.0.0.1:41234/app/rest/v4`. */
  readonly apiBaseUrl: string;
  readonly agentPageUrl: string;
  readonly apiVersion: ApiVersion;
  readonly users: readonly Credentials[];

  agentSendText(conversationId: string, text: string, options?: AgentMessageOptions): Promise<SimMessage>;
  agentSendFile(conversationId: string, file: AgentFile, options?: AgentMessageOptions): Promise<SimMessage>;
  /** Marks messenger messages read (all unread if no ids) and returns those that changed. */
  agentRead(conversationId: string, messageIds?: string[]): Promise<SimMessage[]>;
  /** Ends the conversation as an agent; reason defaults to ENDED_BY_PARTICIPANT. */
  endConversation(
    conversationId: string,
    reason?: string,
    options?: { comment?: string; agent?: AgentIdentity },
  ): Promise<SimConversation>;

  conversations(): SimConversation[];
  conversation(conversationId: string): SimConversation;
  messages(conversationId: string): SimMessage[];
  channels(): SimChannel[];
  /** Every attempt to call a middleware endpoint, oldest first. */
  deliveries(): DeliveryRecord[];

  faults(): FaultState;
  setFaults(changes: FaultChanges): void;
  /** The next `count` REST requests fail with `status` (default 500). */
  failNext(count: number, status?: number): void;
  /** Test hook: what Unblu does when it disables a channel's endpoint. */
  setChannelWebhookStatus(channelId: string, status: RegistrationStatus): SimChannel;

  /** Polls `predicate` until it returns a truthy value and resolves with it; rejects after the timeout. */
  waitFor<T>(predicate: () => T | Promise<T>, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Resolves once no call to a middleware endpoint is queued or running. */
  idle(): Promise<void>;
  /** Stops background calls, closes all connections and the server. */
  close(): Promise<void>;
}
