import type { ContactRecord, MessageRecord, MessageState } from '../domain/entities.js';
import type { ConversationEvent } from '../domain/ports.js';
import type { SimulatorState } from '../domain/simulator-state.js';
import type { Json, WireDialect } from '../wire/wire-dialect.js';

/*
 * Bodies of the calls Unblu makes to middleware endpoints. Outbound requests carry
 * `serviceName`; webhook events carry `timestamp` and `eventType`. Both repeat the name that
 * the `x-unblu-service-name` / `x-unblu-event` header carries.
 */

export const NEW_MESSAGE_SERVICE = 'outbound.external_messenger.new_message';
export const MESSAGE_STATE_SERVICE = 'outbound.external_messenger.message_state';
export const PING_SERVICE = 'outbound.ping';
export const NEW_MESSAGE_EVENT = 'external_messenger.new_message';
export const MESSAGE_STATE_EVENT = 'external_messenger.message_state';
export const PING_EVENT = 'ping';

export function newMessageRequest(wire: WireDialect, accountId: string, message: MessageRecord, contacts: ContactRecord[]): Json {
  return {
    $_type: 'ExternalMessengerNewMessageRequest',
    accountId,
    serviceName: NEW_MESSAGE_SERVICE,
    conversationMessage: wire.message(message),
    receivingContacts: contacts.map((c) => wire.contact(c)),
  };
}

export function newMessageEvent(wire: WireDialect, accountId: string, message: MessageRecord, timestamp: number): Json {
  return {
    $_type: 'ExternalMessengerNewMessageEvent',
    timestamp,
    eventType: NEW_MESSAGE_EVENT,
    accountId,
    conversationMessage: wire.message(message),
  };
}

function messageStateFields(message: MessageRecord, state: MessageState): Json {
  return {
    messageId: message.id,
    state,
    sourceId: message.sourceId,
    externalMessengerChannelId: message.externalMessengerChannelId,
    conversationId: message.conversationId,
  };
}

export function messageStateRequest(accountId: string, message: MessageRecord, state: MessageState): Json {
  return {
    $_type: 'ExternalMessengerMessageStateRequest',
    accountId,
    serviceName: MESSAGE_STATE_SERVICE,
    ...messageStateFields(message, state),
  };
}

export function messageStateEvent(accountId: string, message: MessageRecord, state: MessageState, timestamp: number): Json {
  return {
    $_type: 'ExternalMessengerMessageStateEvent',
    timestamp,
    eventType: MESSAGE_STATE_EVENT,
    accountId,
    ...messageStateFields(message, state),
  };
}

export function pingRequest(accountId: string, pingId: string): Json {
  return { $_type: 'PingRequest', accountId, serviceName: PING_SERVICE, pingId };
}

/** `webhookConfiguration` describes the pinged endpoint; its secret is never echoed. */
export function pingEvent(accountId: string, webhookConfiguration: Json, timestamp: number): Json {
  return {
    $_type: 'WebhookPingEvent',
    timestamp,
    eventType: PING_EVENT,
    accountId,
    webhookConfiguration: { ...webhookConfiguration, secret: null },
  };
}

export function conversationEventBody(wire: WireDialect, state: SimulatorState, event: ConversationEvent, timestamp: number): Json {
  const head = { timestamp, eventType: event.name, accountId: state.accountId };
  switch (event.name) {
    case 'conversation.created':
      return { $_type: 'ConversationCreatedEvent', ...head, conversation: wire.conversation(event.conversation) };
    case 'conversation.ended':
      return {
        $_type: 'ConversationEndedEvent',
        ...head,
        conversation: wire.conversation(event.conversation),
        endReason: event.conversation.endReason,
        endPerson: event.endPersonId ? wire.person(state.person(event.endPersonId)) : null,
        endComment: event.endComment,
      };
    case 'conversation.new_message':
      return { $_type: 'ConversationNewMessageEvent', ...head, conversationMessage: wire.message(event.message) };
    case 'conversation.message_state':
      return {
        $_type: 'ConversationMessageStateEvent',
        ...head,
        messageId: event.message.id,
        state: event.state,
        conversationId: event.message.conversationId,
      };
  }
}
