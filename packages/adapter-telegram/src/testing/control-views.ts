import type { ChatLogEntry } from './bot-api-simulator.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { SimulatedCustomer } from './simulated-customer.js';

/** A customer as the control API shows it. */
export interface CustomerView {
  id: number;
  chatId: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  blocked: boolean;
}

/** A chat log entry as the control API shows it: the file gains a download URL. */
export type ChatLogEntryView = Omit<ChatLogEntry, 'file'> & { file?: NonNullable<ChatLogEntry['file']> & { url: string } };

export function customerView(bot: SimulatedBot, customer: SimulatedCustomer): CustomerView {
  const { user } = customer;
  return {
    id: user.id,
    chatId: customer.chatId,
    firstName: user.first_name,
    ...(user.last_name !== undefined ? { lastName: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.language_code !== undefined ? { languageCode: user.language_code } : {}),
    blocked: bot.chat(customer.chatId)?.blocked ?? false,
  };
}

/** `origin` makes file URLs absolute, so other processes can fetch them. */
export function chatLogEntryView(entry: ChatLogEntry, origin: string): ChatLogEntryView {
  const { file, ...rest } = entry;
  return { ...rest, ...(file ? { file: { ...file, url: `${origin}/_sim/files/${encodeURIComponent(file.fileId)}` } } : {}) };
}
