import type { Message } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { admitSend, deliver, replyTarget, targetChat } from './bot-outbox.js';
import type { MethodContext, MethodHandler } from './method-context.js';
import { messageText } from './message-text.js';

const chatActions = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** sendMessage with text, parse_mode (HTML or none), entities and a reply; link_preview_options is accepted and ignored. */
function sendMessage(context: MethodContext): Message {
  const chat = targetChat(context);
  const shown = messageText(context.params.string('text'), context.params, context.state.limits.textLength);
  const replyTo = replyTarget(context, chat);
  admitSend(context, chat);
  return deliver(context, chat, {
    content: { text: shown.text, entities: shown.entities },
    ...(replyTo ? { replyTo } : {}),
    ...(shown.html !== undefined ? { html: shown.html } : {}),
  });
}

/** Accepted and visible only in the call log (`calls('sendChatAction')`), as a chat action leaves no message. */
function sendChatAction(context: MethodContext): boolean {
  targetChat(context);
  const action = context.params.string('action') ?? '';
  if (!chatActions.has(action)) throw badRequest('wrong parameter action in request');
  return true;
}

export const sendMethods: Readonly<Record<string, MethodHandler>> = { sendMessage, sendChatAction };
