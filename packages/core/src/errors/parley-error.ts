/**
 * Every error Parley raises on purpose is a {@link ParleyError} with a stable string `code`,
 * so callers and logs can branch on it without parsing messages.
 *
 * Three kinds are kept apart (see STYLE §8):
 * - {@link TransientError}: we could not reach the remote, or it asked us to come back later.
 *   Retried with backoff; `retryAfterMs` is honoured when the remote named a delay.
 * - {@link PermanentError}: the remote answered and said no. Retrying cannot help; the failure is
 *   reported (for an agent message: `messageSendFailed` TERMINAL with {@link ParleyError.message}).
 * - anything else thrown is "our code threw": treated as transient by the engine but logged as a bug.
 */
export abstract class ParleyError extends Error {
  /** Stable machine-readable code, e.g. `unblu.not_found` or `telegram.blocked`. */
  readonly code: string;

  protected constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

export interface TransientErrorOptions {
  cause?: unknown;
  /** Delay the remote asked for (e.g. Telegram `retry_after`, HTTP `Retry-After`), in ms. */
  retryAfterMs?: number;
}

/** A failure that may succeed when tried again later: network errors, timeouts, 5xx, 429. */
export class TransientError extends ParleyError {
  readonly retryAfterMs?: number;

  constructor(message: string, code = 'transient', options: TransientErrorOptions = {}) {
    super(message, code, options);
    if (options.retryAfterMs !== undefined) {
      if (!Number.isFinite(options.retryAfterMs) || options.retryAfterMs < 0) {
        throw new RangeError(`retryAfterMs must be a finite number >= 0, got ${options.retryAfterMs}`);
      }
      this.retryAfterMs = options.retryAfterMs;
    }
  }
}

/** A failure that will not go away by retrying: the remote refused (4xx, blocked user, too large). */
export class PermanentError extends ParleyError {
  constructor(message: string, code = 'permanent', options: { cause?: unknown } = {}) {
    super(message, code, options);
  }
}

/** One problem found in configuration, with the path of the offending value (`unblu.auth.password`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * Configuration is invalid. Carries every problem found, not only the first, so an operator can
 * fix them all in one go. Messages never contain secret values, only paths.
 */
export class ConfigError extends ParleyError {
  readonly issues: readonly ConfigIssue[];

  constructor(subject: string, issues: readonly ConfigIssue[]) {
    super(ConfigError.describe(subject, issues), 'config.invalid');
    this.issues = issues;
  }

  private static describe(subject: string, issues: readonly ConfigIssue[]): string {
    const lines = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    return `Invalid ${subject} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
  }
}

/** An optional capability was asked of an adapter that does not declare it. */
export class NotSupportedError extends ParleyError {
  readonly feature: string;

  constructor(feature: string, messenger: string) {
    super(`${messenger} does not support ${feature}`, 'not_supported');
    this.feature = feature;
  }
}

/** True when `error` should be retried: a {@link TransientError} or an unexpected (non-Parley) error. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof PermanentError || error instanceof ConfigError || error instanceof NotSupportedError);
}
