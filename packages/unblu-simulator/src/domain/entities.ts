/**
 * The simulator's internal model. It is version-neutral: the v3 and v4 wire dialects both map onto
 * these records, so behaviour lives once and only the JSON shapes differ per API version.
 */

/** Web API version of the simulated server. */
export type ApiVersion = 'v3' | 'v4';

/** Unblu's `EWebApiVersion`: which payload dialect an endpoint expects. */
export type WebApiVersion = 'V1' | 'V2' | 'V3' | 'V4';

export type RegistrationStatus = 'ACTIVE' | 'INACTIVE' | 'INACTIVE_UNAVAILABLE';

export type Metadata = Record<string, string>;

/** Fields the server manages on every stored entity. */
export interface EntityMeta {
  id: string;
  accountId: string;
  creationTimestamp: number;
  modificationTimestamp: number;
}

export interface VersionedMeta extends EntityMeta {
  version: number;
}

/** What a client may set on a custom external messenger channel (v3 ignores the v4-only fields). */
export interface ChannelFields {
  name: string;
  description: string | null;
  channelIcon: unknown;
  sourceId: string | null;
  webhookEndpoint: string;
  webhookApiVersion: WebApiVersion;
  webhookSecret: string | null;
  webhookStatus: RegistrationStatus;
  messageStateHandledExternally: boolean;
  outboundSupported: boolean;
  outboundTimeoutMillis: number | null;
  contactIdentifierFieldName: string | null;
  contactIdentifierFieldType: string | null;
  contactIdentifierTranslations: Record<string, unknown> | null;
  supportsMultipleConversationsPerContact: boolean;
  /** Null in an update means "leave as is", because reads omit metadata unless expanded. */
  metadata: Metadata | null;
}

export interface ChannelRecord extends VersionedMeta, Omit<ChannelFields, 'metadata'> {
  metadata: Metadata;
}

export interface ContactFields {
  name: string | null;
  description: string | null;
  externalMessengerChannelId: string;
  sourceId: string;
  personId: string;
}

export type ContactRecord = EntityMeta & ContactFields;

export type PersonType = 'AGENT' | 'VISITOR' | 'SYSTEM' | 'BOT';
export type PersonSource = 'USER_DB' | 'VIRTUAL';

/** Person fields a client may set through `createOrUpdateVirtual`. */
export interface PersonFields {
  sourceId: string;
  sourceUrl: string | null;
  sourceData: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  nickname: string | null;
  email: string | null;
  phone: string | null;
  personType: PersonType;
  metadata: Metadata | null;
}

export interface PersonRecord extends Omit<PersonFields, 'metadata'> {
  id: string;
  accountId: string;
  personSource: PersonSource;
  displayName: string;
  displayNameForVisitor: string;
  authorizationRole: string | null;
  metadata: Metadata;
}

export type ParticipationType = 'ASSIGNED_AGENT' | 'CONTEXT_PERSON' | 'SECONDARY_AGENT' | 'SECONDARY_VISITOR';
export type ParticipationState = 'CREATED' | 'ONBOARDING' | 'ACTIVE' | 'OFFBOARDING' | 'ENDED';

export interface ParticipantRecord {
  personId: string;
  /** Set for v4 external participants, which join through an external messenger contact. */
  contactId: string | null;
  /** True for everybody who talks through the conversation's external messenger channel. */
  viaMessenger: boolean;
  participationType: ParticipationType;
  state: ParticipationState;
  hidden: boolean;
  conversationStarred: boolean;
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

export type RecipientType = 'AGENT' | 'TEAM' | 'NAMED_AREA' | 'ACCOUNT';

export interface RecipientRef {
  type: RecipientType;
  id: string;
}

export interface ConversationRecord {
  id: string;
  accountId: string;
  creationTimestamp: number;
  endTimestamp: number | null;
  topic: string | null;
  recipient: RecipientRef;
  participants: ParticipantRecord[];
  state: ConversationState;
  initialEngagementType: string;
  conversationVisibility: string;
  locale: string;
  visitorData: string | null;
  externalMessengerChannelId: string | null;
  sourceId: string | null;
  sourceUrl: string | null;
  initialEngagementUrl: string | null;
  endReason: string | null;
  awaitedPersonType: 'NONE' | 'VISITOR' | 'AGENT';
  awaitedPersonTypeChangeTimestamp: number | null;
  metadata: Metadata;
}

export type MessageDirection = 'visitor' | 'agent';
export type FailState = 'RETRYABLE' | 'TERMINAL';
export type MessageState = 'DELIVERED' | 'READ';

/** A file kept by the simulator; message records reference it by `fileStoreId`. */
export interface StoredFile {
  fileStoreId: string;
  conversationId: string;
  fileName: string;
  mimeType: string;
  data: Buffer;
}

export interface FileRef {
  fileStoreId: string;
  fileName: string;
  mimeType: string;
  size: number;
  caption: string | null;
  captionType: string;
}

/**
 * How the simulator handed an agent message to the channel endpoint. `not_applicable` covers
 * visitor and internal messages and conversations without a channel.
 */
export type DispatchState =
  | { status: 'not_applicable' }
  | { status: 'pending' }
  | { status: 'skipped'; reason: string }
  | { status: 'succeeded'; at: number }
  | { status: 'failed'; error: string; at: number };

export interface MessageRecord {
  id: string;
  conversationId: string;
  externalMessengerChannelId: string | null;
  direction: MessageDirection;
  senderPersonId: string;
  type: 'TEXT' | 'FILE';
  text: string | null;
  textType: string | null;
  file: FileRef | null;
  fallbackText: string;
  internal: boolean;
  sourceId: string | null;
  externalMessageId: string | null;
  replyToMessageId: string | null;
  replyToExternalMessageId: string | null;
  locale: string | null;
  recipientPersonIds: string[] | null;
  quickReplies: string[] | null;
  serverTimestamp: number;
  sendTimestamp: number;
  dispatch: DispatchState;
  /** Reported by the middleware through `messageSentSuccessfully`. */
  sentAt: number | null;
  /** Reported by the middleware through `messageSendFailed`; cleared by a later success. */
  failure: { failState: FailState; failureText: string | null; at: number } | null;
  /** Agent messages: delivered to/read by the visitor. Visitor messages: by an agent. */
  deliveredAt: number | null;
  readAt: number | null;
}

export interface WebhookRegistrationFields {
  name: string;
  status: RegistrationStatus;
  description: string | null;
  endpoint: string;
  apiVersion: WebApiVersion;
  secret: string | null;
  events: string[];
}

export type WebhookRegistrationRecord = VersionedMeta & WebhookRegistrationFields;
