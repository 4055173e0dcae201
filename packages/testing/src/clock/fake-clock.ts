import type { Clock } from '@parley/core';

interface Sleeper {
  readonly due: number;
  /** Creation order: sleepers due at the same time wake in the order they went to sleep. */
  readonly seq: number;
  readonly wake: () => void;
}

/** 2025-01-01T00:00:00Z: a fixed, readable default so test output does not change from run to run. */
const DEFAULT_START = Date.UTC(2025, 0, 1);

/** Ends `runUntilIdle` on code that keeps sleeping forever (a poll loop) instead of hanging the test. */
const DEFAULT_MAX_TIMERS = 10_000;

/**
 * A {@link Clock} whose time moves only when a test says so. `sleep` parks the caller until
 * {@link FakeClock.advance} (or {@link FakeClock.runUntilIdle}) moves time past its due time;
 * between two wake-ups the promise chains of the woken code run to completion, so a loop that
 * sleeps again within the advanced span is woken again in the same `advance`.
 *
 * Not for code that mixes it with real timers: only this clock's sleepers are driven.
 */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: Sleeper[] = [];
  private seq = 0;

  constructor(start: number = DEFAULT_START) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /**
   * Resolves once time reached now + `ms`; rejects with the signal's reason when aborted first.
   * `ms <= 0` resolves at once (a timer that is already due), so backoff code with a zero delay
   * does not wait for a test to advance time.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason as unknown);
      };
      const sleeper: Sleeper = {
        due: this.time + ms,
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** How many sleepers wait for time to move. */
  get pendingTimers(): number {
    return this.sleepers.length;
  }

  /** When the next sleeper is due (ms since epoch), or undefined when nobody sleeps. */
  get nextDue(): number | undefined {
    return this.next()?.due;
  }

  /**
   * Moves time forward by `ms`, waking due sleepers one at a time in due order; each sees `now()`
   * equal to its due time. Resolves after the woken code's promise chains have settled.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance needs a finite ms >= 0, got ${ms}`);
    const target = this.time + ms;
    await settle();
    for (let sleeper = this.next(); sleeper && sleeper.due <= target; sleeper = this.next()) {
      await this.wake(sleeper);
    }
    this.time = target;
    await settle();
  }

  /**
   * Wakes sleepers in due order, jumping time to each, until nobody sleeps. Throws when more than
   * `maxTimers` fire, which means the code under test sleeps in a loop that never ends.
   * Resolves with the number of sleepers woken.
   */
  async runUntilIdle(maxTimers: number = DEFAULT_MAX_TIMERS): Promise<number> {
    await settle();
    let fired = 0;
    for (let sleeper = this.next(); sleeper; sleeper = this.next()) {
      if (fired === maxTimers) {
        throw new Error(`FakeClock.runUntilIdle: still busy after ${maxTimers} timers (a loop that sleeps forever?)`);
      }
      await this.wake(sleeper);
      fired += 1;
    }
    return fired;
  }

  /**
   * Waits (in real event-loop turns, not fake time) until at least `count` sleepers are parked,
   * for tests that must advance only once the code under test has gone to sleep.
   * Throws after `maxTurns` turns.
   */
  async untilSleeping(count = 1, maxTurns = 100): Promise<void> {
    for (let turn = 0; this.sleepers.length < count; turn += 1) {
      if (turn === maxTurns) {
        throw new Error(`FakeClock.untilSleeping: ${this.sleepers.length} of ${count} sleepers after ${maxTurns} turns`);
      }
      await settle();
    }
  }

  private next(): Sleeper | undefined {
    let first: Sleeper | undefined;
    for (const s of this.sleepers) {
      if (!first || s.due < first.due || (s.due === first.due && s.seq < first.seq)) first = s;
    }
    return first;
  }

  private async wake(sleeper: Sleeper): Promise<void> {
    this.sleepers = this.sleepers.filter((s) => s !== sleeper);
    this.time = Math.max(this.time, sleeper.due);
    sleeper.wake();
    await settle();
  }
}

/**
 * Lets every queued promise continuation run: a macrotask turn comes after the microtask queue
 * has drained, including continuations that queue further continuations.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
