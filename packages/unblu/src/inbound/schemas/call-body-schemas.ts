import { z } from 'zod';
import { externalMessengerContactSchema, messageDataSchema } from './message-data-schema.js';

/*
 * Bodies of the calls Unblu makes to Parley, reduced to what Parley reads. Outbound requests
 * (v4) carry `serviceName`, webhook events `eventType` and `timestamp`; Parley takes the call's
 * name from the headers, so neither is required here.
 */

const optionalString = z.string().nullish();
const requiredId = z.string().min(1);

/** `ExternalMessengerNewMessageRequest` (outbound, v4). */
export const newMessageRequestSchema = z.object({
  conversationMessage: messageDataSchema,
  receivingContacts: z.array(externalMessengerContactSchema).nullish(),
});

/** `ExternalMessengerNewMessageEvent` and `ConversationNewMessageEvent` (webhooks). */
export const newMessageEventSchema = z.object({
  timestamp: z.number().int().nullish(),
  conversationMessage: messageDataSchema,
});

/** `ExternalMessengerMessageStateRequest` / `…Event` (outbound and webhook share the fields). */
export const externalMessageStateSchema = z.object({
  messageId: requiredId,
  conversationId: requiredId,
  state: z.string().min(1),
  sourceId: optionalString,
  externalMessengerChannelId: optionalString,
});

/** `ConversationMessageStateEvent` (webhook): no channel and no source id. */
export const conversationMessageStateSchema = z.object({
  messageId: requiredId,
  conversationId: requiredId,
  state: z.string().min(1),
});

/** `ConversationCreatedEvent`, `…EndedEvent` and the other events carrying `ConversationData`. */
export const conversationLifecycleEventSchema = z.object({
  conversation: z.object({
    id: requiredId,
    state: optionalString,
    externalMessengerChannelId: optionalString,
    sourceId: optionalString,
    endReason: optionalString,
  }),
  endReason: optionalString,
});

/** `PingRequest` (outbound): the answer must echo `pingId`. */
export const pingRequestSchema = z.object({ pingId: optionalString });

/** Any other call: Parley reads nothing, but the body must still be a JSON object. */
export const anyObjectSchema = z.object({});
