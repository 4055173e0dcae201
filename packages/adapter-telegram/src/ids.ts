/**
 * External message ids. Telegram's `message_id` is unique per chat only, and Parley dedupes on
 * (messenger, id), so ids carry the chat: `<chat>:<message_id>`. An edit is a new inbound event
 * with its own id, `<chat>:<message_id>:edit:<update_id>` (two edits within one second differ).
 */
export function messageKey(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export function editKey(chatId: number | string, messageId: number, updateId: number): string {
  return `${messageKey(chatId, messageId)}:edit:${updateId}`;
}

const MESSAGE_KEY = /^(-?\d+):(\d+)(?::edit:\d+)?$/;

/** The chat and message of an id this adapter made; undefined for anything else. */
export function parseMessageKey(key: string): { chatId: string; messageId: number } | undefined {
  const match = MESSAGE_KEY.exec(key);
  if (!match) return undefined;
  return { chatId: match[1] as string, messageId: Number(match[2]) };
}
