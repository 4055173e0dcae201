import { ConfigError, silentLogger, type Clock, type ConfigIssue, type Logger, type UnbluEventListener } from '@parley/core';
import { z } from 'zod';

/** Agent file content is a download link, never inline, so Unblu's calls are small. */
export const DEFAULT_MAX_UNBLU_BODY_BYTES = 1024 * 1024;
/** The `User-Agent` of Unblu's outbound request and webhook sender. */
export const UNBLU_USER_AGENT = 'Unblu-Hookshot';

export interface UnbluRequestHandlerOptions {
  /**
   * Secrets Unblu may sign with: the channel's (or webhook registration's) secret, and during a
   * rotation the old and the new one. At least one, none empty. Answers are signed with the
   * secret that verified the request, else with the first.
   */
  secrets: readonly string[];
  /** Receives every verified event; the answer to Unblu waits for its promise. */
  listener: UnbluEventListener;
  /** Larger bodies are refused with 413 before they are read in full. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default: silent. Logs carry call names, ids and reasons; never secrets or bodies. */
  logger?: Logger;
  /** Required `User-Agent` (itself, or followed by `/version`); `false` accepts any. Default `Unblu-Hookshot`. */
  expectedUserAgent?: string | false;
  /** Time of receipt for messages without a timestamp. Default: system time. */
  clock?: Pick<Clock, 'now'>;
}

/** {@link UnbluRequestHandlerOptions} after validation, defaults applied. */
export interface ResolvedUnbluRequestHandlerOptions {
  secrets: readonly string[];
  listener: UnbluEventListener;
  maxBodyBytes: number;
  logger: Logger;
  expectedUserAgent: string | false;
  clock: Pick<Clock, 'now'>;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

const optionsSchema = z.object({
  secrets: z.array(z.string().min(1, 'must not be empty')).min(1, 'at least one secret is required'),
  listener: z.object({
    onAgentMessage: z.custom(isFunction, 'must be a function'),
    onMessageState: z.custom(isFunction, 'must be a function'),
    onConversationEvent: z.custom(isFunction, 'must be a function'),
  }),
  maxBodyBytes: z.number().int().positive().optional(),
  expectedUserAgent: z.union([z.string().min(1), z.literal(false)]).optional(),
});

/**
 * Checks the options completely and applies defaults.
 * @throws ConfigError listing every problem by path (values, secrets included, are never quoted).
 */
export function resolveUnbluRequestHandlerOptions(options: UnbluRequestHandlerOptions): ResolvedUnbluRequestHandlerOptions {
  const result = optionsSchema.safeParse(options, { reportInput: false });
  if (!result.success) {
    const issues: ConfigIssue[] = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    throw new ConfigError('Unblu request handler options', issues);
  }
  return {
    secrets: [...options.secrets],
    listener: options.listener,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_UNBLU_BODY_BYTES,
    logger: options.logger ?? silentLogger,
    expectedUserAgent: options.expectedUserAgent ?? UNBLU_USER_AGENT,
    clock: options.clock ?? { now: () => Date.now() },
  };
}
