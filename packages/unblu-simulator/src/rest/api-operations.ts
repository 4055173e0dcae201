import type { ChannelUpdate } from '../domain/channel-service.js';
import type { NewConversation } from '../domain/conversation-service.js';
import type { ContactFields, FailState, MessageRecord, PersonFields, PersonSource } from '../domain/entities.js';
import type { MessageRef, MessengerParty, VisitorMessageInput } from '../domain/external-messenger-service.js';
import { search, type SearchPage, type SearchQuery } from '../domain/search.js';
import type { SimulatorServices } from '../domain/simulator-services.js';
import type { WebhookRegistrationUpdate } from '../domain/webhook-registration-service.js';
import { badRequest } from '../unblu-error.js';
import { conversationHistoryMessage } from '../wire/v4-wire.js';
import type { Expand, Json, WireDialect } from '../wire/wire-dialect.js';
import type { V4MessageExportQuery } from './schemas/v4-schemas.js';

/**
 * The REST operations both API versions offer, from parsed input to wire JSON. The version route
 * files only say where each input comes from (path, query or body) and which schema parses it.
 */
export class ApiOperations {
  constructor(
    private readonly s: SimulatorServices,
    private readonly wire: WireDialect,
  ) {}

  createChannel(update: ChannelUpdate, expand: Expand): Json {
    const { id: _id, version: _version, ...fields } = update;
    return this.wire.channel(this.s.channels.create(fields), expand);
  }

  updateChannel(update: ChannelUpdate, expand: Expand): Json {
    return this.wire.channel(this.s.channels.update(update), expand);
  }

  readChannel(id: string, expand: Expand): Json {
    return this.wire.channel(this.s.channels.read(id), expand);
  }

  channelByName(name: string, expand: Expand): Json {
    return this.wire.channel(this.s.channels.byName(name), expand);
  }

  searchChannels(resultType: string, query: SearchQuery, expand: Expand): Json {
    return result(resultType, this.s.channels.search(query), (c) => this.wire.channel(c, expand));
  }

  deleteChannel(id: string): void {
    this.s.channels.delete(id);
  }

  pingChannel(id: string): Promise<string> {
    return this.s.channels.ping(id);
  }

  /** Returns the new message's id. */
  sendMessage(input: VisitorMessageInput): string {
    return this.s.messenger.sendMessage(input).id;
  }

  messageSentSuccessfully(ref: MessageRef): void {
    this.s.messenger.sentSuccessfully(ref);
  }

  messageSendFailed(ref: MessageRef, failState: FailState, failureText: string | null): void {
    this.s.messenger.sendFailed(ref, failState, failureText);
  }

  messageDelivered(ref: MessageRef, recipient: MessengerParty | null): void {
    this.s.messenger.delivered(ref, recipient);
  }

  messageRead(ref: MessageRef, recipient: MessengerParty | null): void {
    this.s.messenger.read(ref, recipient);
  }

  createOrUpdateVirtualPerson(fields: PersonFields, expand: Expand): Json {
    return this.wire.person(this.s.persons.createOrUpdateVirtual(fields), expand);
  }

  personBySource(personSource: string, sourceId: string, expand: Expand): Json {
    if (personSource !== 'VIRTUAL' && personSource !== 'USER_DB') {
      throw badRequest(`personSource: must be VIRTUAL or USER_DB, not '${personSource}'`);
    }
    return this.wire.person(this.s.persons.bySource(personSource satisfies PersonSource, sourceId), expand);
  }

  createConversation(input: NewConversation, expand: Expand): Json {
    return this.wire.conversation(this.s.conversations.create(input), expand);
  }

  conversationBySource(sourceId: string, channelId: string | null, expand: Expand): Json {
    return this.wire.conversation(this.s.conversations.bySource(sourceId, channelId), expand);
  }

  readConversation(id: string, expand: Expand): Json {
    return this.wire.conversation(this.s.conversations.read(id), expand);
  }

  endConversation(id: string, body: { reason: string | null; comment: string | null }, expand: Expand): Json {
    return this.wire.conversation(this.s.conversations.end(id, body.reason ?? 'OTHER', body.comment, null), expand);
  }

