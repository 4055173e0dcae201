import { ConfigError, type ConfigIssue } from '@parley/core';
import { z } from 'zod';

/** How the bot receives updates: it asks (long polling) or Telegram pushes (webhook). */
export type TelegramMode = 'polling' | 'webhook';

/** Options of one Telegram messenger instance (`messengers.<id>.options` in the host's configuration). */
export interface TelegramOptions {
  /** The bot token from @BotFather. Secret: never logged. */
  token: string;
  mode: TelegramMode;
  /** Bot API server root; default `https://api.telegram.org` (a simulator or a self-hosted server in tests). */
  apiRoot: string;
  polling: {
    /** Long-poll wait per `getUpdates` call, in seconds (default 25). */
    timeoutSeconds: number;
    /** Updates per call, 1–100 (default 100). */
    limit: number;
  };
  webhook: {
    /**
     * Telegram echoes it in `X-Telegram-Bot-Api-Secret-Token`; default derived from the token, so
     * only someone holding the token can forge a push.
     */
    secretToken?: string;
    /** Where Telegram posts updates; default the host's public URL + `/messengers/<id>/webhook`. */
    url?: string;
    /**
     * Parallel pushes Telegram may make (1–100). Default 1: Telegram promises no order across
     * parallel pushes, and Parley keeps each chat's order only if updates arrive in order. Raise
     * it for throughput only where order within a chat matters less than volume.
     */
    maxConnections: number;
  };
  /** Outbound pacing: about one message per second per chat, short bursts, under the bot-wide limit. */
  pacing: {
    perChatPerSecond: number;
    perChatBurst: number;
    perBotPerSecond: number;
  };
  /** Text sent when a customer presses Start (`/start`); off when absent. */
  greeting?: string;
  /** Show link previews in agent messages (default false: a bank's links should not unfurl). */
  linkPreviews: boolean;
}

const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const positive = (fallback: number, max: number) => z.number().positive().max(max).default(fallback);

const schema = z.strictObject({
  token: z.string({ error: 'required: the bot token from @BotFather' }).regex(TOKEN, 'must look like 123456:ABC-… (the token @BotFather gave)'),
  mode: z.enum(['polling', 'webhook']).default('polling'),
  apiRoot: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://api.telegram.org').transform((url) => url.replace(/\/+$/, '')),
  polling: z
    .strictObject({
      timeoutSeconds: z.number().int().min(1).max(50).default(25),
      limit: z.number().int().min(1).max(100).default(100),
    })
    .prefault({}),
  webhook: z
    .strictObject({
      secretToken: z.string().regex(SECRET_TOKEN, 'must be 1–256 characters of A-Z, a-z, 0-9, _ and -').optional(),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      maxConnections: z.number().int().min(1).max(100).default(1),
    })
    .prefault({}),
  pacing: z
    .strictObject({
      perChatPerSecond: positive(1, 1000),
      perChatBurst: z.number().int().min(1).max(1000).default(3),
      perBotPerSecond: positive(30, 10_000),
    })
    .prefault({}),
  greeting: z.string().trim().min(1).max(4096).optional(),
  linkPreviews: z.boolean().default(false),
});

/**
 * Checks a Telegram instance's options and fills the defaults. Throws one {@link ConfigError}
 * listing every problem with its path (relative to `options`); values are never quoted, so the
 * token cannot leak into an error.
 */
export function parseTelegramOptions(raw: unknown): TelegramOptions {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: messageOf(issue) }));
  throw new ConfigError('Telegram options', issues);
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'invalid_type') return `must be ${issue.expected}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
