import { PermanentError, TransientError, splitText, type Attachment, type OutboundMessage, type SendResult } from '@parley/core';
import { InputFile, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import { TELEGRAM_LIMITS, megabytes } from './capabilities.js';
import { toParleyError } from './errors.js';
import { escapeHtml } from './html-escape.js';
import { messageKey, parseMessageKey } from './ids.js';
import type { OutboundPacer } from './outbound-pacer.js';
import { SentMessages } from './sent-messages.js';
import { forGrammy } from './grammy-signal.js';

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export interface TelegramOutboundOptions {
  linkPreviews: boolean;
  /** Told about every call's outcome, for health: `undefined` on success. */
  onOutcome?: (error: TransientError | PermanentError | undefined) => void;
}

type Call = (signal: AbortSignal) => Promise<Message>;

/**
 * Sends agent messages to a customer: text as HTML (escaped, so agents' `<`, `>`, `&` show as
 * typed), files as a photo (JPEG/PNG/WebP up to 10 MB) or a document, with the caption when it
 * fits Telegram's 1,024 characters and as a following text otherwise. Every API call waits for
 * its slot from the pacer; a 429 pauses the chat for Telegram's `retry_after`. Each part of a
 * message is sent once per process (see {@link SentMessages}).
 */
export class TelegramOutbound {
  private readonly sent = new SentMessages<Message>();

  constructor(
    private readonly api: Api,
    private readonly pacer: OutboundPacer,
    private readonly options: TelegramOutboundOptions,
  ) {}

  async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    const calls = this.callsFor(message);
    if (calls.length === 0) throw new PermanentError('nothing to send: the message has neither text nor a file', 'telegram.empty_message');
    let first: Message | undefined;
    for (const [index, call] of calls.entries()) {
      const key = index === 0 ? message.parleyMessageId : `${message.parleyMessageId}/${index}`;
      const sent = await this.sent.once(key, () => this.paced(message.chatId, call, signal));
      first ??= sent;
    }
    return { externalMessageId: messageKey(message.chatId, (first as Message).message_id) };
  }

  /** A plain text outside the engine's flow (the Start greeting). */
  async sendText(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    for (const piece of splitText(text, TELEGRAM_LIMITS.textLength)) await this.paced(chatId, this.textCall(chatId, piece, undefined), signal);
  }

  private callsFor(message: OutboundMessage): Call[] {
    const replyTo = this.replyTarget(message);
    const { attachment } = message;
    if (attachment === undefined) return message.text?.trim() ? [this.textCall(message.chatId, message.text, replyTo)] : [];
    const caption = attachment.caption ?? message.text;
    const fits = caption === undefined || caption.length <= TELEGRAM_LIMITS.captionLength;
    const fileCall = this.fileCall(message.chatId, attachment, fits ? caption : undefined, replyTo);
    if (fits) return [fileCall];
    return [fileCall, ...splitText(caption, TELEGRAM_LIMITS.textLength).map((piece) => this.textCall(message.chatId, piece, undefined))];
  }

  private textCall(chatId: string, text: string, replyTo: number | undefined): Call {
    return (signal) =>
      this.api.sendMessage(
        chatId,
        escapeHtml(text),
        { parse_mode: 'HTML', link_preview_options: { is_disabled: !this.options.linkPreviews }, ...replyParameters(replyTo) },
        forGrammy(signal),
      );
  }

  private fileCall(chatId: string, file: Attachment, caption: string | undefined, replyTo: number | undefined): Call {
    if (file.data.byteLength > TELEGRAM_LIMITS.uploadBytes) {
      const limit = megabytes(TELEGRAM_LIMITS.uploadBytes);
      throw new PermanentError(`"${file.fileName}" is ${megabytes(file.data.byteLength)}; Telegram bots may send files up to ${limit}`, 'telegram.file_too_large');
    }
    const other = { ...(caption ? { caption: escapeHtml(caption), parse_mode: 'HTML' as const } : {}), ...replyParameters(replyTo) };
    const asPhoto = PHOTO_TYPES.has(file.mimeType.toLowerCase()) && file.data.byteLength <= TELEGRAM_LIMITS.photoBytes;
    return async (signal) => {
      // Shows "sending a photo…" while the upload runs; purely cosmetic, so failures are ignored.
      await this.api.sendChatAction(chatId, asPhoto ? 'upload_photo' : 'upload_document', {}, forGrammy(signal)).catch(() => undefined);
      const input = new InputFile(file.data, file.fileName);
      return asPhoto ? this.api.sendPhoto(chatId, input, other, forGrammy(signal)) : this.api.sendDocument(chatId, input, other, forGrammy(signal));
    };
  }

  private replyTarget(message: OutboundMessage): number | undefined {
    const target = message.replyToExternalMessageId === undefined ? undefined : parseMessageKey(message.replyToExternalMessageId);
    return target?.chatId === message.chatId ? target.messageId : undefined;
  }

  private async paced(chatId: string, call: Call, signal: AbortSignal): Promise<Message> {
    try {
      await this.pacer.acquire(chatId, signal);
      const result = await call(signal);
      this.options.onOutcome?.(undefined);
      return result;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const failure = toParleyError(error, `sending to chat ${chatId}`);
      if (failure instanceof TransientError && failure.retryAfterMs !== undefined) this.pacer.pause(chatId, failure.retryAfterMs);
      this.options.onOutcome?.(failure);
      throw failure;
    }
  }
}

function replyParameters(messageId: number | undefined): { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } } {
  return messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}
