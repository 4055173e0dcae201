import type { Update } from 'grammy/types';

export type UpdateType = Exclude<keyof Update, 'update_id'>;

/** The types Telegram delivers only when allowed_updates names them. */
const optInTypes: readonly string[] = ['chat_member', 'message_reaction', 'message_reaction_count'];

/**
 * One bot's unconfirmed updates, oldest first, with update_ids increasing by one. Polling confirms
 * by offset, a webhook by a 2xx; until then an update is delivered again.
 */
export class UpdateQueue {
  private updates: Update[] = [];
  private nextId = 1;
  private allowed: readonly UpdateType[] | undefined;
  private readonly listeners = new Set<() => void>();

  /**
   * Assigns the next update_id and queues a snapshot of the update, unless the bot's allowed
   * types exclude it: Telegram filters when an update is created, not when it is delivered.
   */
  push(content: Omit<Update, 'update_id'>): Update {
    const update: Update = { ...structuredClone(content), update_id: this.nextId++ };
    if (this.accepts(update)) {
      this.updates.push(update);
      for (const listener of [...this.listeners]) listener();
    }
    return structuredClone(update);
  }

  /** Sets the allowed types from a getUpdates or setWebhook call; an empty list restores the default. */
  setAllowed(types: readonly string[]): void {
    this.allowed = types.length > 0 ? (types as readonly UpdateType[]) : undefined;
  }

  /** The explicitly allowed types, or undefined for Telegram's default. */
  allowedUpdates(): readonly UpdateType[] | undefined {
    return this.allowed;
  }

  /** getUpdates' offset: confirms every update below it; a negative one keeps only the last -offset updates. */
  applyOffset(offset: number): void {
    if (offset > 0) this.updates = this.updates.filter((update) => update.update_id >= offset);
    if (offset < 0) this.updates = this.updates.slice(offset);
  }

  /** The oldest `limit` updates with an update_id of at least `fromId`. */
  take(limit: number, fromId = 0): Update[] {
    return this.updates.filter((update) => update.update_id >= fromId).slice(0, limit);
  }

  first(): Update | undefined {
    return this.updates[0];
  }

  /** Confirms one update (a webhook push answered 2xx); a no-op when it was dropped meanwhile. */
  confirm(updateId: number): void {
    this.updates = this.updates.filter((update) => update.update_id !== updateId);
  }

  clear(): void {
    this.updates = [];
  }

  pending(): readonly Update[] {
    return [...this.updates];
  }

  /** Calls `listener` after each queued update until the returned function is called. */
  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves after the next queued update, or as soon as `signal` aborts. */
  nextPush(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        stop();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const stop = this.onPush(done);
      if (signal.aborted) done();
      else signal.addEventListener('abort', done);
    });
  }

  private accepts(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
    return this.allowed ? this.allowed.some((allowed) => allowed === type) : !optInTypes.includes(type);
  }
}
