import type { Chat, Message, MessageEntity, Update, User } from 'grammy/types';
import type { ChatLogEntry, ChatLogFile, CustomerProfile } from './bot-api-simulator.js';
import type { StoredFile } from './file-store.js';

/** What a message carries besides its envelope. */
export type MessageContent = Pick<Message, 'text' | 'entities' | 'caption' | 'caption_entities' | 'photo' | 'document' | 'voice' | 'video'>;

export interface MessageDraft {
  chat: Chat;
  /** Absent for channel posts. */
  from?: User;
  messageId: number;
  date: number;
  replyTo?: Message;
  content: MessageContent;
}

export function customerUser(profile: CustomerProfile): User {
  return {
    id: profile.id,
    is_bot: false,
    first_name: profile.firstName,
    ...(profile.lastName !== undefined ? { last_name: profile.lastName } : {}),
    ...(profile.username !== undefined ? { username: profile.username } : {}),
    ...(profile.languageCode !== undefined ? { language_code: profile.languageCode } : {}),
  };
}

/** A private chat has the user's id and names, as in Telegram. */
export function privateChatOf(user: User): Chat.PrivateChat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
  };
}

export function buildMessage(draft: MessageDraft): Message {
  return {
    message_id: draft.messageId,
    ...(draft.from ? { from: draft.from } : {}),
    ...(draft.chat.type === 'channel' ? { sender_chat: draft.chat } : {}),
    chat: draft.chat,
    date: draft.date,
    ...(draft.replyTo ? { reply_to_message: { ...draft.replyTo, reply_to_message: undefined } } : {}),
    ...withoutEmptyEntities(draft.content),
  };
}

/** The message as a `message` or `edited_message` update carries it; throws for channel posts. */
export function nonChannel(message: Message): Message & Update.NonChannel {
  const { chat, from } = message;
  if (chat.type === 'channel' || !from) throw new Error('A channel post cannot be a message update');
  return { ...message, chat, from };
}

/** Bot commands in a customer's text: `/word` (optionally `@bot`) at the start or after whitespace. */
export function commandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s)/g)].map((match) => ({
    type: 'bot_command',
    offset: match.index + (match[1]?.length ?? 0),
    length: match[2]?.length ?? 0,
  }));
}

export function logEntryOf(from: ChatLogEntry['from'], message: Message, extras: { html?: string; file?: StoredFile } = {}): ChatLogEntry {
  const text = message.text ?? message.caption;
  return {
    from,
    messageId: message.message_id,
    date: message.date,
    ...(text !== undefined ? { text } : {}),
    ...(extras.html !== undefined ? { html: extras.html } : {}),
    ...(extras.file ? { file: logFile(extras.file) } : {}),
    ...(message.reply_to_message ? { replyToMessageId: message.reply_to_message.message_id } : {}),
    message,
  };
}

function logFile(file: StoredFile): ChatLogFile {
  return {
    kind: file.kind,
    fileId: file.fileId,
    ...(file.fileName !== undefined ? { fileName: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mimeType: file.mimeType } : {}),
    size: file.size,
  };
}

/** Telegram omits empty entity lists and empty captions. */
function withoutEmptyEntities(content: MessageContent): MessageContent {
  const { entities, caption, caption_entities: captionEntities, ...rest } = content;
  return {
    ...rest,
    ...(entities?.length ? { entities } : {}),
    ...(caption ? { caption } : {}),
    ...(caption && captionEntities?.length ? { caption_entities: captionEntities } : {}),
  };
}
