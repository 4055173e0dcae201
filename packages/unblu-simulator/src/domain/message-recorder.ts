import { newId } from '../ids.js';
import type { ConversationRecord, FileRef, MessageDirection, MessageRecord } from './entities.js';
import type { ConversationEventPort } from './ports.js';
import type { SimulatorState } from './simulator-state.js';

/** The content of a new message, already decoded (files carry their bytes). */
export type MessageContent =
  | { type: 'TEXT'; text: string; textType: string; fallbackText: string | null; quickReplies: string[] | null }
  | {
      type: 'FILE';
      fileName: string;
      mimeType: string;
      data: Buffer;
      caption: string | null;
      captionType: string;
      fallbackText: string | null;
      quickReplies: string[] | null;
    };

/** Optional message attributes a sender may give. */
export interface MessageExtras {
  sourceId?: string | null;
  externalMessageId?: string | null;
  replyToMessageId?: string | null;
  replyToExternalMessageId?: string | null;
  locale?: string | null;
  recipientPersonIds?: string[] | null;
}

export interface MessageDraft extends MessageExtras {
  conversation: ConversationRecord;
  direction: MessageDirection;
  senderPersonId: string;
  content: MessageContent;
  internal: boolean;
}

/**
 * Stores messages (and their files) and their delivered/read state, and announces both to
 * webhook registrations. Shared by the middleware-facing API and the agent desk.
 */
export class MessageRecorder {
  constructor(
    private readonly state: SimulatorState,
    private readonly events: ConversationEventPort,
  ) {}

  record(draft: MessageDraft): MessageRecord {
    const now = this.state.now();
    const { conversation, content } = draft;
    const goesToChannel = draft.direction === 'agent' && !draft.internal && conversation.externalMessengerChannelId !== null;
    const message: MessageRecord = {
      id: newId(),
      conversationId: conversation.id,
      externalMessengerChannelId: conversation.externalMessengerChannelId,
      direction: draft.direction,
      senderPersonId: draft.senderPersonId,
      type: content.type,
      text: content.type === 'TEXT' ? content.text : null,
      textType: content.type === 'TEXT' ? content.textType : null,
      file: content.type === 'FILE' ? this.storeFile(conversation.id, content) : null,
      fallbackText: content.fallbackText ?? fallbackOf(content),
      internal: draft.internal,
      sourceId: draft.sourceId ?? null,
      externalMessageId: draft.externalMessageId ?? null,
      replyToMessageId: draft.replyToMessageId ?? null,
      replyToExternalMessageId: draft.replyToExternalMessageId ?? null,
      locale: draft.locale ?? null,
      recipientPersonIds: draft.recipientPersonIds ?? null,
      quickReplies: content.quickReplies,
      serverTimestamp: now,
      sendTimestamp: now,
      dispatch: goesToChannel ? { status: 'pending' } : { status: 'not_applicable' },
      sentAt: null,
      failure: null,
      deliveredAt: null,
      readAt: null,
    };
    this.state.messages.set(message.id, message);
    this.events.publish({ name: 'conversation.new_message', message });
    return message;
  }

  /** Marks the message delivered once; repeated calls change nothing. */
  markDelivered(message: MessageRecord): void {
    if (message.deliveredAt !== null) return;
    message.deliveredAt = this.state.now();
    this.events.publish({ name: 'conversation.message_state', message, state: 'DELIVERED' });
  }

  /** Marks the message read (and delivered, if it was not yet) once. */
  markRead(message: MessageRecord): void {
    this.markDelivered(message);
    if (message.readAt !== null) return;
    message.readAt = this.state.now();
    this.events.publish({ name: 'conversation.message_state', message, state: 'READ' });
  }

  private storeFile(conversationId: string, content: Extract<MessageContent, { type: 'FILE' }>): FileRef {
    const fileStoreId = newId();
    const { fileName, mimeType, data } = content;
    this.state.files.set(fileStoreId, { fileStoreId, conversationId, fileName, mimeType, data });
    return { fileStoreId, fileName, mimeType, size: data.length, caption: content.caption, captionType: content.captionType };
  }
}

/** Plain-text rendering used when the sender gave no fallback text. */
function fallbackOf(content: MessageContent): string {
  return content.type === 'TEXT' ? content.text : content.caption || content.fileName;
}
