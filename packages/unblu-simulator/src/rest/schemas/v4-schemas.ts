import { z } from 'zod';
import type { ContactFields } from '../../domain/entities.js';
import type { NewConversation } from '../../domain/conversation-service.js';
import {
  channelShape,
  engagementType,
  failState,
  id,
  metadata,
  optional,
  postMessageData,
  registration,
  toChannelUpdate,
  typeTag,
} from './common-schemas.js';

/** Request bodies of web API v4 (Unblu 8). */

export const v4Channel = z
  .object({
    ...channelShape,
    webhookApiVersion: optional(z.enum(['V1', 'V2', 'V3', 'V4'])),
    outboundSupported: optional(z.boolean()),
    outboundTimeoutMillis: z.number().int().positive(),
    contactIdentifierFieldName: optional(z.string()),
    contactIdentifierFieldType: optional(z.enum(['EMAIL', 'PHONE_NUMBER', 'NUMBER', 'OTHER'])),
    contactIdentifierTranslations: optional(z.record(z.string(), z.object({ id: optional(z.string()), name: optional(z.string()) }))),
    supportsMultipleConversationsPerContact: optional(z.boolean()),
  })
  .transform((c) =>
    toChannelUpdate(c, 'V4', {
      outboundSupported: c.outboundSupported ?? false,
      outboundTimeoutMillis: c.outboundTimeoutMillis,
      contactIdentifierFieldName: c.contactIdentifierFieldName,
      contactIdentifierFieldType: c.contactIdentifierFieldType,
      contactIdentifierTranslations: c.contactIdentifierTranslations,
      supportsMultipleConversationsPerContact: c.supportsMultipleConversationsPerContact ?? true,
    }),
  );

export const v4Registration = registration(['V1', 'V2', 'V3', 'V4'], 'V4');

export const v4Contact = z
  .object({
    $_type: typeTag('ExternalMessengerContact'),
    id: optional(z.string()),
    name: optional(z.string()),
    description: optional(z.string()),
    externalMessengerChannelId: id,
    sourceId: id,
    personId: id,
  })
  .transform(({ $_type: _t, id: contactId, ...fields }): { id: string | null; fields: ContactFields } => ({ id: contactId, fields }));

export const v4ConversationCreation = z
  .object({
    $_type: typeTag('ConversationCreationData'),
    topic: optional(z.string()),
    recipient: optional(
      z.object({ type: z.enum(['AGENT', 'TEAM', 'NAMED_AREA', 'ACCOUNT']), id: optional(z.string()) }),
    ),
    participants: optional(
      z.array(
        z.object({
          personId: id,
          hidden: optional(z.boolean()),
          conversationStarred: optional(z.boolean()),
          participationType: optional(z.enum(['ASSIGNED_AGENT', 'CONTEXT_PERSON', 'SECONDARY_AGENT', 'SECONDARY_VISITOR'])),
        }),
      ),
    ),
    externalParticipants: optional(
      z.array(
        z.object({ externalMessengerContactId: id, participationType: optional(z.enum(['CONTEXT_PERSON', 'SECONDARY_VISITOR'])) }),
      ),
    ),
    botParticipants: z.array(z.unknown()).max(0, 'bot participants are not simulated').nullish(),
    initialEngagementType: optional(engagementType),
    conversationVisibility: optional(z.enum(['PRIVATE', 'RULE_BASED'])),
    locale: optional(z.string()),
    visitorData: optional(z.string()),
    externalMessengerChannelId: optional(z.string()),
    sourceId: optional(z.string()),
    sourceUrl: optional(z.string()),
    initialEngagementUrl: optional(z.string()),
    metadata: optional(metadata),
  })
  .transform(
    (c): NewConversation => ({
      ...c,
      participants: (c.participants ?? []).map((p) => ({
        personId: p.personId,
        participationType: p.participationType,
        viaMessenger: false,
        hidden: p.hidden ?? false,
        conversationStarred: p.conversationStarred ?? false,
      })),
      externalParticipants: (c.externalParticipants ?? []).map((p) => ({
        contactId: p.externalMessengerContactId,
        participationType: p.participationType,
      })),
    }),
  );

export const v4PostMessage = z.object({
  $_type: typeTag('ExternalMessengerPostMessage'),
  conversationId: id,
  senderExternalMessengerContactId: id,
  recipientPersonIds: optional(z.array(z.string())),
  sourceId: optional(z.string()),
  replyToMessageId: optional(z.string()),
  externalMessageId: optional(z.string()),
  replyToExternalMessageId: optional(z.string()),
  messageData: postMessageData,
});

export const v4MessageRef = z.object({ conversationId: id, messageId: id });

export const v4MessageStateChange = v4MessageRef.extend({ externalMessengerContactId: optional(z.string()) });

export const v4MessageSendFailed = v4MessageRef.extend({ failState, failureText: optional(z.string()) });

const timestamp = z.number().int();

/** Body of `conversationhistory/{conversationId}/exportMessageLog`: filters on `SEND_TIMESTAMP` only. */
export const v4MessageExportQuery = z.object({
  $_type: typeTag('MessageExportQuery'),
  searchFilters: z
    .array(
      z.object({
        $_type: typeTag('SendTimestampMessageExportFilter'),
        field: z.literal('SEND_TIMESTAMP'),
        operator: z.object({
          type: z.enum([
            'EQUALS',
            'NOT_EQUALS',
            'GREATER_THAN',
            'GREATER_THAN_OR_NULL',
            'LOWER_THAN',
            'LOWER_THAN_OR_NULL',
            'IN',
            'NOT_IN',
            'IS_NULL',
            'IS_NOT_NULL',
            'IN_RANGE',
            'NOT_IN_RANGE',
          ]),
          value: timestamp.nullish(),
          values: z.array(timestamp).nullish(),
          minimum: timestamp.nullish(),
          maximum: timestamp.nullish(),
        }),
      }),
    )
    .nullish(),
  orderBy: z
    .array(
      z.object({
        $_type: typeTag('MessageExportOrderBy'),
        field: z.enum(['ID', 'CONVERSATION_ID', 'SEND_TIMESTAMP', 'SERVER_TIMESTAMP', 'SENDER_PERSON_ID', 'TYPE', 'TEXT']),
        order: optional(z.enum(['ASCENDING', 'DESCENDING'])),
      }),
    )
    .nullish(),
  offset: z.number().int().min(0).nullish(),
  limit: z.number().int().min(1).nullish(),
});

export type V4MessageExportQuery = z.output<typeof v4MessageExportQuery>;
