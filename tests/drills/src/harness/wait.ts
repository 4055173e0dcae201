import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `predicate` until it is truthy; rejects with `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, predicate: () => T | Promise<T>, timeoutMs = 30_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export { sleep };
