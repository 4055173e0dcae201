import type { Attachment } from './attachment.js';

export type OutboundSenderKind = 'agent' | 'bot' | 'system';

/** Who wrote an outbound message, as the customer should see it. */
export interface OutboundSender {
  kind: OutboundSenderKind;
  /** The name the customer should see (Unblu's visitor-facing name, with fallbacks applied). */
  displayName?: string;
}

/**
 * A message for the customer, as the engine hands it to `MessengerAdapter.send()`.
 * `parleyMessageId` is the idempotency key: a second `send()` with the same id (after a crash or
 * a retry) must not deliver the message twice where the messenger lets the adapter tell.
 */
export interface OutboundMessage {
  parleyMessageId: string;
  chatId: string;
  /** Text to send, with the sender prefix already applied by the engine where configured. */
  text?: string;
  sender: OutboundSender;
  attachment?: Attachment;
  replyToExternalMessageId?: string;
}

/** What `send()` returns: the messenger's id of the sent message, for receipts and replies. */
export interface SendResult {
  externalMessageId: string;
}
