import type { Chat, Message, User } from 'grammy/types';
import { nowSeconds } from './unix-time.js';
import type { GroupMessageInput } from './bot-api-simulator.js';
import type { StoredFile } from './file-store.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { SimulatedChat } from './simulated-chat.js';
import { buildMessage, commandEntities, logEntryOf, nonChannel, type MessageContent } from './telegram-messages.js';

/**
 * A message from the customer side of `chat`: logged and queued as a `message` update. Throws an
 * Error (a test mistake, not a Bot API error) when `replyTo` names no message of the chat.
 */
export function postFromCustomer(bot: SimulatedBot, chat: SimulatedChat, from: User, input: { content: MessageContent; replyTo?: number; file?: StoredFile }): Message {
  const replied = input.replyTo === undefined ? undefined : chat.entry(input.replyTo);
  if (input.replyTo !== undefined && !replied) throw new Error(`Chat ${chat.chat.id} has no message ${input.replyTo} to reply to`);
  const message = buildMessage({
    chat: chat.chat,
    from,
    messageId: chat.nextMessageId(),
    date: nowSeconds(),
    ...(replied ? { replyTo: replied.message } : {}),
    content: input.content,
  });
  chat.log.push(logEntryOf('customer', message, input.file ? { file: input.file } : {}));
  bot.updates.push({ message: nonChannel(message) });
  return structuredClone(message);
}

/** A customer's edit of their own text message: an `edited_message` update with edit_date. */
export function editFromCustomer(bot: SimulatedBot, chat: SimulatedChat, messageId: number, text: string): Message {
  const entry = chat.entry(messageId);
  if (!entry || entry.from !== 'customer' || entry.message.text === undefined) {
    throw new Error(`Chat ${chat.chat.id} has no text message ${messageId} from the customer to edit`);
  }
  const editDate = Math.max(nowSeconds(), entry.message.date);
  const { entities: _old, ...unformatted } = entry.message;
  const entities = commandEntities(text);
  entry.message = { ...unformatted, text, ...(entities.length ? { entities } : {}), edit_date: editDate };
  entry.text = text;
  entry.editedAt = editDate;
  bot.updates.push({ edited_message: { ...nonChannel(entry.message), edit_date: editDate } });
  return structuredClone(entry.message);
}

/** A text in a group or supergroup (`message` update) or channel (`channel_post` update, no `from`). */
export function postGroupMessage(bot: SimulatedBot, input: GroupMessageInput): Message {
  const type = input.type ?? 'group';
  const title = input.title ?? `Group ${input.chatId}`;
  const chat: Chat = { id: input.chatId, type, title };
  const simulated = bot.openChat(chat);
  const from: User = { id: input.from.id, is_bot: false, first_name: input.from.firstName };
  const entities = commandEntities(input.text);
  const message = buildMessage({
    chat: simulated.chat,
    ...(type === 'channel' ? {} : { from }),
    messageId: simulated.nextMessageId(),
    date: nowSeconds(),
    content: { text: input.text, entities },
  });
  simulated.log.push(logEntryOf('customer', message));
  if (message.chat.type === 'channel') bot.updates.push({ channel_post: { ...message, chat: message.chat } });
  else bot.updates.push({ message: nonChannel(message) });
  return structuredClone(message);
}
