import type { Chat, User } from 'grammy/types';
import type { ChatLogEntry } from './bot-api-simulator.js';

/** One chat of one bot: its message log and what decides whether the bot may write to it. */
export class SimulatedChat {
  readonly log: ChatLogEntry[] = [];
  /** The customer blocked the bot: the bot's sends get 403. */
  blocked = false;
  private lastMessageId = 0;

  constructor(
    readonly chat: Chat,
    /** The customer of a private chat. */
    readonly customer?: User,
  ) {}

  /** Message ids count up per chat, shared by both directions. */
  nextMessageId(): number {
    this.lastMessageId += 1;
    return this.lastMessageId;
  }

  entry(messageId: number): ChatLogEntry | undefined {
    return this.log.find((entry) => entry.messageId === messageId);
  }
}
