import type {
  ChannelRecord,
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  PersonRecord,
  RecipientRef,
  WebhookRegistrationRecord,
} from '../domain/entities.js';
import type { Expand, Json, WireContext } from './wire-dialect.js';

/*
 * Field sets that v3 and v4 share. The dialect files add what only their version has.
 */

export function channelFields(c: ChannelRecord, expand: Expand): Json {
  return {
    $_type: 'CustomExternalMessengerChannel',
    id: c.id,
    creationTimestamp: c.creationTimestamp,
    modificationTimestamp: c.modificationTimestamp,
    version: c.version,
    accountId: c.accountId,
    name: c.name,
    description: c.description,
    channelIcon: c.channelIcon ?? null,
    sourceId: c.sourceId,
    type: 'CUSTOM',
    webhookEndpoint: c.webhookEndpoint,
    webhookApiVersion: c.webhookApiVersion,
    webhookSecret: c.webhookSecret,
    webhookStatus: c.webhookStatus,
    messageStateHandledExternally: c.messageStateHandledExternally,
    metadata: expand.has('metadata') ? c.metadata : null,
  };
}

export function personFields(p: PersonRecord, expand: Expand): Json {
  return {
    $_type: 'PersonData',
    id: p.id,
    accountId: p.accountId,
    personSource: p.personSource,
    sourceId: p.sourceId,
    sourceUrl: p.sourceUrl,
    sourceData: p.sourceData,
    firstName: p.firstName,
    lastName: p.lastName,
    username: p.username,
    nickname: p.nickname,
    displayName: p.displayName,
    personType: p.personType,
    authorizationRole: p.authorizationRole,
    email: p.email,
    phone: p.phone,
    teamId: null,
    avatar: null,
    metadata: expand.has('metadata') ? p.metadata : null,
  };
}

export function contactJson(c: ContactRecord): Json {
  return {
    $_type: 'ExternalMessengerContact',
    id: c.id,
    creationTimestamp: c.creationTimestamp,
    modificationTimestamp: c.modificationTimestamp,
    accountId: c.accountId,
    name: c.name,
    description: c.description,
    externalMessengerChannelId: c.externalMessengerChannelId,
    sourceId: c.sourceId,
    personId: c.personId,
  };
}

export function registrationJson(r: WebhookRegistrationRecord): Json {
  return {
    $_type: 'WebhookRegistration',
    id: r.id,
    creationTimestamp: r.creationTimestamp,
    modificationTimestamp: r.modificationTimestamp,
    version: r.version,
    accountId: r.accountId,
    name: r.name,
    status: r.status,
    description: r.description,
    endpoint: r.endpoint,
    apiVersion: r.apiVersion,
    secret: r.secret,
    events: [...r.events],
  };
}

export function conversationFields(ctx: WireContext, c: ConversationRecord, expand: Expand, person: (p: PersonRecord) => Json): Json {
  return {
    $_type: 'ConversationData',
    creationTimestamp: c.creationTimestamp,
    endTimestamp: c.endTimestamp,
    id: c.id,
    accountId: c.accountId,
    topic: c.topic,
    scheduledTimestamp: null,
    recipient: recipientJson(ctx, c.recipient, person),
    state: c.state,
    initialEngagementType: c.initialEngagementType,
    locale: c.locale,
    tokboxSessionId: null,
    visitorData: c.visitorData,
    conversationTemplateId: null,
    links: [{ $_type: 'ConversationLink', type: 'OPEN_IN_AGENT_DESK', url: `${ctx.links.agentPageUrl}#${c.id}` }],
    externalMessengerChannelId: c.externalMessengerChannelId,
    sourceId: c.sourceId,
    sourceUrl: c.sourceUrl,
    endReason: c.endReason,
    initialEngagementUrl: c.initialEngagementUrl,
    awaitedPersonType: c.awaitedPersonType,
    awaitedPersonTypeChangeTimestamp: c.awaitedPersonTypeChangeTimestamp,
    metadata: expand.has('metadata') ? c.metadata : null,
    configuration: expand.has('configuration') ? {} : null,
    text: expand.has('text') ? {} : null,
  };
}

function recipientJson(ctx: WireContext, r: RecipientRef, person: (p: PersonRecord) => Json): Json {
  const { accountId } = ctx.state;
  switch (r.type) {
    case 'ACCOUNT':
      return { $_type: 'AccountData', id: r.id, displayName: 'Simulated Bank', displayNameTranslations: {}, avatar: null };
    case 'AGENT':
      return person(ctx.state.person(r.id));
    case 'TEAM':
      return { $_type: 'TeamData', id: r.id, accountId, displayName: `Team ${r.id}`, displayNameTranslations: {}, avatar: null, parentId: null };
    case 'NAMED_AREA':
      return { $_type: 'NamedAreaData', id: r.id, accountId, displayName: `Named area ${r.id}`, displayNameTranslations: {}, avatar: null };
  }
}

/** Fields of every MessageData subtype, then the TEXT or FILE specific ones appended by the caller. */
export function messageFields(ctx: WireContext, m: MessageRecord, person: (p: PersonRecord) => Json): Json {
  return {
    $_type: m.type === 'TEXT' ? 'TextMessageData' : 'FileMessageData',
    id: m.id,
    conversationId: m.conversationId,
    externalMessengerChannelId: m.externalMessengerChannelId,
    accountId: ctx.state.accountId,
    senderPerson: person(ctx.state.person(m.senderPersonId)),
    senderPersonPresenceId: null,
    serverTimestamp: m.serverTimestamp,
    sendTimestamp: m.sendTimestamp,
    type: m.type,
    recipientPersonIds: m.recipientPersonIds,
    fallbackText: m.fallbackText,
    actionId: m.id,
    sourceId: m.sourceId,
    botThreadId: null,
    internal: m.internal,
    replyToMessageId: m.replyToMessageId,
  };
}

/** The TEXT- or FILE-specific fields, except the download links whose shape differs by version. */
export function contentFields(m: MessageRecord): Json {
  const quickReplies = m.quickReplies?.map((text) => ({ $_type: 'QuickReply', text })) ?? null;
  if (!m.file) return { text: m.text, textType: m.textType, quickReplies };
  return {
    fileName: m.file.fileName,
    caption: m.file.caption,
    captionType: m.file.captionType,
    mimeType: m.file.mimeType,
    source: null,
    fileStoreId: m.file.fileStoreId,
    fileStatus: 'COMPLETED',
    totalSize: m.file.size,
    uploadedSize: m.file.size,
    quickReplies,
  };
}
