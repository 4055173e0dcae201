import type { Attachment } from './attachment.js';

/** The customer as the messenger knows them. Fills the Unblu visitor. */
export interface CustomerProfile {
  /** Stable id of the person in the messenger (phone number, Telegram user id, email address). */
  id: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  phone?: string;
  email?: string;
  /** BCP-47 language tag when the messenger tells it. */
  locale?: string;
}

/**
 * A customer's message, as an adapter hands it to the engine's {@link InboundSink}.
 * Ids are opaque strings made by the adapter; they must be stable across redeliveries,
 * because the engine dedupes on (messenger, externalMessageId).
 */
export interface InboundMessage {
  /** The conversation in the messenger; becomes the Unblu conversation `sourceId`. */
  chatId: string;
  sender: CustomerProfile;
  /** The messenger's id for this message; becomes the Unblu message `sourceId`. */
  externalMessageId: string;
  /** When the customer sent it (ms since epoch). */
  sentAt: number;
  text?: string;
  attachments: Attachment[];
  replyToExternalMessageId?: string;
  /** Set when this is an edit of an earlier message: the id of the message edited. */
  editOfExternalMessageId?: string;
}

export type ReceiptKind = 'delivered' | 'read';

/** The customer's messenger confirmed delivery or reading of messages Parley sent. */
export interface InboundReceipt {
  chatId: string;
  kind: ReceiptKind;
  /** Ids the adapter returned from `send()` for the messages concerned. */
  externalMessageIds: string[];
  at: number;
}
