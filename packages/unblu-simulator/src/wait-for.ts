import { setTimeout as sleep } from 'node:timers/promises';

const POLL_INTERVAL_MS = 10;

/**
 * Polls `predicate` until it yields a truthy value and resolves with that value. Rejects with the
 * predicate's last error, or a timeout error, once `timeoutMs` has passed.
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${reason}`, { cause: lastError });
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
