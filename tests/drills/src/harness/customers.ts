import { sleep } from './wait.js';

export interface CustomerMessage {
  chatId: string;
  text: string;
  externalMessageId: string;
}

/** Counts across all customers of a drill. */
export interface SendStats {
  acked: number;
  /** Attempts that got no 200 (connection refused, reset, 503 …) and were sent again. */
  retried: number;
}

export interface CustomerOptions {
  /** Host URL for the n-th message of a chat (lets a drill alternate between hosts). */
  hostFor: (index: number) => string;
  messengerId: string;
  stats?: SendStats;
  retryDelayMs?: number;
  /** Give up on one message after this long. */
  timeoutMs?: number;
}

/** `text` of message `index` in chat `chatId`: unique across the drill and in sending order. */
export const messageText = (chatId: string, index: number): string => `${chatId} #${String(index).padStart(4, '0')}`;

/**
 * Posts one customer message until the host answers 200, as a messenger redelivers until it gets
 * an ack; every attempt carries the same `externalMessageId`.
 */
export async function sendUntilAcked(url: string, message: CustomerMessage, options: CustomerOptions): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (await postOnce(`${url}/messengers/${options.messengerId}/customer/messages`, message)) {
      if (options.stats) options.stats.acked += 1;
      return;
    }
    if (options.stats) options.stats.retried += 1;
    if (Date.now() > deadline) throw new Error(`customer message ${message.externalMessageId} got no 200 in time`);
    await sleep(options.retryDelayMs ?? 100);
  }
}

async function postOnce(url: string, message: CustomerMessage): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One customer writing `count` messages in order, each only after the previous one was acked. */
export async function sendChat(chatId: string, count: number, options: CustomerOptions): Promise<string[]> {
  const texts: string[] = [];
  for (let index = 0; index < count; index++) {
    const text = messageText(chatId, index);
    await sendUntilAcked(options.hostFor(index), { chatId, text, externalMessageId: `ext-${text}` }, options);
    texts.push(text);
  }
  return texts;
}

/** Many customers at once (sequential within each chat); resolves each chat's sent texts. */
export async function sendChats(chatIds: string[], perChat: number, options: CustomerOptions): Promise<Map<string, string[]>> {
  const sent = await Promise.all(chatIds.map((chatId) => sendChat(chatId, perChat, options)));
  return new Map(chatIds.map((chatId, i) => [chatId, sent[i] ?? []]));
}

export const chatIds = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
