import type { ConversationRecord, MessageRecord, ParticipantRecord, PersonRecord } from '../domain/entities.js';
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

/**
 * Web API v3 (Unblu 7): one participant list with `connectedViaExternalMessenger`, context and
 * assignee ids on the conversation, single download link fields, no visitor-facing name.
 */
export function createV3Wire(ctx: WireContext): WireDialect {
  return {
    version: 'v3',
    channel: (c, expand = NO_EXPAND) => channelFields(c, expand),
    person,
    contact: contactJson,
    conversation: (c, expand = NO_EXPAND) => conversation(ctx, c, expand),
    message: (m) => message(ctx, m),
    registration: registrationJson,
  };
}

function person(p: PersonRecord, expand: Expand = NO_EXPAND): Json {
  return { ...personFields(p, expand), teamName: null };
}

function conversation(ctx: WireContext, c: ConversationRecord, expand: Expand): Json {
  const personWith = (type: ParticipantRecord['participationType']): string | null =>
    c.participants.find((p) => p.participationType === type)?.personId ?? null;
  return {
    ...conversationFields(ctx, c, expand, (p) => person(p)),
    participants: c.participants.map((p) => ({
      $_type: 'ParticipantData',
      state: p.state,
      personId: p.personId,
      connectedViaExternalMessenger: p.viaMessenger,
      hidden: p.hidden,
      conversationStarred: p.conversationStarred,
    })),
    assigneePersonId: personWith('ASSIGNED_AGENT'),
    contextPersonId: personWith('CONTEXT_PERSON'),
  };
}

function message(ctx: WireContext, m: MessageRecord): Json {
  return {
    ...messageFields(ctx, m, (p) => person(p)),
    ...contentFields(m),
    ...(m.file && {
      downloadLink: ctx.links.webApiFileUrl(m.file.fileStoreId),
      agentDeskDownloadLink: ctx.links.agentDeskFileUrl(m.file.fileStoreId),
    }),
  };
}
