import { expandQuery, UnbluApiBase, type UnbluExpand } from '../common/unblu-api-base.js';
import { route } from '../unblu-http.js';
import type {
  WireConversationsEndBody,
  WireSearchResult,
  WireV3ConversationCreationData,
  WireV3ConversationData as Conversation,
  WireV3CustomExternalMessengerChannel as Channel,
  WireV3ExternalMessengerChannelQuery,
  WireV3ExternalMessengerPostMessage,
  WireV3MessageSendFailedBody,
  WireV3MessageSentSuccessfullyBody,
  WireV3MessageStateBody,
  WireWebhookRegistration as Registration,
} from './wire.js';

/**
 * Web API v3 (Unblu 7), one method per endpoint, wire shapes in and out, nothing decided here.
 * Unlike v4, most ids travel as query parameters (`/externalmessengers/read?id=`) or in the
 * body (`externalMessengerChannelId`). Errors as {@link UnbluHttp.request}.
 */
export class UnbluV3Api extends UnbluApiBase {
  /** `/externalmessengers/*`. */
  readonly channels = {
    create: (channel: Channel, expand?: UnbluExpand) =>
      this.post<Channel>(route`/externalmessengers/create`, channel, expandQuery(expand)),
    /** Writes the whole channel; `version` must be the newest. */
    update: (channel: Channel, expand?: UnbluExpand) =>
      this.post<Channel>(route`/externalmessengers/update`, channel, expandQuery(expand)),
    read: (id: string, expand?: UnbluExpand) =>
      this.get<Channel>(route`/externalmessengers/read`, { id, ...expandQuery(expand) }),
    getByName: (name: string, expand?: UnbluExpand) =>
      this.get<Channel>(route`/externalmessengers/getByName`, { name, ...expandQuery(expand) }),
    /** v3 knows custom channels only, so this lists Parley's kind. */
    search: (query: WireV3ExternalMessengerChannelQuery, expand?: UnbluExpand) =>
      this.post<WireSearchResult<Channel>>(route`/externalmessengers/search`, query, expandQuery(expand)),
    delete: (id: string) => this.delete(route`/externalmessengers/delete`, { id }),
    /** Makes Unblu send a `ping` webhook event to the channel endpoint. */
    pingCustomChannel: (externalMessengerChannelId: string) =>
      this.post<void>(route`/externalmessengers/pingCustomChannel`, { externalMessengerChannelId }),
    /** Answers the new message's id as a bare JSON string. */
    sendMessage: (message: WireV3ExternalMessengerPostMessage) =>
      this.post<unknown>(route`/externalmessengers/sendMessage`, message),
    messageDelivered: (body: WireV3MessageStateBody) => this.post<void>(route`/externalmessengers/messageDelivered`, body),
    messageRead: (body: WireV3MessageStateBody) => this.post<void>(route`/externalmessengers/messageRead`, body),
    messageSentSuccessfully: (body: WireV3MessageSentSuccessfullyBody) =>
      this.post<void>(route`/externalmessengers/messageSentSuccessfully`, body),
    messageSendFailed: (body: WireV3MessageSendFailedBody) =>
      this.post<void>(route`/externalmessengers/messageSendFailed`, body),
  };

  /** `/conversations/*`; `end` is the one call with the id in the path, as in v4. */
  readonly conversations = {
    create: (data: WireV3ConversationCreationData) => this.post<Conversation>(route`/conversations/create`, data),
    /** The active conversation for the pair; Unblu ignores ended ones. */
    getBySourceIdAndChannelId: (sourceId: string, externalMessengerChannelId: string) =>
      this.get<Conversation>(route`/conversations/getBySourceIdAndChannelId`, { sourceId, externalMessengerChannelId }),
    read: (id: string) => this.get<Conversation>(route`/conversations/read`, { id }),
    end: (conversationId: string, body: WireConversationsEndBody) =>
      this.post<Conversation>(route`/conversations/${conversationId}/end`, body),
  };

  /** `/webhookregistrations/*`. */
  readonly webhookRegistrations = {
    create: (registration: Registration) => this.post<Registration>(route`/webhookregistrations/create`, registration),
    update: (registration: Registration) => this.post<Registration>(route`/webhookregistrations/update`, registration),
    read: (id: string) => this.get<Registration>(route`/webhookregistrations/read`, { id }),
    getByName: (name: string) => this.get<Registration>(route`/webhookregistrations/getByName`, { name }),
    delete: (id: string) => this.delete(route`/webhookregistrations/delete`, { id }),
    /** Makes Unblu send a `ping` event to the registration's endpoint. */
    sendPing: (id: string) => this.post<void>(route`/webhookregistrations/ping`, { id }),
  };

  /** `/global/*`. */
}
