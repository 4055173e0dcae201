import type { BotApiError } from './bot-api-errors.js';

/** What happens to one call instead of (or after) its normal handling. */
export type Fault =
  | { kind: 'fail'; error: BotApiError }
  /** Handled normally, then the connection is destroyed before the answer. */
  | { kind: 'lose' }
  /** The connection is destroyed without handling. */
  | { kind: 'drop' };

/**
 * Faults queued per method (case-insensitive, like Telegram's method names), each consumed by
 * one call in the order queued, plus a standing latency per method.
 */
export class FaultPlan {
  private readonly queued = new Map<string, Fault[]>();
  private readonly latencies = new Map<string, number>();

  add(method: string, fault: Fault, times = 1): void {
    const faults = this.queued.get(method.toLowerCase()) ?? [];
    for (let index = 0; index < times; index += 1) faults.push(fault);
    this.queued.set(method.toLowerCase(), faults);
  }

  /** The next queued fault of `method`, removed from the queue. */
  take(method: string): Fault | undefined {
    return this.queued.get(method.toLowerCase())?.shift();
  }

  setLatency(method: string, ms: number): void {
    if (ms > 0) this.latencies.set(method.toLowerCase(), ms);
    else this.latencies.delete(method.toLowerCase());
  }

  latency(method: string): number {
    return this.latencies.get(method.toLowerCase()) ?? 0;
  }
}
