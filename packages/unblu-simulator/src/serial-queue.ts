/**
 * Runs background tasks one after another per key (a conversation, a registration) while
 * different keys proceed in parallel, and tells when everything queued has finished.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();

  /**
   * Queues `task` behind the tasks of the same key. Tasks report their own failures; a rejection
   * that still escapes is dropped so that one broken task cannot stall its key forever.
   */
  run(key: string, task: () => Promise<void>): void {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch(() => undefined);
    this.tails.set(key, next);
    this.pending.add(next);
    void next.finally(() => {
      this.pending.delete(next);
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Resolves once no task is queued or running, including tasks queued while waiting. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
