/** How often and how patiently a failing job is retried. */
export interface RetryPolicy {
  /** Delay before the first retry, in ms. */
  initialDelayMs: number;
  /** Upper bound for one delay, in ms. */
  maxDelayMs: number;
  /** Growth per attempt (2 = doubling). */
  factor: number;
  /** Fraction of the delay randomised (0 = none, 0.2 = ±20 %), so retries of many chats spread out. */
  jitter: number;
  /** Attempts in all (the first try included) before the job becomes a dead letter. */
  maxAttempts: number;
  /** Age after which a job stops retrying and becomes a dead letter, in ms. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 5 * 60_000,
  factor: 2,
  jitter: 0.2,
  maxAttempts: 12,
  maxAgeMs: 24 * 60 * 60_000,
};

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential with jitter, capped.
 * A delay the remote asked for (`retryAfterMs`) is a floor: never retry sooner than told.
 * `random` returns [0, 1); pass a fixed one in tests.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  const spread = exponential * policy.jitter * (random() * 2 - 1);
  const delay = Math.max(0, Math.round(exponential + spread));
  return retryAfterMs === undefined ? delay : Math.max(delay, Math.ceil(retryAfterMs));
}

/** Whether a job that has made `attempts` attempts and was created at `createdAt` may try again. */
export function mayRetry(policy: RetryPolicy, attempts: number, createdAt: number, now: number): boolean {
  return attempts < policy.maxAttempts && now - createdAt < policy.maxAgeMs;
}
