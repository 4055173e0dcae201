import type { Chat, User, UserFromGetMe, WebhookInfo } from 'grammy/types';
import { LongPoll } from './long-poll.js';
import { SimulatedChat } from './simulated-chat.js';
import { UpdateQueue } from './update-queue.js';

/** A webhook set by setWebhook. */
export interface WebhookSettings {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** Everything the simulator knows about one bot: identity, updates, chats, webhook. */
export class SimulatedBot {
  readonly updates = new UpdateQueue();
  readonly longPoll = new LongPoll(this.updates);
  readonly chats = new Map<number, SimulatedChat>();
  webhook: WebhookSettings | undefined;
  lastWebhookError: { date: number; message: string } | undefined;
  /** A revoked token: every call gets 401. */
  revoked = false;

  constructor(
    readonly token: string,
    /** The bot as getMe describes it. */
    readonly me: UserFromGetMe,
  ) {}

  /** The bot as `from` of its messages shows it. */
  get user(): User {
    return { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username };
  }

  /** A chat by id; a non-numeric id (an @username) finds nothing, as no simulated chat has one. */
  chat(chatId: number | string): SimulatedChat | undefined {
    const id = typeof chatId === 'number' ? chatId : /^-?\d+$/.test(chatId) ? Number(chatId) : Number.NaN;
    return this.chats.get(id);
  }

  /** The chat with this id, created on first use (later `chat`/`customer` arguments are ignored). */
  openChat(chat: Chat, customer?: User): SimulatedChat {
    let simulated = this.chats.get(chat.id);
    if (!simulated) {
      simulated = new SimulatedChat(chat, customer);
      this.chats.set(chat.id, simulated);
    }
    return simulated;
  }

  webhookInfo(): WebhookInfo {
    const allowed = this.updates.allowedUpdates();
    return {
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.updates.pending().length,
      ...(this.lastWebhookError
        ? { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message }
        : {}),
      ...(this.webhook ? { max_connections: this.webhook.maxConnections } : {}),
      ...(this.webhook && allowed ? { allowed_updates: [...allowed] } : {}),
    };
  }
}
