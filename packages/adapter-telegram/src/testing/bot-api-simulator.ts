import type { Message, Update, User, WebhookInfo } from 'grammy/types';
import type { SimulatedCustomer } from './simulated-customer.js';

/** Options of {@link startBotApiSimulator}; every field has a default. */
export interface BotApiSimulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; default 0 (an ephemeral port, read it from `url`). */
  port?: number;
  /** The default bot. Its id is the number before the token's colon. */
  bot?: SimulatedBotOptions;
  limits?: BotApiLimits;
  /** Delay before re-pushing an update whose webhook push failed; default 500 ms. */
  webhookRetryDelayMs?: number;
  /** How long one webhook push may take before it counts as failed ("Read timeout expired"); default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** Cap for getUpdates' `timeout` in seconds; default 50, like Telegram. */
  maxLongPollSeconds?: number;
  /** Automatic 429s per chat; off by default. */
  floodControl?: FloodControl;
}

/** Identity of a simulated bot. A token without `id` gives the id; `id` without a token gets a generated token. */
export interface SimulatedBotOptions {
  token?: string;
  id?: number;
  username?: string;
  firstName?: string;
}

/** Size limits in bytes (text limits in UTF-16 code units, counted after HTML parsing). */
export interface BotApiLimits {
  /** Largest multipart upload a bot may send; beyond it the call gets 413. Default 50 MB. */
  uploadBytes?: number;
  /** Largest photo a bot may send; beyond it `file is too big`. Default 10 MB. */
  photoBytes?: number;
  /** Largest file getFile hands out; beyond it `file is too big`. Default 20 MB. */
  downloadBytes?: number;
  /** Longest message text; default 4096. */
  textLength?: number;
  /** Longest caption; default 1024. */
  captionLength?: number;
}

/**
 * A token bucket per chat over the bot's sends: `burst` sends at once, refilled at
 * `perChatPerSecond`. A send beyond it is refused with 429 and `retry_after` and has no effect.
 */
export interface FloodControl {
  perChatPerSecond: number;
  burst: number;
  /** The `retry_after` announced in a 429; default 1. */
  retryAfterSeconds?: number;
}

/** A Bot API error to inject; `times` (default 1) calls fail with it. */
export interface InjectedBotApiError {
  errorCode: number;
  description: string;
  retryAfter?: number;
  times?: number;
}

/** Input of {@link BotApiSimulator.groupMessage}. */
export interface GroupMessageInput {
  chatId: number;
  type?: 'group' | 'supergroup' | 'channel';
  title?: string;
  from: { id: number; firstName: string };
  text: string;
}

/** Profile of a simulated customer; the private chat's id equals `id`, as in Telegram. */
export interface CustomerProfile {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

/** A file attached to a chat log entry; `size` is in bytes. */
export interface ChatLogFile {
  kind: 'photo' | 'document' | 'voice' | 'video';
  fileId: string;
  fileName?: string;
  mimeType?: string;
  size: number;
}

/** One message of a chat, as both sides see it. */
export interface ChatLogEntry {
  from: 'customer' | 'bot';
  messageId: number;
  /** Seconds since the epoch, like Telegram. */
  date: number;
  /** Plain text: the bot's text after HTML parsing, the customer's text, or a file's caption. */
  text?: string;
  /** The text or caption exactly as the bot sent it, when its parse_mode was HTML. */
  html?: string;
  file?: ChatLogFile;
  replyToMessageId?: number;
  /** Seconds since the epoch of the latest edit. */
  editedAt?: number;
  /** The full Message object, as the latest update or API answer carried it. */
  message: Message;
}

/** One Bot API request received. */
export interface ApiCall {
  /** As written in the URL (Telegram treats method names case-insensitively). */
  method: string;
  token: string;
  /** Parameters from query, JSON, form or multipart; an uploaded file appears as `{ fileName, size }`. */
  payload: Record<string, unknown>;
  /** Milliseconds since the epoch at receipt. */
  at: number;
  /** HTTP status answered; 0 while unanswered and when the connection was destroyed instead. */
  status: number;
}

/**
 * A Telegram Bot API server on loopback speaking the real wire protocol, for tests and the
 * sandbox. Point grammy at it with `{ apiRoot: sim.url }`. Each method taking a `token` acts on
 * that bot and throws when the token is unknown; without one it acts on the default bot.
 */
export interface BotApiSimulator {
  /** apiRoot for grammy: methods at `/bot<token>/<method>`, files at `/file/bot<token>/<file_path>`. */
  readonly url: string;
  /** The default bot's token. */
  readonly token: string;
  /** The default bot as it appears in `from` of its messages. */
  readonly botUser: User;
  /** Registers another bot on the same server. Throws when the token is malformed or taken. */
  addBot(options?: SimulatedBotOptions): { token: string; user: User };
  /**
   * A customer in a private chat with a bot. Idempotent per id (the first profile wins). The bot may
   * write to the chat only after the customer wrote once, as Telegram bots can't start conversations.
   */
  customer(profile: CustomerProfile, token?: string): SimulatedCustomer;
  /** A message in a group, supergroup (`message` update) or channel (`channel_post` update). */
  groupMessage(input: GroupMessageInput, token?: string): Message;
  /**
   * Adds a raw update, assigning its update_id. Like Telegram, an update whose type the bot's
   * allowed_updates exclude is not queued (the returned update is then never delivered).
   */
  injectUpdate(update: Omit<Update, 'update_id'>, token?: string): Update;
  /** Every message in a chat, both directions, oldest first; empty for an unknown chat. */
  chatLog(chatId: number | string, token?: string): readonly ChatLogEntry[];
  /** The messages the bot sent to a chat. */
  sentTo(chatId: number | string, token?: string): readonly ChatLogEntry[];
  /** Bot API calls received by any bot, oldest first, optionally only of one method (case-insensitive). */
  calls(method?: string): readonly ApiCall[];
  /** Updates not yet confirmed by an offset (polling) or a 2xx (webhook). */
  pendingUpdates(token?: string): readonly Update[];
  /** The bytes of a file sent by either side; undefined for unknown ids and declared-only files. */
  fileData(fileId: string): Uint8Array | undefined;
  /** The next `times` calls of `method` fail with this error and have no effect. */
  failNext(method: string, error: InjectedBotApiError): void;
  /** The next call of `method` has its effect, but its connection is destroyed before the answer. */
  loseNextAnswer(method: string): void;
  /** The next call of `method` gets its connection destroyed without effect (a network error). */
  dropNext(method: string): void;
  /** Every later call of `method` waits `ms` before it is handled; 0 removes the delay. */
  setLatency(method: string, ms: number): void;
  setFloodControl(control: FloodControl | undefined): void;
  /** Every later call with this token gets 401 Unauthorized; a held long poll ends with 401 and webhook pushes stop. */
  revokeToken(token?: string): void;
  webhookInfo(token?: string): WebhookInfo;
  /** Ends held long polls (answering `[]`), stops webhook pushes, closes every connection and the server. */
  close(): Promise<void>;
}
