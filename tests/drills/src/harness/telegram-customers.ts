import type { SimulatedCustomer } from '@parley/adapter-telegram/testing';
import { messageText } from './customers.js';
import { sleep } from './wait.js';

export interface TelegramWriteOptions {
  /** Pause between two messages of one customer, so a burst lasts long enough to be interrupted. */
  gapMs: number;
  /** Counts messages written so far across all customers. */
  progress?: { written: number };
}

/**
 * Telegram customers writing `perChat` texts each, all at once, each in order. Telegram takes
 * every message (it queues updates until the bot confirms them), so unlike the loopback
 * customers nobody re-sends. Resolves each chat's texts by chat id.
 */
export async function writeTelegramChats(customers: SimulatedCustomer[], perChat: number, options: TelegramWriteOptions): Promise<Map<string, string[]>> {
  const written = await Promise.all(customers.map((customer) => writeChat(customer, perChat, options)));
  return new Map(customers.map((customer, i) => [String(customer.chatId), written[i] ?? []]));
}

async function writeChat(customer: SimulatedCustomer, count: number, options: TelegramWriteOptions): Promise<string[]> {
  const texts: string[] = [];
  for (let index = 0; index < count; index++) {
    const text = messageText(String(customer.chatId), index);
    customer.sendText(text);
    texts.push(text);
    if (options.progress) options.progress.written += 1;
    await sleep(options.gapMs);
  }
  return texts;
}
