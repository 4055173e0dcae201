import type { ClaimedJob } from '../ports/parley-store.js';

/**
 * Runs the jobs of one kind. `run` may be called again for the same job (after a crash, a lost
 * lease or a retry), so it must be idempotent: check what an earlier attempt already did.
 *
 * Throwing a `PermanentError` ends the job at once as a dead letter; any other error is retried
 * with backoff until the retry policy gives up. Handlers that want a permanent failure to count
 * as done (say, reported to Unblu as TERMINAL) catch it themselves and return normally.
 */
export interface JobHandler {
  run(job: ClaimedJob, signal: AbortSignal): Promise<void>;
  /**
   * Called once when the job gives up (permanent error or retries exhausted), before it becomes a
   * dead letter, to tell whoever waits for it. Errors thrown here are logged and ignored.
   */
  onGiveUp?(job: ClaimedJob, error: unknown): Promise<void>;
}
