/**
 * The names Unblu puts in `x-unblu-service-name` (outbound requests, Unblu 8) and `x-unblu-event`
 * (webhooks, Unblu 7 channels and webhook registrations) that Parley understands.
 */
export const UNBLU_OUTBOUND = {
  newMessage: 'outbound.external_messenger.new_message',
  messageState: 'outbound.external_messenger.message_state',
  createContact: 'outbound.external_messenger.create_contact',
  createConversation: 'outbound.external_messenger.create_conversation',
  ping: 'outbound.ping',
} as const;

export const UNBLU_WEBHOOK = {
  newMessage: 'external_messenger.new_message',
  messageState: 'external_messenger.message_state',
  conversationNewMessage: 'conversation.new_message',
  conversationMessageState: 'conversation.message_state',
  ping: 'ping',
} as const;

/**
 * Conversation webhooks whose body carries the whole conversation (`conversation: ConversationData`).
 * Other `conversation.*` events (calls, participations, recordings …) have other shapes and no
 * meaning for Parley, so they are acknowledged and ignored.
 */
export const CONVERSATION_LIFECYCLE_EVENTS: ReadonlySet<string> = new Set(
  ['created', 'updated', 'ended', 'active', 'queued', 'requeued', 'onboarding', 'reboarding', 'offboarding', 'unassigned'].map(
    (change) => `conversation.${change}`,
  ),
);
