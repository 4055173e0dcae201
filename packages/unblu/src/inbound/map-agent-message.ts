import type {
  AgentMessageContent,
  AgentMessageEvent,
  UnbluDelivery,
  UnbluReceivingContact,
  UnbluSender,
} from '@parley/core';
import { compact } from './compact.js';
import { webApiDownloadUrl, type MessageDataPayload, type PersonDataPayload } from './schemas/message-data-schema.js';

/** The contact fields of a v4 `receivingContacts` entry that Parley keeps. */
export interface ReceivingContactPayload {
  id: string;
  sourceId?: string | null;
  personId?: string | null;
}

const FALLBACK_MIME_TYPE = 'application/octet-stream';

function nonBlank(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The name a customer should see: Unblu's visitor-facing name (8.14+), else its display name,
 * else first and last name. A message without a sender is the system's.
 */
export function toUnbluSender(person: PersonDataPayload | null | undefined): UnbluSender {
  if (!person) return { personType: 'SYSTEM' };
  const fullName = nonBlank([person.firstName, person.lastName].map(nonBlank).filter(Boolean).join(' '));
  return compact({
    personId: person.id ?? undefined,
    personType: person.personType,
    displayName: nonBlank(person.displayNameForVisitor) ?? nonBlank(person.displayName) ?? fullName,
  });
}

/**
 * TEXT becomes text (markdown when `textType` says so), FILE a reference to its web API download
 * link (the content is never inline), any other type `other` with Unblu's plain-text rendering.
 * Relies on {@link messageDataSchema} having checked the fields each type needs.
 */
export function toAgentMessageContent(message: MessageDataPayload): AgentMessageContent {
  if (message.type === 'TEXT') {
    return { kind: 'text', text: message.text ?? '', markdown: message.textType === 'MARKDOWN' };
  }
  if (message.type === 'FILE') {
    const file = compact({
      url: webApiDownloadUrl(message) ?? '',
      fileName: message.fileName ?? '',
      mimeType: nonBlank(message.mimeType) ?? FALLBACK_MIME_TYPE,
      size: message.totalSize ?? undefined,
    });
    return compact({ kind: 'file' as const, file, caption: nonBlank(message.caption) });
  }
  return compact({ kind: 'other' as const, type: message.type, fallbackText: message.fallbackText ?? message.text ?? undefined });
}

function toReceivingContact(contact: ReceivingContactPayload): UnbluReceivingContact {
  return compact({ contactId: contact.id, sourceId: contact.sourceId ?? undefined, personId: contact.personId ?? undefined });
}

/** What {@link toAgentMessageEvent} needs besides the message itself. */
export interface AgentMessageContext {
  delivery: UnbluDelivery;
  channelId: string;
  receivingContacts?: readonly ReceivingContactPayload[] | null;
  /** Used when the message carries neither server nor send timestamp (event time, else now). */
  fallbackSentAt: number;
}

/** Maps a validated `MessageData` into core's {@link AgentMessageEvent}. */
export function toAgentMessageEvent(message: MessageDataPayload, context: AgentMessageContext): AgentMessageEvent {
  return compact({
    type: 'agent-message' as const,
    delivery: context.delivery,
    channelId: context.channelId,
    conversationId: message.conversationId,
    messageId: message.id,
    sender: toUnbluSender(message.senderPerson),
    internal: message.internal ?? false,
    content: toAgentMessageContent(message),
    receivingContacts: (context.receivingContacts ?? []).map(toReceivingContact),
    replyToMessageId: message.replyToMessageId ?? undefined,
    sentAt: message.serverTimestamp ?? message.sendTimestamp ?? context.fallbackSentAt,
  });
}
