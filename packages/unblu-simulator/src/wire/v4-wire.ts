import type { ChannelRecord, ConversationRecord, MessageRecord, ParticipantRecord, PersonRecord } from '../domain/entities.js';
import {
  channelFields,
  contactJson,
  contentFields,
  conversationFields,
  messageFields,
  personFields,
  registrationJson,
} from './common-wire.js';
import { NO_EXPAND, type Expand, type Json, type WireContext, type WireDialect } from './wire-dialect.js';

/** Web API v4 (Unblu 8): external participants, contacts, download link lists. */
export function createV4Wire(ctx: WireContext): WireDialect {
  return {
    version: 'v4',
    channel,
    person,
    contact: contactJson,
    conversation: (c, expand = NO_EXPAND) => conversation(ctx, c, expand),
    message: (m) => message(ctx, m),
    registration: registrationJson,
  };
}

function channel(c: ChannelRecord, expand: Expand = NO_EXPAND): Json {
  return {
    ...channelFields(c, expand),
    outboundSupported: c.outboundSupported,
    outboundTimeoutMillis: c.outboundTimeoutMillis,
    contactIdentifierFieldName: c.contactIdentifierFieldName,
    contactIdentifierFieldType: c.contactIdentifierFieldType,
    contactIdentifierTranslations: c.contactIdentifierTranslations ?? {},
    supportsMultipleConversationsPerContact: c.supportsMultipleConversationsPerContact,
  };
}

function person(p: PersonRecord, expand: Expand = NO_EXPAND): Json {
  return {
    ...personFields(p, expand),
    displayNameForAgent: p.displayName,
    displayNameForVisitor: p.displayNameForVisitor,
    labels: [],
    note: null,
    noteLastEditedTimestamp: null,
    noteLastEditedPersonId: null,
  };
}

/** v4 lists messenger participants separately, as external participants with their contact. */
function conversation(ctx: WireContext, c: ConversationRecord, expand: Expand): Json {
  const participant = (p: ParticipantRecord): Json => ({
    $_type: 'ParticipantData',
    state: p.state,
    personId: p.personId,
    hidden: p.hidden,
    conversationStarred: p.conversationStarred,
    participationType: p.participationType,
  });
  const externalParticipant = (p: ParticipantRecord): Json => ({
    $_type: 'ExternalParticipantData',
    state: p.state,
    externalMessengerContactId: p.contactId,
    personId: p.personId,
    sourceId: p.contactId ? (ctx.state.contacts.get(p.contactId)?.sourceId ?? null) : null,
    participationType: p.participationType,
  });
  return {
    ...conversationFields(ctx, c, expand, (p) => person(p)),
    participants: c.participants.filter((p) => p.contactId === null).map(participant),
    externalParticipants: c.participants.filter((p) => p.contactId !== null).map(externalParticipant),
    botParticipants: [],
    conversationVisibility: c.conversationVisibility,
    inheritConfigurationAndTexts: true,
  };
}

function message(ctx: WireContext, m: MessageRecord): Json {
  return {
    ...messageFields(ctx, m, (p) => person(p)),
    externalMessageId: m.externalMessageId,
    replyToExternalMessageId: m.replyToExternalMessageId,
    locale: m.locale,
    ...contentFields(m),
    ...(m.file && {
      downloadLinks: [
        { $_type: 'DownloadLink', type: 'WEB_API', url: ctx.links.webApiFileUrl(m.file.fileStoreId) },
        { $_type: 'DownloadLink', type: 'AGENT_DESK', url: ctx.links.agentDeskFileUrl(m.file.fileStoreId) },
      ],
    }),
  };
}

/**
 * A message log entry (`ConversationHistoryMessageData`, `conversationhistory/exportMessageLog`).
 * `externalMessageId` is the messenger's id: for a visitor message the `sourceId` it was posted
 * with (else an `externalMessageId` given alongside), for an agent message the id the middleware
 * answered to the outbound request, if any.
 */
export function conversationHistoryMessage(m: MessageRecord): Json {
  return {
    $_type: 'ConversationHistoryMessageData',
    id: m.id,
    conversationId: m.conversationId,
    sendTimestamp: m.sendTimestamp,
    serverTimestamp: m.serverTimestamp,
    senderPersonId: m.senderPersonId,
    type: m.type,
    internal: m.internal,
    replyToMessageId: m.replyToMessageId,
    externalMessageId: m.direction === 'visitor' ? (m.sourceId ?? m.externalMessageId) : m.externalMessageId,
    recipientPersonIds: m.recipientPersonIds,
    botThreadId: null,
    rejectionSeverity: null,
    rejectionReason: null,
    text: m.text ?? m.fallbackText,
  };
}
