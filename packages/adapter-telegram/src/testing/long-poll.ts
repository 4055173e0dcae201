import type { Update } from 'grammy/types';
import { BotApiError, conflict } from './bot-api-errors.js';
import type { UpdateQueue } from './update-queue.js';

export interface PollRequest {
  offset: number;
  limit: number;
  timeoutMs: number;
}

type PollOutcome = Update[] | BotApiError;

/**
 * The getUpdates side of one bot. A poll that finds nothing and has a timeout is held until an
 * update arrives, the timeout passes, or its signal aborts (caller gone, simulator closing), and
 * then answers; it never spins. Telegram serves one poll per bot: a newer getUpdates ends the
 * held one with 409.
 */
export class LongPoll {
  private held: ((outcome: PollOutcome) => void) | undefined;

  constructor(private readonly queue: UpdateQueue) {}

  poll(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    this.end(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
    this.queue.applyOffset(request.offset);
    const ready = this.queue.take(request.limit);
    if (ready.length > 0 || request.timeoutMs <= 0 || signal.aborted) return Promise.resolve(ready);
    return this.hold(request, signal);
  }

  /** Answers the held poll, if any, with `outcome`: an error (409, 401) or updates (`[]` on close). */
  end(outcome: PollOutcome): void {
    this.held?.(outcome);
  }

  private hold(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: PollOutcome): void => {
        clearTimeout(timer);
        stopListening();
        signal.removeEventListener('abort', onAbort);
        if (this.held === finish) this.held = undefined;
        if (outcome instanceof BotApiError) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = (): void => finish([]);
      const timer = setTimeout(onAbort, request.timeoutMs);
      const stopListening = this.queue.onPush(() => {
        const arrived = this.queue.take(request.limit, request.offset);
        if (arrived.length > 0) finish(arrived);
      });
      signal.addEventListener('abort', onAbort);
      this.held = finish;
    });
  }
}
