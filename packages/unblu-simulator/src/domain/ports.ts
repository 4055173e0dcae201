import type {
  ChannelRecord,
  ConversationRecord,
  MessageRecord,
  MessageState,
  WebhookRegistrationRecord,
} from './entities.js';

/** Conversation events as webhook registrations can subscribe to them. */
export type ConversationEvent =
  | { name: 'conversation.created'; conversation: ConversationRecord }
  | { name: 'conversation.ended'; conversation: ConversationRecord; endPersonId: string | null; endComment: string | null }
  | { name: 'conversation.new_message'; message: MessageRecord }
  | { name: 'conversation.message_state'; message: MessageRecord; state: MessageState };

/** How a call to a middleware endpoint ended, after all retries. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Where the domain announces conversation events. `publish` never blocks and never throws: the
 * payload is captured at once and delivered in the background, in order per registration.
 */
export interface ConversationEventPort {
  publish(event: ConversationEvent): void;
  /** Sends the `ping` webhook to one registration and resolves once it answered or failed. */
  ping(registration: WebhookRegistrationRecord): Promise<CallOutcome<void>>;
}

/** The channel's webhook endpoint as seen by the domain: outbound requests or webhooks. */
export interface ChannelPort {
  /** Hands an agent message to the middleware; the value is the external message id, if any. */
  deliverMessage(channel: ChannelRecord, message: MessageRecord): Promise<CallOutcome<string | null>>;
  /** Tells the middleware an agent delivered/read a message that came from the messenger. */
  reportMessageState(channel: ChannelRecord, message: MessageRecord, state: MessageState): Promise<CallOutcome<void>>;
  /** Pings the endpoint; the value is the ping id the caller gets back. */
  ping(channel: ChannelRecord): Promise<CallOutcome<string>>;
}
