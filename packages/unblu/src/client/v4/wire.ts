/**
 * Web API v4 (Unblu 8) wire shapes Parley uses. Only the fields Parley reads or writes are typed.
 * Entities carry `$_type`; polymorphic ones also their discriminator (`type`, `field`).
 * Operation bodies (`…Body`) have no `$_type` in the spec and are sent without one.
 */
import type {
  WireConversationBase,
  WireCustomChannelBase,
  WirePostMessageData,
  WireRecipientType,
  WireSearchFilter,
  WireSendFailState,
} from '../common/wire-common.js';

export type * from '../common/wire-common.js';

/** v4 adds outbound requests and contact identification to the shared channel fields. */
export interface WireCustomExternalMessengerChannel extends WireCustomChannelBase {
  outboundSupported?: boolean;
  /** How long Unblu waits for the answer to an outbound request. Mandatory in v4. */
  outboundTimeoutMillis?: number;
  contactIdentifierFieldName?: string;
  contactIdentifierFieldType?: 'EMAIL' | 'PHONE_NUMBER' | 'NUMBER' | 'OTHER';
  contactIdentifierTranslations?: Record<string, unknown>;
  supportsMultipleConversationsPerContact?: boolean;
}

export interface WireCustomExternalMessengerChannelQuery {
  $_type: 'CustomExternalMessengerChannelQuery';
  searchFilters?: WireSearchFilter[];
  offset?: number;
  limit?: number;
}

/** The customer as seen through one channel (preview API in Unblu 8). */
export interface WireExternalMessengerContact {
  $_type: 'ExternalMessengerContact';
  id?: string;
  accountId?: string;
  creationTimestamp?: number;
  modificationTimestamp?: number;
  name?: string;
  description?: string;
  externalMessengerChannelId: string;
  /** The customer's id in the messenger. */
  sourceId: string;
  personId?: string;
}

export interface WireExternalMessengerContactQuery {
  $_type: 'ExternalMessengerContactQuery';
  searchFilters?: WireSearchFilter[];
  offset?: number;
  limit?: number;
}

export interface WireConversationCreationData {
  $_type: 'ConversationCreationData';
  topic?: string;
  recipient?: { $_type: 'ConversationCreationRecipientData'; type: WireRecipientType; id: string };
  externalParticipants?: WireConversationCreationExternalParticipantData[];
  initialEngagementType?: 'CHAT_REQUEST';
  locale?: string;
  visitorData?: string;
  externalMessengerChannelId?: string;
  sourceId?: string;
}

export interface WireConversationCreationExternalParticipantData {
  $_type: 'ConversationCreationExternalParticipantData';
  externalMessengerContactId: string;
  participationType: 'CONTEXT_PERSON' | 'SECONDARY_VISITOR';
}

export interface WireConversationData extends WireConversationBase {
  externalParticipants?: Array<{
    $_type: 'ExternalParticipantData';
    externalMessengerContactId?: string;
    personId?: string;
    participationType?: string;
  }>;
}

/** Body of `externalmessengers/{channelId}/sendMessage`. */
export interface WireExternalMessengerPostMessage {
  $_type: 'ExternalMessengerPostMessage';
  conversationId: string;
  senderExternalMessengerContactId: string;
  /** Unset: every active participant receives it. */
  recipientPersonIds?: string[];
  /** The message's id in the messenger. */
  sourceId?: string;
  replyToMessageId?: string;
  messageData: WirePostMessageData;
}

export interface WireSendMessageResult {
  $_type: 'SendMessageResult';
  messageId: string;
}

/** Body of `messageDelivered` and `messageRead`; no contact id means every connected person. */
export interface WireMessageStateBody {
  conversationId: string;
  messageId: string;
  externalMessengerContactId?: string;
}

export interface WireMessageSentSuccessfullyBody {
  conversationId: string;
  messageId: string;
}

/** Body of `messageSendFailed`; v4 names the state `failState` (v3: `failedState`). */
export interface WireMessageSendFailedBody {
  conversationId: string;
  messageId: string;
  failState: WireSendFailState;
  failureText?: string;
}

export interface WirePingResponse {
  $_type: 'PingResponse';
  pingId: string;
}

/** `SEND_TIMESTAMP` filter of a message export; `value` is ms since epoch (UTC). */
export interface WireSendTimestampMessageExportFilter {
  $_type: 'SendTimestampMessageExportFilter';
  field: 'SEND_TIMESTAMP';
  operator: { $_type: 'GreaterThanTimestampOperator'; type: 'GREATER_THAN'; value: number };
}

/** Body of `conversationhistory/{conversationId}/exportMessageLog`. */
export interface WireMessageExportQuery {
  $_type: 'MessageExportQuery';
  searchFilters?: WireSendTimestampMessageExportFilter[];
  orderBy?: Array<{ $_type: 'MessageExportOrderBy'; field: 'SEND_TIMESTAMP'; order: 'ASCENDING' | 'DESCENDING' }>;
  offset?: number;
  limit?: number;
}

/** One entry of a conversation's message log. */
export interface WireConversationHistoryMessageData {
  $_type: 'ConversationHistoryMessageData';
  id: string;
  conversationId?: string;
  sendTimestamp?: number;
  senderPersonId?: string | null;
  type?: string;
  internal?: boolean;
  /** For messages posted through an external messenger: the `sourceId` given at `sendMessage`. */
  externalMessageId?: string | null;
  text?: string;
}

export interface WireMessageExportResult {
  $_type: 'MessageExportResult';
  hasMoreItems?: boolean;
  nextOffset?: number;
  items?: WireConversationHistoryMessageData[];
}
