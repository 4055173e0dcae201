import type { UnsupportedUnbluRequest } from './unblu-call.js';

/**
 * The typed JSON bodies Parley answers Unblu's outbound requests with (`$_type` set, as Unblu's
 * deserializer expects), and the plain acknowledgement of webhooks.
 */

export const AGENT_INITIATED_CONTACT_UNSUPPORTED =
  'Parley does not support agent-initiated contacts: the customer has to write first from their messenger.';

export function pingResponse(pingId: string | undefined): Record<string, unknown> {
  return pingId === undefined ? { $_type: 'PingResponse' } : { $_type: 'PingResponse', pingId };
}

export function newMessageResponse(externalMessageId: string): Record<string, unknown> {
  return { $_type: 'ExternalMessengerNewMessageResponse', externalMessageId };
}

export function messageStateResponse(): Record<string, unknown> {
  return { $_type: 'ExternalMessengerMessageStateResponse' };
}

/** The `ERROR` variant of the create-contact or create-conversation response; Unblu shows `errorText` to the agent. */
export function unsupportedRequestResponse(request: UnsupportedUnbluRequest): Record<string, unknown> {
  const $_type =
    request === 'create-contact' ? 'ExternalMessengerCreateContactErrorResponse' : 'ExternalMessengerCreateConversationErrorResponse';
  return { $_type, type: 'ERROR', errorText: AGENT_INITIATED_CONTACT_UNSUPPORTED };
}

/** Webhooks expect no particular body; an empty object keeps every answer JSON. */
export function webhookAcknowledgement(): Record<string, unknown> {
  return {};
}
