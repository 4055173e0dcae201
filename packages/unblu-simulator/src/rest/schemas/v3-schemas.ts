import { z } from 'zod';
import type { NewConversation } from '../../domain/conversation-service.js';
import type { RecipientType } from '../../domain/entities.js';
import { badRequest } from '../../unblu-error.js';
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

/** Request bodies of web API v3 (Unblu 7): channel ids travel in the body. */

export const v3Channel = z
  .object({ ...channelShape, webhookApiVersion: optional(z.enum(['V1', 'V2', 'V3'])) })
  .transform((c) => toChannelUpdate(c, 'V3'));

export const v3Registration = registration(['V1', 'V2', 'V3'], 'V3');

const RECIPIENT_TYPES: Record<string, RecipientType> = {
  AccountData: 'ACCOUNT',
  TeamData: 'TEAM',
  NamedAreaData: 'NAMED_AREA',
  PersonData: 'AGENT',
};

/** v3 creates conversations from a `ConversationData` body. */
export const v3Conversation = z
  .object({
    $_type: typeTag('ConversationData'),
    id: z.null().optional(),
    topic: optional(z.string()),
    recipient: optional(z.object({ $_type: z.enum(['AccountData', 'TeamData', 'NamedAreaData', 'PersonData']), id: optional(z.string()) })),
    participants: optional(
      z.array(
        z.object({
          personId: id,
          connectedViaExternalMessenger: optional(z.boolean()),
          hidden: optional(z.boolean()),
          conversationStarred: optional(z.boolean()),
        }),
      ),
    ),
    assigneePersonId: optional(z.string()),
    contextPersonId: optional(z.string()),
    initialEngagementType: optional(engagementType),
    locale: optional(z.string()),
    visitorData: optional(z.string()),
    externalMessengerChannelId: optional(z.string()),
    sourceId: optional(z.string()),
    sourceUrl: optional(z.string()),
    initialEngagementUrl: optional(z.string()),
    metadata: optional(metadata),
  })
  .transform((c): NewConversation => {
    const participants = c.participants ?? [];
    for (const field of ['contextPersonId', 'assigneePersonId'] as const) {
      const personId = c[field];
      if (personId && !participants.some((p) => p.personId === personId)) {
        throw badRequest(`${field}: '${personId}' must be one of the participants`);
      }
    }
    return {
      ...c,
      conversationVisibility: null,
      recipient: c.recipient ? { type: RECIPIENT_TYPES[c.recipient.$_type], id: c.recipient.id } : null,
      participants: participants.map((p) => ({
        personId: p.personId,
        participationType:
          p.personId === c.contextPersonId ? 'CONTEXT_PERSON' : p.personId === c.assigneePersonId ? 'ASSIGNED_AGENT' : null,
        viaMessenger: p.connectedViaExternalMessenger ?? false,
        hidden: p.hidden ?? false,
        conversationStarred: p.conversationStarred ?? false,
      })),
      externalParticipants: [],
    };
  });

export const v3PostMessage = z.object({
  $_type: typeTag('ExternalMessengerPostMessage'),
  conversationId: id,
  externalMessengerChannelId: id,
  senderPersonId: id,
  recipientPersonIds: optional(z.array(z.string())),
  sourceId: optional(z.string()),
  replyToMessageId: optional(z.string()),
  messageData: postMessageData,
});

export const v3MessageRef = z.object({ conversationId: id, externalMessengerChannelId: id, messageId: id });

export const v3MessageStateChange = v3MessageRef.extend({ personId: optional(z.string()) });

export const v3MessageSendFailed = v3MessageRef.extend({ failedState: failState, failureText: optional(z.string()) });

export const v3PingChannel = z.object({ externalMessengerChannelId: id });

export const v3PingRegistration = z.object({ id });
