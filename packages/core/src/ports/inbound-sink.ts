import type { InboundMessage, InboundReceipt } from '../messages/inbound-message.js';

/** What the engine says about an accepted inbound event. */
export interface InboundAck {
  /** False when the event was already known (a redelivery): accepted before, nothing new stored. */
  accepted: boolean;
}

/**
 * Where an adapter hands customer events. Each call resolves only after the event is durably
 * committed (or recognised as a duplicate); only then may the adapter acknowledge upstream
 * (Telegram offset, IMAP flag, HTTP 200). A rejection means nothing was stored: do not ack.
 * Calls may block under back-pressure.
 */
export interface InboundSink {
  message(message: InboundMessage): Promise<InboundAck>;
  receipt(receipt: InboundReceipt): Promise<InboundAck>;
}
