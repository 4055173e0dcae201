import { z } from 'zod';
import type { BotApiSimulatorOptions, FloodControl, SimulatedBotOptions } from './bot-api-simulator.js';

export interface ResolvedLimits {
  uploadBytes: number;
  photoBytes: number;
  downloadBytes: number;
  textLength: number;
  captionLength: number;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  bot: SimulatedBotOptions;
  limits: ResolvedLimits;
  webhookRetryDelayMs: number;
  webhookTimeoutMs: number;
  maxLongPollSeconds: number;
  floodControl?: FloodControl;
}

const megabytes = (count: number) => count * 1024 * 1024;
const positiveInt = z.number().int().positive();
const milliseconds = z.number().int().min(0);

const schema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  bot: z
    .object({ token: z.string().optional(), id: positiveInt.optional(), username: z.string().min(1).optional(), firstName: z.string().min(1).optional() })
    .default({}),
  limits: z
    .object({
      uploadBytes: positiveInt.default(megabytes(50)),
      photoBytes: positiveInt.default(megabytes(10)),
      downloadBytes: positiveInt.default(megabytes(20)),
      textLength: positiveInt.default(4096),
      captionLength: positiveInt.default(1024),
    })
    .prefault({}),
  webhookRetryDelayMs: milliseconds.default(500),
  webhookTimeoutMs: positiveInt.default(10_000),
  maxLongPollSeconds: z.number().int().min(0).default(50),
  floodControl: z
    .object({ perChatPerSecond: z.number().positive(), burst: z.number().int().min(1), retryAfterSeconds: positiveInt.optional() })
    .optional(),
});

/** Applies the defaults; throws one error naming every invalid option. */
export function resolveOptions(options: BotApiSimulatorOptions): ResolvedOptions {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
    throw new Error(`Invalid Bot API simulator options: ${problems.join('; ')}`);
  }
  return parsed.data;
}
