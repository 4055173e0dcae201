import type { ConversationEvent, MessageStateEvent, UnbluDelivery } from '@parley/core';
import { compact } from './compact.js';
import { toAgentMessageEvent } from './map-agent-message.js';
import {
  anyObjectSchema,
  conversationLifecycleEventSchema,
  conversationMessageStateSchema,
  externalMessageStateSchema,
  newMessageEventSchema,
  newMessageRequestSchema,
  pingRequestSchema,
} from './schemas/call-body-schemas.js';
import type { MessageDataPayload } from './schemas/message-data-schema.js';
import type { UnbluCall } from './unblu-call.js';
import { CONVERSATION_LIFECYCLE_EVENTS, UNBLU_OUTBOUND, UNBLU_WEBHOOK } from './unblu-call-names.js';
import { missingField, validatePayload } from './validate-payload.js';

/** What every interpreter gets: the delivery read from the headers and the time of receipt. */
interface CallContext {
  delivery: UnbluDelivery;
  receivedAt: number;
}

/** Turns one kind of call's JSON body into an {@link UnbluCall}; throws `UnbluCallParseError`. */
type Interpreter = (body: unknown, context: CallContext) => UnbluCall;

/** External messenger traffic always names its channel; Parley cannot route a message without it. */
function requireChannelId(message: MessageDataPayload): string {
  return message.externalMessengerChannelId || missingField('conversationMessage.externalMessengerChannelId', 'required');
}

const outboundNewMessage: Interpreter = (body, { delivery, receivedAt }) => {
  const request = validatePayload(newMessageRequestSchema, body);
  const message = request.conversationMessage;
  const channelId = requireChannelId(message);
  const event = toAgentMessageEvent(message, { delivery, channelId, receivingContacts: request.receivingContacts, fallbackSentAt: receivedAt });
  return { kind: 'event', event };
};

const webhookNewMessage: Interpreter = (body, { delivery, receivedAt }) => {
  const payload = validatePayload(newMessageEventSchema, body);
  const message = payload.conversationMessage;
  const channelId = requireChannelId(message);
  const event = toAgentMessageEvent(message, { delivery, channelId, fallbackSentAt: payload.timestamp ?? receivedAt });
  return { kind: 'event', event };
};

/**
 * `conversation.new_message` reports every message of every conversation, the customer's own
 * included (Parley posted those). Only the other participants' messages in external messenger
 * conversations are agent messages; the engine dedupes them by message id with the channel's.
 */
const conversationNewMessage: Interpreter = (body, { delivery, receivedAt }) => {
  const payload = validatePayload(newMessageEventSchema, body);
  const message = payload.conversationMessage;
  const channelId = message.externalMessengerChannelId;
  if (!channelId) return { kind: 'ignored', delivery, reason: 'message of a conversation without external messenger channel' };
  if (message.senderPerson?.personType === 'VISITOR') return { kind: 'ignored', delivery, reason: 'message written by the visitor' };
  const event = toAgentMessageEvent(message, { delivery, channelId, fallbackSentAt: payload.timestamp ?? receivedAt });
  return { kind: 'event', event };
};

const externalMessageState: Interpreter = (body, { delivery }) => {
  const payload = validatePayload(externalMessageStateSchema, body);
  const event: MessageStateEvent = compact({
    type: 'message-state' as const,
    delivery,
    channelId: payload.externalMessengerChannelId ?? undefined,
    conversationId: payload.conversationId,
    messageId: payload.messageId,
    state: payload.state,
    externalMessageId: payload.sourceId ?? undefined,
  });
  return { kind: 'event', event };
};

const conversationMessageState: Interpreter = (body, { delivery }) => {
  const payload = validatePayload(conversationMessageStateSchema, body);
  const event: MessageStateEvent = {
    type: 'message-state',
    delivery,
    conversationId: payload.conversationId,
    messageId: payload.messageId,
    state: payload.state,
  };
  return { kind: 'event', event };
};

const conversationLifecycle: Interpreter = (body, { delivery }) => {
  const { conversation, endReason } = validatePayload(conversationLifecycleEventSchema, body);
  const event: ConversationEvent = compact({
    type: 'conversation' as const,
    delivery,
    change: delivery.name.slice('conversation.'.length),
    conversationId: conversation.id,
    channelId: conversation.externalMessengerChannelId ?? undefined,
    sourceId: conversation.sourceId ?? undefined,
    state: conversation.state ?? undefined,
    endReason: endReason ?? conversation.endReason ?? undefined,
  });
  return { kind: 'event', event };
};

const outboundPing: Interpreter = (body, { delivery }) => {
  const { pingId } = validatePayload(pingRequestSchema, body);
  return { kind: 'event', event: compact({ type: 'ping' as const, delivery, pingId: pingId ?? undefined }) };
};

const webhookPing: Interpreter = (body, { delivery }) => {
  validatePayload(anyObjectSchema, body);
  return { kind: 'event', event: { type: 'ping', delivery } };
};

function unsupported(request: 'create-contact' | 'create-conversation'): Interpreter {
  return (body, { delivery }) => {
    validatePayload(anyObjectSchema, body);
    return { kind: 'unsupported', delivery, request };
  };
}

const OUTBOUND_INTERPRETERS: ReadonlyMap<string, Interpreter> = new Map([
  [UNBLU_OUTBOUND.newMessage, outboundNewMessage],
  [UNBLU_OUTBOUND.messageState, externalMessageState],
  [UNBLU_OUTBOUND.ping, outboundPing],
  [UNBLU_OUTBOUND.createContact, unsupported('create-contact')],
  [UNBLU_OUTBOUND.createConversation, unsupported('create-conversation')],
]);

const WEBHOOK_INTERPRETERS: ReadonlyMap<string, Interpreter> = new Map([
  [UNBLU_WEBHOOK.newMessage, webhookNewMessage],
  [UNBLU_WEBHOOK.messageState, externalMessageState],
  [UNBLU_WEBHOOK.conversationNewMessage, conversationNewMessage],
  [UNBLU_WEBHOOK.conversationMessageState, conversationMessageState],
  [UNBLU_WEBHOOK.ping, webhookPing],
  ...[...CONVERSATION_LIFECYCLE_EVENTS].map((name): [string, Interpreter] => [name, conversationLifecycle]),
]);

/**
 * Interprets the parsed JSON `body` of a call named by `context.delivery`. Names Parley does not
 * know (for the call's mechanism) are `ignored`. Throws `UnbluCallParseError` on an invalid body.
 */
export function interpretUnbluCall(body: unknown, context: CallContext): UnbluCall {
  const { delivery } = context;
  const table = delivery.mechanism === 'outbound' ? OUTBOUND_INTERPRETERS : WEBHOOK_INTERPRETERS;
  const interpreter = table.get(delivery.name);
  if (interpreter === undefined) {
    return { kind: 'ignored', delivery, reason: `unknown ${delivery.mechanism === 'outbound' ? 'outbound service' : 'event'}` };
  }
  return interpreter(body, context);
}
