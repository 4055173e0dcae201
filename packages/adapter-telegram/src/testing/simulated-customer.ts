import type { Message, User } from 'grammy/types';
import { nowSeconds } from './unix-time.js';
import type { ChatLogEntry } from './bot-api-simulator.js';
import { telegramDocument, telegramVideo, telegramVoice, type FileStore, type StoredFile } from './file-store.js';
import { editFromCustomer, postFromCustomer } from './inbound-messages.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { SimulatedChat } from './simulated-chat.js';
import { commandEntities, type MessageContent } from './telegram-messages.js';

/**
 * A customer in a private chat with a bot. Each send is logged and queued as an update at once
 * (synchronously); the bot gets it by polling or a webhook push.
 */
export interface SimulatedCustomer {
  readonly chatId: number;
  readonly user: User;
  /** A text; commands such as `/start` carry a bot_command entity. */
  sendText(text: string, options?: { replyTo?: number }): Message;
  /** A photo in two sizes (both with these bytes). */
  sendPhoto(data: Uint8Array, options?: { caption?: string }): Message;
  sendDocument(data: Uint8Array, options: { fileName: string; mimeType: string; caption?: string }): Message;
  /** A voice note; default `audio/ogg`, 1 s. */
  sendVoice(data: Uint8Array, options?: { mimeType?: string; duration?: number }): Message;
  /** A video; default `video.mp4`, `video/mp4`. */
  sendVideo(data: Uint8Array, options?: { fileName?: string; mimeType?: string; caption?: string }): Message;
  /** A document of `size` bytes whose bytes are not held: getFile answers `file is too big` beyond limits.downloadBytes. */
  sendLargeDocument(size: number, options: { fileName: string; mimeType: string }): Message;
  /** Edits one of the customer's texts: an `edited_message` update with edit_date. Throws for other messages. */
  editText(messageId: number, text: string): Message;
  /** Blocks the bot: its sends get 403 `Forbidden: bot was blocked by the user`; queues a `my_chat_member` update (kicked). */
  block(): void;
  /** Unblocks the bot (queues `my_chat_member`, member again). Sending while blocked unblocks first, like Telegram's Restart button. */
  unblock(): void;
  /** What the bot sent to this customer, oldest first. */
  received(): readonly ChatLogEntry[];
  /** The plain text (HTML parsed) or caption of each received message; '' for a file without caption. */
  receivedTexts(): readonly string[];
}

export class CustomerHandle implements SimulatedCustomer {
  constructor(
    private readonly bot: SimulatedBot,
    private readonly chat: SimulatedChat,
    private readonly files: FileStore,
    readonly user: User,
  ) {}

  get chatId(): number {
    return this.chat.chat.id;
  }

  sendText(text: string, options: { replyTo?: number } = {}): Message {
    return this.post({ text, entities: commandEntities(text) }, undefined, options.replyTo);
  }

  sendPhoto(data: Uint8Array, options: { caption?: string } = {}): Message {
    const file = this.files.addPhoto(data);
    return this.post({ photo: file.photoSizes ?? [], caption: options.caption }, file);
  }

  sendDocument(data: Uint8Array, options: { fileName: string; mimeType: string; caption?: string }): Message {
    const file = this.files.add({ kind: 'document', data, fileName: options.fileName, mimeType: options.mimeType });
    return this.post({ document: telegramDocument(file), caption: options.caption }, file);
  }

  sendVoice(data: Uint8Array, options: { mimeType?: string; duration?: number } = {}): Message {
    const file = this.files.add({ kind: 'voice', data, mimeType: options.mimeType ?? 'audio/ogg' });
    return this.post({ voice: telegramVoice(file, options.duration ?? 1) }, file);
  }

  sendVideo(data: Uint8Array, options: { fileName?: string; mimeType?: string; caption?: string } = {}): Message {
    const file = this.files.add({ kind: 'video', data, fileName: options.fileName ?? 'video.mp4', mimeType: options.mimeType ?? 'video/mp4' });
    return this.post({ video: telegramVideo(file, { width: 640, height: 360, duration: 1 }), caption: options.caption }, file);
  }

  sendLargeDocument(size: number, options: { fileName: string; mimeType: string }): Message {
    const file = this.files.add({ kind: 'document', size, fileName: options.fileName, mimeType: options.mimeType });
    return this.post({ document: telegramDocument(file) }, file);
  }

  editText(messageId: number, text: string): Message {
    return editFromCustomer(this.bot, this.chat, messageId, text);
  }

  block(): void {
    this.setBlocked(true);
  }

  unblock(): void {
    this.setBlocked(false);
  }

  received(): readonly ChatLogEntry[] {
    return this.chat.log.filter((entry) => entry.from === 'bot');
  }

  receivedTexts(): readonly string[] {
    return this.received().map((entry) => entry.text ?? '');
  }

  private post(content: MessageContent, file?: StoredFile, replyTo?: number): Message {
    if (this.chat.blocked) this.unblock();
    return postFromCustomer(this.bot, this.chat, this.user, { content, ...(file ? { file } : {}), ...(replyTo !== undefined ? { replyTo } : {}) });
  }

  /** Telegram tells the bot about a block or unblock in a private chat with `my_chat_member`. */
  private setBlocked(blocked: boolean): void {
    if (this.chat.blocked === blocked) return;
    this.chat.blocked = blocked;
    const member = { status: 'member', user: this.bot.user } as const;
    const kicked = { status: 'kicked', user: this.bot.user, until_date: 0 } as const;
    this.bot.updates.push({
      my_chat_member: {
        chat: this.chat.chat,
        from: this.user,
        date: nowSeconds(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }
}
