import type { ChannelRecord, ConversationRecord, MessageRecord } from './domain/entities.js';
import type { SimulatorState } from './domain/simulator-state.js';
import type { SimChannel, SimConversation, SimMessage } from './unblu-simulator.js';
import type { WireLinks } from './wire/wire-dialect.js';

/** Plain, detached snapshots of internal records for inspection and the control API. */

export function conversationView(state: SimulatorState, c: ConversationRecord): SimConversation {
  return {
    id: c.id,
    channelId: c.externalMessengerChannelId,
    sourceId: c.sourceId,
    state: c.state,
    topic: c.topic,
    endReason: c.endReason,
    createdAt: c.creationTimestamp,
    endedAt: c.endTimestamp,
    participants: c.participants.map((p) => {
      const person = state.person(p.personId);
      return {
        personId: p.personId,
        displayName: person.displayName,
        personType: person.personType,
        participationType: p.participationType,
        state: p.state,
        viaMessenger: p.viaMessenger,
        contactId: p.contactId,
      };
    }),
  };
}

export function messageView(state: SimulatorState, links: WireLinks, m: MessageRecord): SimMessage {
  const file = m.file && {
    fileStoreId: m.file.fileStoreId,
    fileName: m.file.fileName,
    mimeType: m.file.mimeType,
    size: m.file.size,
    caption: m.file.caption,
    downloadUrl: links.webApiFileUrl(m.file.fileStoreId),
  };
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    type: m.type,
    text: m.text,
    file,
    internal: m.internal,
    senderPersonId: m.senderPersonId,
    senderName: state.person(m.senderPersonId).displayName,
    sourceId: m.sourceId,
    externalMessageId: m.externalMessageId,
    createdAt: m.serverTimestamp,
    dispatch: { ...m.dispatch },
    sentAt: m.sentAt,
    failure: m.failure && { ...m.failure },
    deliveredAt: m.deliveredAt,
    readAt: m.readAt,
  };
}

export function channelView(c: ChannelRecord): SimChannel {
  return {
    id: c.id,
    name: c.name,
    version: c.version,
    webhookEndpoint: c.webhookEndpoint,
    webhookApiVersion: c.webhookApiVersion,
    webhookStatus: c.webhookStatus,
    messageStateHandledExternally: c.messageStateHandledExternally,
  };
}
