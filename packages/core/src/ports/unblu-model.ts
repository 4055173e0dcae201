/**
 * Unblu's entities as Parley uses them, the same for web API v4 (Unblu 8) and v3 (Unblu 7).
 * The `@parley/unblu` dialects map their wire shapes onto these.
 */

export type UnbluApiVersion = 'v3' | 'v4';

export type ChannelStatus = 'ACTIVE' | 'INACTIVE' | 'INACTIVE_UNAVAILABLE';

/** A custom external messenger channel. */
export interface UnbluChannel {
  id: string;
  /** Optimistic-locking version; an update must carry the newest one. */
  version: number;
  name: string;
  description?: string;
  sourceId?: string;
  /** Where Unblu sends the channel's messages (Parley's Unblu endpoint). */
  endpoint: string;
  /** Secret Unblu signs its calls with. Write-only in practice: a read may not return it. */
  secret?: string;
  status: ChannelStatus;
  /** `V4` (outbound requests) or `V3` (webhooks) as Unblu names them. */
  webhookApiVersion: string;
  messageStateHandledExternally: boolean;
  /** v4 only: how long Unblu waits for Parley's answer to an outbound request. */
  outboundTimeoutMillis?: number;
  metadata?: Record<string, string>;
}

/** What Parley wants a channel to look like; `parley setup` compares it with {@link UnbluChannel}. */
export interface ChannelSpec {
  name: string;
  description?: string;
  sourceId?: string;
  endpoint: string;
  secret?: string;
  status?: ChannelStatus;
  messageStateHandledExternally?: boolean;
  outboundTimeoutMillis?: number;
  metadata?: Record<string, string>;
}

/** Webhook registrations share the channel's status values. */
export type WebhookStatus = ChannelStatus;

/** A webhook registration (for conversation lifecycle events). */
export interface UnbluWebhookRegistration {
  id: string;
  version: number;
  name: string;
  description?: string;
  endpoint: string;
  secret?: string;
  status: WebhookStatus;
  events: string[];
}

export interface WebhookSpec {
  name: string;
  description?: string;
  endpoint: string;
  secret?: string;
  status?: WebhookStatus;
  events: string[];
}

/** The customer as Parley asks Unblu to know them (a virtual person, and a contact in v4). */
export interface VisitorSpec {
  channelId: string;
  /** The customer's id in the messenger (phone, user id, address); contact `sourceId` in v4. */
  externalId: string;
  /** Identity of the virtual person; unique per Unblu account, e.g. `telegram:12345`. */
  personSourceId: string;
  firstName?: string;
  lastName?: string;
  nickname?: string;
  email?: string;
  phone?: string;
}

/** The Unblu identity of a customer: the person, and in v4 the external messenger contact. */
export interface UnbluVisitor {
  personId: string;
  /** v4 only: the ExternalMessengerContact id the visitor speaks through. */
  contactId?: string;
}

export type ConversationState =
  | 'CREATED'
  | 'ONBOARDING'
  | 'REBOARDING'
  | 'QUEUED'
  | 'ACTIVE'
  | 'UNASSIGNED'
  | 'OFFBOARDING'
  | 'ENDED';

export interface UnbluConversation {
  id: string;
  state: ConversationState;
  channelId?: string;
  /** The external chat id the conversation is linked to. */
  sourceId?: string;
  topic?: string;
  creationTimestamp: number;
  endTimestamp?: number;
}

export type RecipientType = 'AGENT' | 'TEAM' | 'NAMED_AREA' | 'ACCOUNT';

export interface ConversationSpec {
  channelId: string;
  /** The external chat id (`InboundMessage.chatId`). Unique among the channel's active conversations. */
  sourceId: string;
  visitor: UnbluVisitor;
  topic?: string;
  locale?: string;
  /** Where the new conversation queues; Unblu's default routing when absent. */
  recipient?: { type: RecipientType; id: string };
  visitorData?: string;
}

export type ConversationEndReason =
  | 'ENDED_BY_PARTICIPANT'
  | 'MANDATORY_PARTICIPANT_GONE'
  | 'REQUEST_DECLINED'
  | 'REQUEST_NOT_ANSWERED'
  | 'EXTERNAL_CHANNEL_CLOSED'
  | 'SOLVED_BY_BOT'
  | 'CANCELED'
  | 'CALL_ENDED'
  | 'NO_AGENT_AVAILABLE'
  | 'OTHER';

export type PostedContent =
  | { kind: 'text'; text: string }
  | { kind: 'file'; fileName: string; mimeType: string; data: Uint8Array; caption?: string };

/** A customer's message for Unblu. */
export interface PostMessageSpec {
  channelId: string;
  conversationId: string;
  visitor: UnbluVisitor;
  /** The messenger's id of the message (Unblu `sourceId`). */
  sourceId: string;
  content: PostedContent;
  replyToMessageId?: string;
}

/** Identifies an agent message Parley handled, for state reports. */
export interface MessageRef {
  channelId: string;
  conversationId: string;
  messageId: string;
  /** The visitor the state concerns; all messenger-connected persons when absent. */
  visitor?: UnbluVisitor;
}

export type FailState = 'RETRYABLE' | 'TERMINAL';

/** Where a file message's content can be fetched (Unblu's `WEB_API` download link). */
export interface UnbluFileRef {
  url: string;
  fileName: string;
  mimeType: string;
  size?: number;
}

export interface DownloadedFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
}
