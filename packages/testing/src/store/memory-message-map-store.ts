import type { MessageMapping, MessageMapStore } from '@parley/core';
import { jsonClone, type MemoryStoreData, type OpenGuard } from './memory-store-data.js';

/**
 * Message mappings of {@link MemoryStore}. Like the SQL store it refuses a mapping that would give
 * an external id (per messenger) or an Unblu id to a second Parley message.
 */
export class MemoryMessageMapStore implements MessageMapStore {
  constructor(
    private readonly data: MemoryStoreData,
    private readonly guard: OpenGuard,
  ) {}

  async record(mapping: MessageMapping): Promise<void> {
    this.guard.check();
    const existing = this.data.messages.get(mapping.parleyId);
    // Ids already set win; JSON drops the ones still undefined.
    const next = jsonClone(
      existing
        ? {
            ...existing,
            conversationId: existing.conversationId ?? mapping.conversationId,
            externalMessageId: existing.externalMessageId ?? mapping.externalMessageId,
            unbluMessageId: existing.unbluMessageId ?? mapping.unbluMessageId,
          }
        : mapping,
    );
    this.checkUnique(next);
    this.data.messages.set(next.parleyId, next);
  }

  async byParleyId(parleyId: string): Promise<MessageMapping | undefined> {
    this.guard.check();
    return this.copy(this.data.messages.get(parleyId));
  }

  async byExternalId(messengerId: string, externalMessageId: string): Promise<MessageMapping | undefined> {
    this.guard.check();
    return this.copy(
      this.find((m) => m.messengerId === messengerId && m.externalMessageId === externalMessageId),
    );
  }

  async byUnbluId(unbluMessageId: string): Promise<MessageMapping | undefined> {
    this.guard.check();
    return this.copy(this.find((m) => m.unbluMessageId === unbluMessageId));
  }

  private checkUnique(next: MessageMapping): void {
    const clash = this.find(
      (m) =>
        m.parleyId !== next.parleyId &&
        ((next.externalMessageId !== undefined &&
          m.messengerId === next.messengerId &&
          m.externalMessageId === next.externalMessageId) ||
          (next.unbluMessageId !== undefined && m.unbluMessageId === next.unbluMessageId)),
    );
    if (clash) {
      throw new Error(`Message ${next.parleyId} would reuse the ids of message ${clash.parleyId}`);
    }
  }

  private find(match: (mapping: MessageMapping) => boolean): MessageMapping | undefined {
    for (const mapping of this.data.messages.values()) if (match(mapping)) return mapping;
    return undefined;
  }

  private copy(mapping: MessageMapping | undefined): MessageMapping | undefined {
    return mapping && jsonClone(mapping);
  }
}
