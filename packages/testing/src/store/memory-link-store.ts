import type { ConversationLink, LinkStore, NewConversationLink } from '@parley/core';
import { jsonClone, type MemoryStoreData, type OpenGuard } from './memory-store-data.js';

/** Conversation links of {@link MemoryStore}: at most one active link per (messenger, chat). */
export class MemoryLinkStore implements LinkStore {
  constructor(
    private readonly data: MemoryStoreData,
    private readonly guard: OpenGuard,
  ) {}

  async findActive(messengerId: string, chatId: string): Promise<ConversationLink | undefined> {
    this.guard.check();
    const link = this.active(messengerId, chatId);
    return link && jsonClone(link);
  }

  async findByConversation(conversationId: string): Promise<ConversationLink | undefined> {
    this.guard.check();
    const link = this.data.links.get(conversationId);
    return link && jsonClone(link);
  }

  async open(link: NewConversationLink): Promise<ConversationLink> {
    this.guard.check();
    const existing = this.data.links.get(link.conversationId) ?? this.active(link.messengerId, link.chatId);
    if (existing) return jsonClone(existing);
    const stored: ConversationLink = {
      messengerId: link.messengerId,
      chatId: link.chatId,
      channelId: link.channelId,
      conversationId: link.conversationId,
      visitor: jsonClone(link.visitor),
      state: 'active',
      createdAt: link.createdAt,
    };
    this.data.links.set(stored.conversationId, stored);
    return jsonClone(stored);
  }

  async close(conversationId: string, at: number): Promise<boolean> {
    this.guard.check();
    const link = this.data.links.get(conversationId);
    if (link?.state !== 'active') return false;
    link.state = 'closed';
    link.closedAt = at;
    return true;
  }

  private active(messengerId: string, chatId: string): ConversationLink | undefined {
    for (const link of this.data.links.values()) {
      if (link.state === 'active' && link.messengerId === messengerId && link.chatId === chatId) return link;
    }
    return undefined;
  }
}
