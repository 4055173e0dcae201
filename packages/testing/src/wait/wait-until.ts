import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` every `everyMs` until it returns something truthy, and resolves with that.
 * Rejects naming `what` once `timeoutMs` has passed. For tests that wait on another process, a
 * simulator or a background loop; a probe that throws ends the wait with its error.
 */
export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
