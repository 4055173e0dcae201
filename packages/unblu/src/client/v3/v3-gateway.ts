import type { ConversationSpec, UnbluGateway } from '@parley/core';
import { conversationCreationBase } from '../common/conversation-mapping.js';
import { UnbluConversationsImpl } from '../common/unblu-conversations-impl.js';
import { UnbluWebhooksImpl } from '../common/unblu-webhooks-impl.js';
import type { UnbluV3Api } from './unblu-v3-api.js';
import { UnbluV3Channels } from './v3-channels.js';
import { UnbluV3Messages } from './v3-messages.js';
import { UnbluV3Visitors } from './v3-visitors.js';
import { V3_RECIPIENT_TYPES, type WireV3ConversationCreationData } from './wire.js';

/**
 * Core's {@link UnbluGateway} for web API v3 (Unblu 7). Stateless, like the v4 gateway, and
 * with the same error contract: `UnbluTransientError` (retry), `UnbluPermanentError`
 * (`unblu.<status>`), reads of absent entities resolve with `undefined`.
 */
export class UnbluV3Gateway implements UnbluGateway {
  readonly apiVersion = 'v3' as const;
  readonly channels: UnbluV3Channels;
  readonly webhooks: UnbluWebhooksImpl;
  readonly visitors: UnbluV3Visitors;
  readonly conversations: UnbluConversationsImpl<WireV3ConversationCreationData>;
  readonly messages: UnbluV3Messages;

  constructor(readonly api: UnbluV3Api) {
    this.channels = new UnbluV3Channels(api);
    this.webhooks = new UnbluWebhooksImpl(api.webhookRegistrations, 'V3');
    this.visitors = new UnbluV3Visitors(api);
    this.conversations = new UnbluConversationsImpl(api.conversations, v3ConversationCreationData);
    this.messages = new UnbluV3Messages(api);
  }

  /**
   * Checks that Unblu answers (`global/ping`, anonymous) and that Parley's credentials carry
   * the ADMIN role the channel endpoints need (a one-item channel search).
   */
  async ping(): Promise<void> {
    await this.api.global.ping();
    await this.api.channels.search({ $_type: 'ExternalMessengerChannelQuery', offset: 0, limit: 1 });
  }
}

/**
 * v3 creation body: a `ConversationData` whose only participant is the visitor's person,
 * connected via the external messenger and set as context person.
 */
export function v3ConversationCreationData(spec: ConversationSpec): WireV3ConversationCreationData {
  const personId = spec.visitor.personId;
  return {
    $_type: 'ConversationData',
    ...conversationCreationBase(spec),
    ...(spec.recipient === undefined
      ? {}
      : { recipient: { $_type: V3_RECIPIENT_TYPES[spec.recipient.type], id: spec.recipient.id } }),
    participants: [
      { $_type: 'ParticipantData', personId, connectedViaExternalMessenger: true, hidden: false, conversationStarred: false },
    ],
    contextPersonId: personId,
  };
}
