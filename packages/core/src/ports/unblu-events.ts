import type { UnbluFileRef } from './unblu-model.js';

/** How an event reached Parley, for dedupe and logs. */
export interface UnbluDelivery {
  /** `outbound` = Unblu 8 outbound request (expects an answer); `webhook` = fire-and-forget event. */
  mechanism: 'outbound' | 'webhook';
  /** `x-unblu-service-name` or `x-unblu-event`, e.g. `outbound.external_messenger.new_message`. */
  name: string;
  /** Invocation id (outbound) or event id (webhook): the same across Unblu's retries. */
  id?: string;
  /** `X-Unblu-Delivery`. */
  deliveryId?: string;
  /** `X-Unblu-Retry-No`; 0 on the first attempt. */
  retryNo: number;
}

export type UnbluPersonType = 'AGENT' | 'VISITOR' | 'SYSTEM' | 'BOT';

/** The author of a message as Unblu describes them. */
export interface UnbluSender {
  personId?: string;
  personType: UnbluPersonType | string;
  /** Unblu's visitor-facing name (8.14+), else its display name, else first and last name. */
  displayName?: string;
}

export type AgentMessageContent =
  | { kind: 'text'; text: string; markdown: boolean }
  | { kind: 'file'; file: UnbluFileRef; caption?: string }
  /** A type Parley does not map (card, list, question …), with Unblu's plain-text rendering. */
  | { kind: 'other'; type: string; fallbackText?: string };

/** The external messenger contacts an agent message is meant for (v4 `receivingContacts`). */
export interface UnbluReceivingContact {
  contactId: string;
  /** The customer's id in the messenger. */
  sourceId?: string;
  personId?: string;
}

/** An agent (or bot, or system) wrote into a conversation linked to a channel of Parley's. */
export interface AgentMessageEvent {
  type: 'agent-message';
  delivery: UnbluDelivery;
  channelId: string;
  conversationId: string;
  messageId: string;
  sender: UnbluSender;
  /** Agents-only message: never forwarded to the customer. */
  internal: boolean;
  content: AgentMessageContent;
  receivingContacts: UnbluReceivingContact[];
  replyToMessageId?: string;
  sentAt: number;
}

/** An agent received or read a message that came from the messenger (handled-externally channels). */
export interface MessageStateEvent {
  type: 'message-state';
  delivery: UnbluDelivery;
  channelId?: string;
  conversationId: string;
  messageId: string;
  state: 'DELIVERED' | 'READ' | string;
  /** The messenger's id given as `sourceId` when Parley posted the message. */
  externalMessageId?: string;
}

/** A conversation lifecycle webhook (`conversation.created`, `conversation.ended`, …). */
export interface ConversationEvent {
  type: 'conversation';
  delivery: UnbluDelivery;
  /** The event name without prefix: `created`, `updated`, `ended`, … */
  change: string;
  conversationId: string;
  channelId?: string;
  sourceId?: string;
  state?: string;
  endReason?: string;
}

/** Unblu checking that Parley answers (`outbound.ping`, webhook `ping`). */
export interface PingEvent {
  type: 'ping';
  delivery: UnbluDelivery;
  pingId?: string;
}

export type UnbluEvent = AgentMessageEvent | MessageStateEvent | ConversationEvent | PingEvent;

/**
 * What Parley does with Unblu's calls; the engine implements it, `@parley/unblu`'s handler calls it
 * after checking the signature. Each method resolves once the event is durably accepted (or known
 * to be a duplicate): only then does the handler answer 2xx. A rejection with a `TransientError`
 * becomes 503 (Unblu retries), anything else 500.
 */
export interface UnbluEventListener {
  /** Resolves with Parley's stable id for the message, the same on every redelivery. */
  onAgentMessage(event: AgentMessageEvent): Promise<{ externalMessageId: string }>;
  onMessageState(event: MessageStateEvent): Promise<void>;
  onConversationEvent(event: ConversationEvent): Promise<void>;
  /** Optional: a ping was received (for `parley doctor`'s round trip). */
  onPing?(event: PingEvent): void;
}
