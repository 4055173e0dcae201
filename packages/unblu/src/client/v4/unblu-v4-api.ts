import { expandQuery, UnbluApiBase, type UnbluExpand } from '../common/unblu-api-base.js';
import { route } from '../unblu-http.js';
import type {
  WireConversationCreationData,
  WireConversationData,
  WireConversationsEndBody,
  WireCustomExternalMessengerChannel as Channel,
  WireCustomExternalMessengerChannelQuery,
  WireExternalMessengerContact as Contact,
  WireExternalMessengerContactQuery,
  WireExternalMessengerPostMessage,
  WireMessageSendFailedBody,
  WireMessageSentSuccessfullyBody,
  WireMessageExportQuery,
  WireMessageExportResult,
  WireMessageStateBody,
  WirePingResponse,
  WireQuery,
  WireSearchResult,
  WireSendMessageResult,
  WireWebhookRegistration as Registration,
} from './wire.js';

/** A channel of any type, as `externalmessengers/search` lists them. */
type AnyChannel = { $_type: string; type: string; id: string; name: string };

/**
 * Web API v4 (Unblu 8), one method per endpoint, wire shapes in and out, nothing decided here.
 * Ids travel in the path (`/externalmessengers/{channelId}/read`). Errors as
 * {@link UnbluHttp.request}: a missing entity is an `UnbluPermanentError` with `status` 404.
 */
export class UnbluV4Api extends UnbluApiBase {
  /** `/externalmessengers/*`: custom channels and what Parley reports about messages on them. */
  readonly channels = {
    create: (channel: Channel, expand?: UnbluExpand) =>
      this.post<Channel>(route`/externalmessengers/create`, channel, expandQuery(expand)),
    /** Writes the whole channel; `version` must be the newest. */
    update: (channel: Channel, expand?: UnbluExpand) =>
      this.post<Channel>(route`/externalmessengers/update`, channel, expandQuery(expand)),
    read: (channelId: string, expand?: UnbluExpand) =>
      this.get<Channel>(route`/externalmessengers/${channelId}/read`, expandQuery(expand)),
    getByName: (name: string, expand?: UnbluExpand) =>
      this.get<Channel>(route`/externalmessengers/getByName`, { name, ...expandQuery(expand) }),
    /** All channel types; non-custom ones come back with their own `$_type`. */
    search: (query: WireQuery & { $_type: 'ExternalMessengerChannelQuery' }, expand?: UnbluExpand) =>
      this.post<WireSearchResult<AnyChannel>>(route`/externalmessengers/search`, query, expandQuery(expand)),
    searchCustom: (query: WireCustomExternalMessengerChannelQuery, expand?: UnbluExpand) =>
      this.post<WireSearchResult<Channel>>(route`/externalmessengers/searchCustom`, query, expandQuery(expand)),
    delete: (channelId: string) => this.delete(route`/externalmessengers/${channelId}/delete`),
    /** Makes Unblu send an `outbound.ping` request to the channel endpoint. */
    sendPing: (channelId: string) => this.post<WirePingResponse>(route`/externalmessengers/${channelId}/sendPing`),
    sendMessage: (channelId: string, message: WireExternalMessengerPostMessage) =>
      this.post<WireSendMessageResult>(route`/externalmessengers/${channelId}/sendMessage`, message),
    messageDelivered: (channelId: string, body: WireMessageStateBody) =>
      this.post<void>(route`/externalmessengers/${channelId}/messageDelivered`, body),
    messageRead: (channelId: string, body: WireMessageStateBody) =>
      this.post<void>(route`/externalmessengers/${channelId}/messageRead`, body),
    messageSentSuccessfully: (channelId: string, body: WireMessageSentSuccessfullyBody) =>
      this.post<void>(route`/externalmessengers/${channelId}/messageSentSuccessfully`, body),
    messageSendFailed: (channelId: string, body: WireMessageSendFailedBody) =>
      this.post<void>(route`/externalmessengers/${channelId}/messageSendFailed`, body),
  };

  /** `/externalmessengercontacts/*` (preview API): a customer's identity on one channel. */
  readonly contacts = {
    create: (contact: Contact) => this.post<Contact>(route`/externalmessengercontacts/create`, contact),
    /** Cannot move a contact to another person (Unblu has migrate endpoints for that). */
    update: (contact: Contact) => this.post<Contact>(route`/externalmessengercontacts/update`, contact),
    read: (contactId: string) => this.get<Contact>(route`/externalmessengercontacts/${contactId}/read`),
    search: (query: WireExternalMessengerContactQuery) =>
      this.post<WireSearchResult<Contact>>(route`/externalmessengercontacts/search`, query),
    /** Also ends all the contact's participations. */
    delete: (contactId: string) => this.delete(route`/externalmessengercontacts/${contactId}/delete`),
  };

  /** `/conversations/*`. */
  readonly conversations = {
    create: (data: WireConversationCreationData) => this.post<WireConversationData>(route`/conversations/create`, data),
    /** The active conversation for the pair; Unblu ignores ended ones. */
    getBySourceIdAndChannelId: (sourceId: string, externalMessengerChannelId: string) =>
      this.get<WireConversationData>(route`/conversations/getBySourceIdAndChannelId`, {
        sourceId,
        externalMessengerChannelId,
      }),
    read: (conversationId: string) => this.get<WireConversationData>(route`/conversations/${conversationId}/read`),
    end: (conversationId: string, body: WireConversationsEndBody) =>
      this.post<WireConversationData>(route`/conversations/${conversationId}/end`, body),
  };

  /** `/conversationhistory/*` (ADMIN): what Unblu recorded of a conversation. */
  readonly conversationHistory = {
    /** One page of the conversation's message log; 404 for an unknown conversation. */
    exportMessageLog: (conversationId: string, query: WireMessageExportQuery) =>
      this.post<WireMessageExportResult>(route`/conversationhistory/${conversationId}/exportMessageLog`, query),
  };

  /** `/webhookregistrations/*`. */
  readonly webhookRegistrations = {
    create: (registration: Registration) => this.post<Registration>(route`/webhookregistrations/create`, registration),
    update: (registration: Registration) => this.post<Registration>(route`/webhookregistrations/update`, registration),
    read: (registrationId: string) => this.get<Registration>(route`/webhookregistrations/${registrationId}/read`),
    getByName: (name: string) => this.get<Registration>(route`/webhookregistrations/getByName`, { name }),
    delete: (registrationId: string) => this.delete(route`/webhookregistrations/${registrationId}/delete`),
    /** Makes Unblu send a `ping` event to the registration's endpoint. */
    sendPing: (registrationId: string) => this.post<void>(route`/webhookregistrations/${registrationId}/sendPing`),
  };

  /** `/global/*`. */
}
