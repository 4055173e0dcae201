import type { Message } from 'grammy/types';
import { z } from 'zod';
import { nowSeconds } from './unix-time.js';
import { badRequest, forbidden } from './bot-api-errors.js';
import type { StoredFile } from './file-store.js';
import type { MethodContext } from './method-context.js';
import type { SimulatedChat } from './simulated-chat.js';
import { buildMessage, logEntryOf, type MessageContent } from './telegram-messages.js';

const replyParameters = z.looseObject({
  message_id: z.number().int(),
  allow_sending_without_reply: z.boolean().optional(),
});

/** The chat a bot's call targets: 400 `chat not found` for chats nobody opened, 403 when the customer blocked the bot. */
export function targetChat(context: MethodContext): SimulatedChat {
  const chat = context.bot.chat(context.params.chatId());
  if (!chat) throw badRequest('chat not found');
  if (chat.blocked) throw forbidden('bot was blocked by the user');
  return chat;
}

/**
 * The message a send replies to, from `reply_parameters` or the legacy `reply_to_message_id`.
 * A missing message is 400 `message to be replied not found` unless allow_sending_without_reply.
 */
export function replyTarget(context: MethodContext, chat: SimulatedChat): Message | undefined {
  const { params } = context;
  const raw = params.json('reply_parameters', 'reply parameters');
  const parsed = raw === undefined ? undefined : replyParameters.safeParse(raw);
  if (parsed && !parsed.success) throw badRequest("can't parse reply parameters JSON object");
  const messageId = parsed?.data.message_id ?? params.integer('reply_to_message_id');
  if (messageId === undefined) return undefined;
  const allowMissing = parsed?.data.allow_sending_without_reply ?? params.boolean('allow_sending_without_reply') ?? false;
  const replied = chat.entry(messageId)?.message;
  if (!replied && !allowMissing) throw badRequest('message to be replied not found');
  return replied;
}

/** Flood control for one send to `chat`: throws 429 before anything happened. */
export function admitSend(context: MethodContext, chat: SimulatedChat): void {
  context.state.flood.take(`${context.bot.me.id}:${chat.chat.id}`);
}

/** Appends the bot's message to the chat log and returns it as the API answers it. */
export function deliver(
  context: MethodContext,
  chat: SimulatedChat,
  draft: { content: MessageContent; replyTo?: Message; html?: string; file?: StoredFile },
): Message {
  const message = buildMessage({
    chat: chat.chat,
    from: context.bot.user,
    messageId: chat.nextMessageId(),
    date: nowSeconds(),
    ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
    content: draft.content,
  });
  chat.log.push(logEntryOf('bot', message, { ...(draft.html !== undefined ? { html: draft.html } : {}), ...(draft.file ? { file: draft.file } : {}) }));
  return message;
}
