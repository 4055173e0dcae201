import type { CustomerProfile, InboundMessage } from '@parley/core';
import type { Message, Update, User } from 'grammy/types';
import { editKey, messageKey } from './ids.js';

/** A file a customer sent, still on Telegram's servers. */
export interface TelegramFileRef {
  fileId: string;
  fileName: string;
  mimeType: string;
  /** Bytes, when Telegram told. */
  size?: number;
}

/** What an update means for Parley, before any file is fetched. */
export type ReadUpdate =
  | { kind: 'message'; message: Omit<InboundMessage, 'attachments'>; files: TelegramFileRef[] }
  /** The customer pressed Start (or typed `/start`): not a message for an agent. */
  | { kind: 'start'; chatId: string; messageId: number }
  | { kind: 'ignored'; reason: string };

/**
 * Reads a Telegram update. Only private chats become conversations (chat id → `sourceId`);
 * groups, channels and other update types are ignored with a reason for the log. Customer
 * formatting is kept as plain text (entities dropped); an edit becomes a new message with its
 * own id that names the edited one; a reply keeps its reference.
 */
export function readUpdate(update: Update): ReadUpdate {
  const edited = update.edited_message;
  const message = update.message ?? edited;
  if (message === undefined) return { kind: 'ignored', reason: `update type ${updateType(update)} is not handled` };
  if (message.chat.type !== 'private') return { kind: 'ignored', reason: `${message.chat.type} chats are not supported (chat ${message.chat.id})` };
  if (message.from === undefined || message.from.is_bot) return { kind: 'ignored', reason: 'message not written by a person' };
  const chatId = String(message.chat.id);
  if (edited === undefined && isStartCommand(message)) return { kind: 'start', chatId, messageId: message.message_id };
  const files = filesOf(message);
  const text = textOf(message, files);
  return {
    kind: 'message',
    files,
    message: {
      chatId,
      sender: profileOf(message.from),
      externalMessageId: edited ? editKey(chatId, message.message_id, update.update_id) : messageKey(chatId, message.message_id),
      sentAt: (edited?.edit_date ?? message.date) * 1000,
      ...(text === undefined ? {} : { text }),
      ...(message.reply_to_message ? { replyToExternalMessageId: messageKey(chatId, message.reply_to_message.message_id) } : {}),
      ...(edited ? { editOfExternalMessageId: messageKey(chatId, message.message_id) } : {}),
    },
  };
}

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}

function isStartCommand(message: Message): boolean {
  return /^\/start(?:@\w+)?(?:\s|$)/.test(message.text ?? '');
}

/** The customer as Telegram shows them; fills Unblu's visitor. */
export function profileOf(user: User): CustomerProfile {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return {
    id: String(user.id),
    ...(displayName ? { displayName } : {}),
    firstName: user.first_name,
    ...(user.last_name ? { lastName: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { locale: user.language_code } : {}),
  };
}

/** The message's text or caption; for content Unblu cannot show as a file, a readable line. */
function textOf(message: Message, files: TelegramFileRef[]): string | undefined {
  const own = message.text ?? message.caption;
  if (own !== undefined && own.trim() !== '') return own;
  const described = describeContent(message);
  if (described !== undefined) return described;
  return files.length > 0 ? undefined : `[a Telegram message Parley cannot show: ${contentKind(message)}]`;
}

function describeContent(message: Message): string | undefined {
  if (message.venue) return `📍 ${message.venue.title}, ${message.venue.address} (${message.venue.location.latitude}, ${message.venue.location.longitude})`;
  if (message.location) return `📍 location: ${message.location.latitude}, ${message.location.longitude}`;
  if (message.contact) {
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
    return `👤 contact: ${name}, ${message.contact.phone_number}`;
  }
  if (message.sticker?.emoji && message.sticker.is_animated) return message.sticker.emoji;
  return undefined;
}

function contentKind(message: Message): string {
  const known = ['poll', 'dice', 'game', 'story', 'invoice', 'paid_media', 'checklist', 'giveaway'] as const;
  return known.find((key) => message[key] !== undefined) ?? 'unsupported content';
}

/** Photos (largest size), documents, voice, audio, video, video notes, animations, still stickers. */
function filesOf(message: Message): TelegramFileRef[] {
  const id = message.message_id;
  const photo = message.photo?.at(-1);
  if (photo) return [{ fileId: photo.file_id, fileName: `photo-${id}.jpg`, mimeType: 'image/jpeg', size: photo.file_size }];
  const media = message.document ?? message.animation ?? message.audio ?? message.video;
  if (media) return [{ fileId: media.file_id, fileName: media.file_name ?? `file-${id}${extensionOf(media.mime_type)}`, mimeType: media.mime_type ?? 'application/octet-stream', size: media.file_size }];
  if (message.voice) return [{ fileId: message.voice.file_id, fileName: `voice-${id}${extensionOf(message.voice.mime_type ?? 'audio/ogg')}`, mimeType: message.voice.mime_type ?? 'audio/ogg', size: message.voice.file_size }];
  if (message.video_note) return [{ fileId: message.video_note.file_id, fileName: `video-note-${id}.mp4`, mimeType: 'video/mp4', size: message.video_note.file_size }];
  const sticker = message.sticker;
  if (sticker && !sticker.is_animated && !sticker.is_video) return [{ fileId: sticker.file_id, fileName: `sticker-${id}.webp`, mimeType: 'image/webp', size: sticker.file_size }];
  return [];
}

const EXTENSIONS: Record<string, string> = {
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'application/pdf': '.pdf',
};

function extensionOf(mimeType: string | undefined): string {
  return mimeType === undefined ? '' : (EXTENSIONS[mimeType] ?? '');
}
