import { PermanentError, TransientError, isRetryable } from '../errors/parley-error.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ClaimedJob, JobStore } from '../ports/parley-store.js';
import { backoffDelay, mayRetry, type RetryPolicy } from '../retry/retry-policy.js';
import type { EngineObserver, JobOutcome } from './engine-observer.js';
import type { JobHandler } from './job-handler.js';

export interface JobQueueOptions {
  /** Identifies this instance's claims in the store; unique per running process. */
  owner: string;
  /** Jobs run at once by this instance (each of a different order key). */
  concurrency: number;
  /** How long a claim lasts without renewal; renewed every third of it while the job runs. */
  leaseMs: number;
  /** How often to look for due work (retries, other instances' enqueues) when not woken. */
  pollIntervalMs: number;
  /** How long `stop()` waits for running jobs before aborting and releasing them. */
  drainTimeoutMs: number;
  retryPolicy: RetryPolicy;
  /** Randomness for retry jitter; [0, 1). */
  random?: () => number;
}

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  startedAt: number;
}

class LeaseLost extends Error {}
class ShuttingDown extends Error {}

/**
 * Runs jobs from the durable {@link JobStore}: claims due head jobs (one per order key, so each
 * chat's jobs run in order while chats run in parallel), runs them with bounded concurrency,
 * renews their claims while they run, and settles each attempt — done, retry with backoff and
 * jitter (never sooner than a `retryAfterMs` the remote asked for), or dead letter once the retry
 * policy gives up. A job whose claim was lost is abandoned (its signal aborted) and left to the
 * instance that took it over.
 */
