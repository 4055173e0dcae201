import { setTimeout as sleep } from 'node:timers/promises';

export interface PacerOptions {
  perChatPerSecond: number;
  perChatBurst: number;
  perBotPerSecond: number;
  /** Milliseconds now; replaceable in tests. */
  now?: () => number;
}

/** Past this many chats, schedules that lie in the past are dropped (they would not delay anything). */
const SWEEP_AT_SIZE = 10_000;

/**
 * Spaces the bot's messages the way Telegram asks (about one per second per chat with short
 * bursts, a bot-wide rate above that): each send waits for its slot instead of being dropped, so
 * the engine's per-chat order holds. Slots follow the generic cell rate algorithm: a chat may run
 * `perChatBurst` messages ahead of its steady rate, then one per `1 / perChatPerSecond` seconds.
 * After a 429, {@link pause} pushes the chat's next slot past Telegram's `retry_after`.
 */
export class OutboundPacer {
  private readonly chats = new Map<string, number>();
  private botSlot = 0;
  private readonly chatInterval: number;
  private readonly chatTolerance: number;
  private readonly botInterval: number;
  private readonly now: () => number;

  constructor(options: PacerOptions) {
    this.chatInterval = 1000 / options.perChatPerSecond;
    this.chatTolerance = (options.perChatBurst - 1) * this.chatInterval;
    this.botInterval = 1000 / options.perBotPerSecond;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until the chat's next slot; reserves it. */
  reserveChat(chatId: string): number {
    const now = this.now();
    if (this.chats.size >= SWEEP_AT_SIZE) this.sweep(now);
    const due = Math.max(this.chats.get(chatId) ?? now, now);
    this.chats.set(chatId, due + this.chatInterval);
    return Math.max(0, due - this.chatTolerance - now);
  }

  /** Milliseconds until the bot's next slot; reserves it. Taken once the chat's slot has come, so a paused chat holds up no one else. */
  reserveBot(): number {
    const now = this.now();
    const due = Math.max(this.botSlot, now);
    this.botSlot = due + this.botInterval;
    return due - now;
  }

  /** Waits for the next slot of `chatId`, then of the bot; rejects with `signal.reason` when aborted meanwhile. */
  async acquire(chatId: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    await wait(this.reserveChat(chatId), signal);
    await wait(this.reserveBot(), signal);
  }

  /** Telegram asked this chat to wait `ms`: nothing more goes to it before then. */
  pause(chatId: string, ms: number): void {
    const resumeAt = this.now() + ms;
    this.chats.set(chatId, Math.max(this.chats.get(chatId) ?? 0, resumeAt + this.chatTolerance));
  }

  private sweep(now: number): void {
    for (const [chatId, due] of this.chats) if (due < now) this.chats.delete(chatId);
  }
}

async function wait(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw signal.reason;
  }
}
