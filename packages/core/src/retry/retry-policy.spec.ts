import { DEFAULT_RETRY_POLICY, type RetryPolicy, backoffDelay, mayRetry } from './retry-policy.js';

const policy: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5, maxAttempts: 4, maxAgeMs: 10_000 };
const middle = (): number => 0.5; // no jitter offset
const low = (): number => 0; // -jitter
const high = (): number => 0.999_999; // +jitter

describe('backoffDelay', () => {
  it('grows exponentially and caps at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(policy, attempt, undefined, middle))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('spreads delays by the jitter fraction in both directions', () => {
    expect(backoffDelay(policy, 2, undefined, low)).toBe(100);
    expect(backoffDelay(policy, 2, undefined, high)).toBe(300);
  });

  it('never retries sooner than the remote asked', () => {
    expect(backoffDelay(policy, 1, 5000, middle)).toBe(5000);
    expect(backoffDelay(policy, 3, 10, middle)).toBe(400);
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => backoffDelay(policy, 0)).toThrow(RangeError);
  });

  it('keeps the default policy within a day', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 50, undefined, high)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs * 1.2);
  });
});

describe('mayRetry', () => {
  it('stops after maxAttempts', () => {
    expect(mayRetry(policy, 3, 0, 0)).toBe(true);
    expect(mayRetry(policy, 4, 0, 0)).toBe(false);
  });

  it('stops when the job is older than maxAgeMs', () => {
    expect(mayRetry(policy, 1, 0, 9_999)).toBe(true);
    expect(mayRetry(policy, 1, 0, 10_000)).toBe(false);
  });
});