export class JobQueue {
  private readonly running = new Map<string, Running>();
  private loopDone: Promise<void> | undefined;
  private heartbeatDone: Promise<void> | undefined;
  private stopping = false;
  private wakeRequested = false;
  private wake: (() => void) | undefined;
  private readonly stopController = new AbortController();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: JobStore,
    private readonly handlers: ReadonlyMap<string, JobHandler>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions,
    private readonly observer: EngineObserver = {},
  ) {}

  /** Starts claiming and running jobs. */
  start(): void {
    if (this.loopDone) return;
    this.loopDone = this.loop();
    this.heartbeatDone = this.heartbeat();
  }

  /** New work may be due (a local enqueue): look now instead of at the next poll. */
  notify(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Jobs running on this instance now. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Stops claiming, waits up to `drainTimeoutMs` for running jobs, then aborts the rest and gives
   * their claims back so another instance (or the next start) runs them at once. Idempotent.
   */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.notify();
    }
    await this.loopDone;
    const drained = await this.waitForIdle(this.options.drainTimeoutMs);
    if (!drained) {
      for (const { controller } of this.running.values()) controller.abort(new ShuttingDown('Parley is shutting down'));
      await this.waitForIdle(Number.POSITIVE_INFINITY);
    }
    this.stopController.abort(new ShuttingDown('stopped'));
    await this.heartbeatDone;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      let claimed = 0;
      // Every slot busy: only a finishing job (which notifies) can change that.
      this.wakeRequested = false;
      if (free > 0) claimed = await this.claim(free);
      // A full batch means more may be due right away; otherwise wait to be woken or for a poll.
      if (claimed === 0 || claimed < free || this.running.size >= this.options.concurrency) {
        await this.waitForWake();
      }
    }
  }

  private async claim(limit: number): Promise<number> {
    const { owner, leaseMs } = this.options;
    try {
      const jobs = await this.store.claim(owner, limit, leaseMs, this.clock.now());
      for (const job of jobs) this.launch(job);
      return jobs.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'claiming jobs failed; will try again');
      return 0;
    }
  }

  private async waitForWake(): Promise<void> {
    if (this.wakeRequested || this.stopping) return;
    const timer = new AbortController();
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    const polled = this.clock.sleep(this.options.pollIntervalMs, timer.signal).catch(() => undefined);
    await Promise.race([woken, polled]);
    this.wake = undefined;
    timer.abort();
  }

  private launch(job: ClaimedJob): void {
    const controller = new AbortController();
    this.running.set(job.id, { job, controller, startedAt: this.clock.now() });
    void this.execute(job, controller.signal).finally(() => {
      this.running.delete(job.id);
      if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.notify();
    });
  }

  private async execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const startedAt = this.clock.now();
    const handler = this.handlers.get(job.kind);
    let outcome: JobOutcome;
    let failure: unknown;
    try {
      if (!handler) throw new PermanentError(`no handler for job kind "${job.kind}"`, 'engine.unknown_job_kind');
      await handler.run(job, signal);
      outcome = signal.aborted ? this.abandonReason(signal) : await this.complete(job);
    } catch (error) {
      failure = error;
      outcome = signal.aborted ? this.abandonReason(signal) : await this.settleFailure(job, handler, error);
    }
    if (outcome === 'released') await this.giveBack(job);
    this.logger.debug({ parleyMessageId: job.id, kind: job.kind, orderKey: job.orderKey, attempt: job.attempts, outcome, ms: this.clock.now() - startedAt }, 'job settled');
    this.observer.jobSettled?.({
      kind: job.kind,
      outcome,
      durationMs: this.clock.now() - startedAt,
      attempts: job.attempts,
      error: failure === undefined ? undefined : describeError(failure),
    });
  }

  private abandonReason(signal: AbortSignal): JobOutcome {
    return signal.reason instanceof LeaseLost ? 'lost' : 'released';
  }

  private async complete(job: ClaimedJob): Promise<JobOutcome> {
    const ok = await this.storeCall(() => this.store.complete(job.id, this.options.owner), job, 'complete');
    return ok ? 'done' : 'lost';
  }

  private async settleFailure(job: ClaimedJob, handler: JobHandler | undefined, error: unknown): Promise<JobOutcome> {
    const { retryPolicy, owner } = this.options;
    const now = this.clock.now();
    const reason = describeError(error);
    if (isRetryable(error) && mayRetry(retryPolicy, job.attempts, job.createdAt, now)) {
      if (!(error instanceof TransientError)) this.logger.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed unexpectedly; retrying');
      const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
      const runAt = now + backoffDelay(retryPolicy, job.attempts, retryAfterMs, this.options.random);
      const ok = await this.storeCall(() => this.store.retry(job.id, owner, runAt, reason), job, 'retry');
      return ok ? 'retry' : 'lost';
    }
    this.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, reason }, 'job gave up; moved to dead letters');
    try {
      await handler?.onGiveUp?.(job, error);
    } catch (reportError) {
      this.logger.warn({ err: reportError, jobId: job.id }, 'reporting a failed job failed');
    }
    const ok = await this.storeCall(() => this.store.deadLetter(job.id, owner, reason, this.clock.now()), job, 'deadLetter');
    return ok ? 'dead' : 'lost';
  }

  /**
   * Gives an interrupted job back to run again at once, as a counted attempt, so the next attempt
   * knows an earlier one may have had effects and checks first.
   */
  private async giveBack(job: ClaimedJob): Promise<void> {
    await this.storeCall(() => this.store.retry(job.id, this.options.owner, this.clock.now(), 'interrupted by shutdown'), job, 'give back');
  }

  /** A store write that settles a job; when it fails the claim simply expires and the job reruns. */
  private async storeCall(call: () => Promise<boolean>, job: ClaimedJob, what: string): Promise<boolean> {
    try {
      const ok = await call();
      if (!ok) this.logger.warn({ jobId: job.id, kind: job.kind }, `job claim was lost before ${what}; another instance runs it`);
      return ok;
    } catch (error) {
      this.logger.error({ err: error, jobId: job.id, kind: job.kind }, `could not ${what} job; it will run again after its lease expires`);
      return false;
    }
  }

  /** Renews the claims of running jobs; aborts those whose claim another instance took. */
  private async heartbeat(): Promise<void> {
    const { leaseMs, owner } = this.options;
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      try {
        await this.clock.sleep(Math.max(1, Math.floor(leaseMs / 3)), signal);
      } catch {
        return;
      }
      const ids = [...this.running.keys()];
      if (ids.length === 0) continue;
      try {
        const held = new Set(await this.store.renew(ids, owner, leaseMs, this.clock.now()));
        for (const id of ids) {
          if (!held.has(id)) this.running.get(id)?.controller.abort(new LeaseLost(`claim on job ${id} was lost`));
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'renewing job claims failed; will try again');
      }
    }
  }

  private waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = new AbortController();
      this.idleWaiters.push(() => {
        timer.abort();
        resolve(true);
      });
      if (Number.isFinite(timeoutMs)) {
        this.clock.sleep(timeoutMs, timer.signal).then(
          () => resolve(false),
          () => undefined,
        );
      }
    });
  }
}

/** A one-line reason for logs, dead letters and Unblu's failure reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? ` [${error.code}]` : '';
    return `${error.message}${code}`;
  }
  return String(error);
}
