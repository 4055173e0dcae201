/**
 * What this process recently sent, by idempotency key, so a repeated `send()` for the same
 * `parleyMessageId` (a retry after a lost answer, a duplicate call) returns the first result
 * instead of delivering again. A call still in flight is shared, not repeated. Bounded: the
 * oldest keys are forgotten first. Across restarts the engine's own record of sent messages
 * answers the same question; Telegram itself offers no idempotency key, so a crash between
 * Telegram's answer and that record can still repeat one message.
 */
export class SentMessages<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 10_000) {}

  /** The result for `key`: remembered, in flight, or from running `send` now. A failure is not remembered. */
  once(key: string, send: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    const pending = send();
    this.entries.set(key, pending);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }
}
