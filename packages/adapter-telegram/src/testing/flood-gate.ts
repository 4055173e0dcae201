import type { FloodControl } from './bot-api-simulator.js';
import { tooManyRequests } from './bot-api-errors.js';

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Telegram's per-chat flood limit as a token bucket: `burst` sends at once, refilled at
 * `perChatPerSecond`. Telegram publishes no exact figures; this makes 429s reproducible.
 */
export class FloodGate {
  private control: FloodControl | undefined;
  private readonly buckets = new Map<string, Bucket>();

  constructor(control?: FloodControl) {
    this.configure(control);
  }

  /** Replaces the limits and forgets every bucket; undefined turns flood control off. */
  configure(control: FloodControl | undefined): void {
    if (control && (!(control.perChatPerSecond > 0) || !(control.burst >= 1))) {
      throw new Error('floodControl needs perChatPerSecond > 0 and burst >= 1');
    }
    this.control = control;
    this.buckets.clear();
  }

  /** Takes one send from the chat's bucket, or throws 429 with retry_after and takes nothing. */
  take(chatKey: string, now = Date.now()): void {
    const control = this.control;
    if (!control) return;
    const bucket = this.buckets.get(chatKey) ?? { tokens: control.burst, refilledAt: now };
    bucket.tokens = Math.min(control.burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * control.perChatPerSecond);
    bucket.refilledAt = now;
    this.buckets.set(chatKey, bucket);
    if (bucket.tokens < 1) throw tooManyRequests(control.retryAfterSeconds ?? 1);
    bucket.tokens -= 1;
  }
}
