import type { ConversationSpec, UnbluGateway } from '@parley/core';
import { conversationCreationBase } from '../common/conversation-mapping.js';
import { UnbluConversationsImpl } from '../common/unblu-conversations-impl.js';
import { UnbluWebhooksImpl } from '../common/unblu-webhooks-impl.js';
import type { UnbluV4Api } from './unblu-v4-api.js';
import { UnbluV4Channels } from './v4-channels.js';
import { contactIdOf, UnbluV4Messages } from './v4-messages.js';
import { UnbluV4Visitors } from './v4-visitors.js';
import type { WireConversationCreationData } from './wire.js';

/**
 * Core's {@link UnbluGateway} for web API v4 (Unblu 8). Stateless: every call goes to Unblu,
 * so several instances may share one Unblu account. Errors as the port describes:
 * `UnbluTransientError` (retry), `UnbluPermanentError` (`unblu.<status>`), reads of absent
 * entities resolve with `undefined`.
 */
export class UnbluV4Gateway implements UnbluGateway {
  readonly apiVersion = 'v4' as const;
  readonly channels: UnbluV4Channels;
  readonly webhooks: UnbluWebhooksImpl;
  readonly visitors: UnbluV4Visitors;
  readonly conversations: UnbluConversationsImpl<WireConversationCreationData>;
  readonly messages: UnbluV4Messages;

  constructor(readonly api: UnbluV4Api) {
    this.channels = new UnbluV4Channels(api);
    this.webhooks = new UnbluWebhooksImpl(api.webhookRegistrations, 'V4');
    this.visitors = new UnbluV4Visitors(api);
    this.conversations = new UnbluConversationsImpl(api.conversations, v4ConversationCreationData);
    this.messages = new UnbluV4Messages(api);
  }

  /**
   * Checks that Unblu answers (`global/ping`, anonymous) and that Parley's credentials carry
   * the ADMIN role the channel endpoints need (a one-item channel search).
   */
  async ping(): Promise<void> {
    await this.api.global.ping();
    await this.api.channels.searchCustom({ $_type: 'CustomExternalMessengerChannelQuery', offset: 0, limit: 1 });
  }
}

/**
 * v4 creation body: the visitor's contact is the only participant, as the context person;
 * agents join when they accept the queued chat request.
 */
export function v4ConversationCreationData(spec: ConversationSpec): WireConversationCreationData {
  const contactId = contactIdOf(spec.visitor, 'conversations/create');
  return {
    $_type: 'ConversationCreationData',
    ...conversationCreationBase(spec),
    ...(spec.recipient === undefined
      ? {}
      : { recipient: { $_type: 'ConversationCreationRecipientData', type: spec.recipient.type, id: spec.recipient.id } }),
    externalParticipants: [
      {
        $_type: 'ConversationCreationExternalParticipantData',
        externalMessengerContactId: contactId,
        participationType: 'CONTEXT_PERSON',
      },
    ],
  };
}