  /**
   * v4 `conversationhistory/{id}/exportMessageLog`: the conversation's messages (404 for an
   * unknown conversation), filtered by send time, ordered as asked (stored order otherwise),
   * paged by `offset`/`limit`.
   */
  exportMessageLog(conversationId: string, query: V4MessageExportQuery): Json {
    const messages = orderMessages(this.s.state.messagesOf(this.s.state.conversation(conversationId).id), query.orderBy ?? []);
    const page = search(messages, query, { SEND_TIMESTAMP: (m) => m.sendTimestamp });
    return result('MessageExportResult', page, conversationHistoryMessage);
  }

  createContact(fields: ContactFields): Json {
    return this.wire.contact(this.s.contacts.create(fields));
  }

  updateContact(id: string | null, fields: ContactFields): Json {
    return this.wire.contact(this.s.contacts.update(id, fields));
  }

  readContact(id: string): Json {
    return this.wire.contact(this.s.contacts.read(id));
  }

  readContacts(ids: string[]): Json {
    return { $_type: 'ExternalMessengerContactList', items: this.s.contacts.readMultiple(ids).map((c) => this.wire.contact(c)) };
  }

  searchContacts(query: SearchQuery): Json {
    return result('ExternalMessengerContactResult', this.s.contacts.search(query), (c) => this.wire.contact(c));
  }

  deleteContact(id: string): void {
    this.s.contacts.delete(id);
  }

  createRegistration(update: WebhookRegistrationUpdate): Json {
    const { id: _id, version: _version, ...fields } = update;
    return this.wire.registration(this.s.registrations.create(fields));
  }

  updateRegistration(update: WebhookRegistrationUpdate): Json {
    return this.wire.registration(this.s.registrations.update(update));
  }

  readRegistration(id: string): Json {
    return this.wire.registration(this.s.registrations.read(id));
  }

  registrationByName(name: string): Json {
    return this.wire.registration(this.s.registrations.byName(name));
  }

  /** The registrations that exist among `ids`, as a plain list (v3 wraps nothing, v4 wraps it). */
  readRegistrations(ids: string[]): Json[] {
    return this.s.registrations.readMultiple(ids).map((r) => this.wire.registration(r));
  }

  searchRegistrations(query: SearchQuery): Json {
    return result('WebhookRegistrationResult', this.s.registrations.search(query), (r) => this.wire.registration(r));
  }

  deleteRegistration(id: string): void {
    this.s.registrations.delete(id);
  }

  pingRegistration(id: string): Promise<void> {
    return this.s.registrations.ping(id);
  }
}

function result<T>(type: string, page: SearchPage<T>, render: (item: T) => Json): Json {
  return { $_type: type, hasMoreItems: page.hasMoreItems, nextOffset: page.nextOffset, items: page.items.map(render) };
}

type MessageOrder = NonNullable<V4MessageExportQuery['orderBy']>[number];

const MESSAGE_SORT_KEYS: Record<MessageOrder['field'], (m: MessageRecord) => string | number> = {
  ID: (m) => m.id,
  CONVERSATION_ID: (m) => m.conversationId,
  SEND_TIMESTAMP: (m) => m.sendTimestamp,
  SERVER_TIMESTAMP: (m) => m.serverTimestamp,
  SENDER_PERSON_ID: (m) => m.senderPersonId,
  TYPE: (m) => m.type,
  TEXT: (m) => m.text ?? m.fallbackText,
};

/** Sorts by the criteria in turn (stable, so ties keep the stored order); no criteria: stored order. */
function orderMessages(messages: MessageRecord[], orderBy: readonly MessageOrder[]): MessageRecord[] {
  return [...messages].sort((a, b) => {
    for (const { field, order } of orderBy) {
      const [x, y] = [MESSAGE_SORT_KEYS[field](a), MESSAGE_SORT_KEYS[field](b)];
      const compared = x < y ? -1 : x > y ? 1 : 0;
      if (compared !== 0) return order === 'DESCENDING' ? -compared : compared;
    }
    return 0;
  });
}
