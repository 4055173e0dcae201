/**
 * Web API v3 (Unblu 7) wire shapes Parley uses, where they differ from v4:
 * no external messenger contacts (the visitor is a person with `connectedViaExternalMessenger`),
 * conversations are created from `ConversationData`, channel ids travel in bodies and query
 * parameters instead of paths, `sendMessage` answers a bare string, and a failed send is
 * reported with `failedState` (v4: `failState`).
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

/** v3 channels have no outbound or contact settings; `webhookApiVersion` is V1–V3. */
export type WireV3CustomExternalMessengerChannel = WireCustomChannelBase;

export interface WireV3ExternalMessengerChannelQuery {
  $_type: 'ExternalMessengerChannelQuery';
  searchFilters?: WireSearchFilter[];
  offset?: number;
  limit?: number;
}

/** v3 recipients are the target entity itself, told apart by `$_type`. */
export type WireV3Recipient =
  | { $_type: 'PersonData'; id: string }
  | { $_type: 'TeamData'; id: string }
  | { $_type: 'NamedAreaData'; id: string }
  | { $_type: 'AccountData'; id: string };

/** Maps core's recipient type to the v3 recipient entity type. */
export const V3_RECIPIENT_TYPES: Readonly<Record<WireRecipientType, WireV3Recipient['$_type']>> = {
  AGENT: 'PersonData',
  TEAM: 'TeamData',
  NAMED_AREA: 'NamedAreaData',
  ACCOUNT: 'AccountData',
};

export interface WireV3ParticipantData {
  $_type: 'ParticipantData';
  personId: string;
  /** Marks the person as the one on the external messenger: Unblu routes agent messages to the channel. */
  connectedViaExternalMessenger?: boolean;
  hidden?: boolean;
  conversationStarred?: boolean;
  state?: string;
}

/** The answer of v3 conversation calls; without `id` also the creation body. */
export interface WireV3ConversationData extends WireConversationBase {
  recipient?: WireV3Recipient;
  participants?: WireV3ParticipantData[];
  contextPersonId?: string;
  assigneePersonId?: string;
  initialEngagementType?: 'CHAT_REQUEST';
}

/** The body of v3 `conversations/create`: a conversation without id. */
export type WireV3ConversationCreationData = Omit<WireV3ConversationData, 'id'>;

/** Body of `externalmessengers/sendMessage`; answered with the new message id as a bare string. */
export interface WireV3ExternalMessengerPostMessage {
  $_type: 'ExternalMessengerPostMessage';
  conversationId: string;
  externalMessengerChannelId: string;
  senderPersonId: string;
  recipientPersonIds?: string[];
  sourceId?: string;
  replyToMessageId?: string;
  messageData: WirePostMessageData;
}

/** Body of `messageDelivered` and `messageRead`; no person id means every messenger-connected person. */
export interface WireV3MessageStateBody {
  conversationId: string;
  externalMessengerChannelId: string;
  messageId: string;
  personId?: string;
}

export interface WireV3MessageSentSuccessfullyBody {
  conversationId: string;
  externalMessengerChannelId: string;
  messageId: string;
}

/** Body of `messageSendFailed`; v3 names the state `failedState`. */
export interface WireV3MessageSendFailedBody {
  conversationId: string;
  externalMessengerChannelId: string;
  messageId: string;
  failedState: WireSendFailState;
  failureText?: string;
}

export interface WireV3PingCustomChannelBody {
  externalMessengerChannelId: string;
}

export interface WireV3WebhookPingBody {
  id: string;
}
