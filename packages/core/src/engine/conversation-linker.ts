import { PermanentError, TransientError } from '../errors/parley-error.js';
import type { CustomerProfile } from '../messages/inbound-message.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ConversationLink, ParleyStore } from '../ports/parley-store.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import type { RecipientType, UnbluConversation, VisitorSpec } from '../ports/unblu-model.js';
import type { MessengerBinding } from './messenger-binding.js';

export interface ConversationLinkerOptions {
  /** Where new conversations queue; Unblu's default routing when absent. */
  recipient?: { type: RecipientType; id: string };
}

/**
 * Finds or makes the Unblu conversation for a messenger chat, so each chat has exactly one
 * active conversation:
 * 1. the active link in the store;
 * 2. else the channel's active conversation for the chat in Unblu (`getBySourceIdAndChannelId`),
 *    so a lost or emptied store never makes a second conversation;
 * 3. else the visitor (created or updated) and a new `CHAT_REQUEST` conversation; when Unblu says
 *    one was created meanwhile (409, another instance won the race), that one is used.
 * Concurrent calls for one chat within this process share one attempt.
 */
export class ConversationLinker {
  private readonly inFlight = new Map<string, Promise<ConversationLink>>();

  constructor(
    private readonly store: ParleyStore,
    private readonly gateway: UnbluGateway,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ConversationLinkerOptions = {},
  ) {}

  /** The active link for the chat, established when there is none. */
  async linkFor(binding: MessengerBinding, chatId: string, customer: CustomerProfile): Promise<ConversationLink> {
    const active = await this.store.links.findActive(binding.messengerId, chatId);
    if (active) return active;
    const key = `${binding.messengerId}\u0000${chatId}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const attempt = this.establish(binding, chatId, customer).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, attempt);
    return attempt;
  }

  /**
   * The link's conversation can no longer take messages (Unblu ended it and the webhook was
   * missed): close the link and establish a fresh one.
   */
  async replace(binding: MessengerBinding, stale: ConversationLink, customer: CustomerProfile): Promise<ConversationLink> {
    this.logger.info({ conversationId: stale.conversationId, messengerId: binding.messengerId }, 'conversation ended in Unblu; opening a new one');
    await this.store.links.close(stale.conversationId, this.clock.now());
    return this.linkFor(binding, stale.chatId, customer);
  }

  private async establish(binding: MessengerBinding, chatId: string, customer: CustomerProfile): Promise<ConversationLink> {
    const { channelId } = binding;
    const visitor = await this.gateway.visitors.upsert(visitorSpec(binding, customer));
    const existing = await this.gateway.conversations.findActive(channelId, chatId);
    const conversation = existing ?? (await this.create(binding, chatId, visitor));
    const link = await this.store.links.open({
      messengerId: binding.messengerId,
      chatId,
      channelId,
      conversationId: conversation.id,
      visitor,
      createdAt: this.clock.now(),
    });
    if (link.state !== 'active') {
      // Unblu still lists a conversation Parley saw end: wait until Unblu catches up.
      throw new TransientError(`conversation ${conversation.id} is ending; the chat will get a new one`, 'engine.conversation_ending', { retryAfterMs: 1000 });
    }
    this.logger.info({ conversationId: link.conversationId, messengerId: binding.messengerId, foundInUnblu: existing !== undefined }, 'chat linked to conversation');
    return link;
  }

  private async create(binding: MessengerBinding, chatId: string, visitor: ConversationLink['visitor']): Promise<UnbluConversation> {
    try {
      return await this.gateway.conversations.create({
        channelId: binding.channelId,
        sourceId: chatId,
        visitor,
        recipient: this.options.recipient,
      });
    } catch (error) {
      if (!isConflict(error)) throw error;
      const winner = await this.gateway.conversations.findActive(binding.channelId, chatId);
      if (winner) return winner;
      throw new TransientError('Unblu reported a conflicting conversation that is not active; trying again', 'engine.conversation_conflict', { cause: error });
    }
  }
}

/** Unblu refused because of the state of things (a conversation exists, or has ended). */
export function isConflict(error: unknown): boolean {
  return error instanceof PermanentError && error.code === 'unblu.409';
}

function visitorSpec(binding: MessengerBinding, customer: CustomerProfile): VisitorSpec {
  const nickname = customer.displayName ?? customer.username ?? joinName(customer);
  return {
    channelId: binding.channelId,
    externalId: customer.id,
    personSourceId: `${binding.messengerId}:${customer.id}`,
    firstName: customer.firstName,
    lastName: customer.lastName,
    nickname,
    email: customer.email,
    phone: customer.phone,
  };
}

function joinName(customer: CustomerProfile): string | undefined {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return name === '' ? undefined : name;
}
