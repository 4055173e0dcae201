import type { ConversationSpec, ConversationState, UnbluConversation } from '@parley/core';
import { assertEntity } from '../unblu-errors.js';
import { optional } from './optional.js';
import type { WireConversationBase } from './wire-common.js';

const STATES: ReadonlySet<string> = new Set<ConversationState>([
  'CREATED',
  'ONBOARDING',
  'REBOARDING',
  'QUEUED',
  'ACTIVE',
  'UNASSIGNED',
  'OFFBOARDING',
  'ENDED',
]);

/** Conversation wire (either version) → core. */
export function conversationFromWire(wire: WireConversationBase, operation: string): UnbluConversation {
  assertEntity(wire, operation, 'conversation');
  // A state this client does not know (a newer Unblu) is still a live conversation; only ENDED ends a link.
  const state = wire.state !== undefined && STATES.has(wire.state) ? wire.state : 'ACTIVE';
  return {
    id: wire.id,
    state,
    ...optional('channelId', wire.externalMessengerChannelId),
    ...optional('sourceId', wire.sourceId),
    ...optional('topic', wire.topic),
    creationTimestamp: wire.creationTimestamp ?? 0,
    ...optional('endTimestamp', wire.endTimestamp),
  };
}

/** The conversation fields both versions take on creation. */
export function conversationCreationBase(spec: ConversationSpec): {
  topic?: string;
  locale?: string;
  visitorData?: string;
  externalMessengerChannelId: string;
  sourceId: string;
  initialEngagementType: 'CHAT_REQUEST';
} {
  return {
    ...optional('topic', spec.topic),
    // Visitor-initiated: the conversation queues for agents like a chat request from the web.
    initialEngagementType: 'CHAT_REQUEST',
    ...optional('locale', spec.locale),
    ...optional('visitorData', spec.visitorData),
    externalMessengerChannelId: spec.channelId,
    sourceId: spec.sourceId,
  };
}
