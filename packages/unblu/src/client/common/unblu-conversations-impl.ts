import type { ConversationEndReason, ConversationSpec, UnbluConversation, UnbluConversations } from '@parley/core';
import { undefinedOn404 } from '../unblu-errors.js';
import { conversationFromWire } from './conversation-mapping.js';
import { optional } from './optional.js';
import type { WireConversationBase, WireConversationsEndBody } from './wire-common.js';

/** The conversation endpoints Parley uses; `C` is the version's creation body. */
export interface ConversationsApi<C> {
  create(data: C): Promise<WireConversationBase>;
  getBySourceIdAndChannelId(sourceId: string, externalMessengerChannelId: string): Promise<WireConversationBase>;
  read(conversationId: string): Promise<WireConversationBase>;
  end(conversationId: string, body: WireConversationsEndBody): Promise<WireConversationBase>;
}

/**
 * Core's {@link UnbluConversations} for either version: only the creation body differs
 * (v4 `ConversationCreationData` with the visitor's contact, v3 `ConversationData` with the
 * visitor's person), so the dialect passes its own `toCreationData`.
 */
export class UnbluConversationsImpl<C> implements UnbluConversations {
  constructor(
    private readonly api: ConversationsApi<C>,
    private readonly toCreationData: (spec: ConversationSpec) => C,
  ) {}

  /**
   * Creates the visitor's conversation on the channel. Unblu refuses a second active
   * conversation for the same channel and `sourceId` (a PermanentError, typically `unblu.409`
   * or `unblu.400`); the engine checks {@link findActive} first.
   */
  async create(spec: ConversationSpec): Promise<UnbluConversation> {
    return conversationFromWire(await this.api.create(this.toCreationData(spec)), 'conversations/create');
  }

  /** The channel's not-yet-ended conversation for `sourceId`; undefined when Unblu has none (404). */
  async findActive(channelId: string, sourceId: string): Promise<UnbluConversation | undefined> {
    const wire = await undefinedOn404(this.api.getBySourceIdAndChannelId(sourceId, channelId));
    if (wire === undefined || wire === null) return undefined;
    const conversation = conversationFromWire(wire, 'conversations/getBySourceIdAndChannelId');
    // Unblu ignores ended conversations here; the check guards against one that ended meanwhile.
    return conversation.state === 'ENDED' ? undefined : conversation;
  }

  async read(id: string): Promise<UnbluConversation | undefined> {
    const wire = await undefinedOn404(this.api.read(id));
    return wire === undefined || wire === null ? undefined : conversationFromWire(wire, 'conversations/read');
  }

  async end(id: string, reason: ConversationEndReason, comment?: string): Promise<UnbluConversation> {
    const wire = await this.api.end(id, { reason, ...optional('comment', comment) });
    return conversationFromWire(wire, 'conversations/end');
  }
}
