import type { Attachment } from '../messages/attachment.js';
import type { InboundMessage, InboundReceipt } from '../messages/inbound-message.js';
import type { AgentMessageEvent, MessageStateEvent } from '../ports/unblu-events.js';

/** Job kinds the engine enqueues. */
export const JOB_KINDS = {
  inboundMessage: 'inbound.message',
  inboundReceipt: 'inbound.receipt',
  agentMessage: 'outbound.message',
  notice: 'outbound.notice',
  readMark: 'outbound.read',
} as const;

/** An attachment as stored in a job: bytes as base64, so the payload is plain JSON. */
export interface StoredAttachment extends Omit<Attachment, 'data'> {
  base64: string;
}

export interface StoredInboundMessage extends Omit<InboundMessage, 'attachments'> {
  attachments: StoredAttachment[];
}

export interface InboundMessageJob {
  messengerId: string;
  message: StoredInboundMessage;
}

export interface InboundReceiptJob {
  messengerId: string;
  receipt: InboundReceipt;
}

export interface AgentMessageJob {
  messengerId: string;
  event: AgentMessageEvent;
}

/** A text from Parley itself to the customer (the closing text when a conversation ends). */
export interface NoticeJob {
  messengerId: string;
  chatId: string;
  text: string;
}

export interface ReadMarkJob {
  messengerId: string;
  event: MessageStateEvent;
}

export function storeAttachments(attachments: readonly Attachment[]): StoredAttachment[] {
  return attachments.map(({ data, ...rest }) => ({
    ...rest,
    base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
  }));
}

export function loadAttachments(attachments: readonly StoredAttachment[]): Attachment[] {
  return attachments.map(({ base64, ...rest }) => ({ ...rest, data: new Uint8Array(Buffer.from(base64, 'base64')) }));
}
