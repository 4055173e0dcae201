import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { LeaseStore } from '../ports/parley-store.js';

export interface ExclusiveOptions {
  leases: LeaseStore;
  /** This instance's identity in the lease table. */
  owner: string;
  clock: Clock;
  logger: Logger;
  /** Lease lifetime; renewed every third of it. Another instance takes over at most this long after a crash. */
  ttlMs: number;
  /** Ends the whole thing (host shutdown). */
  signal: AbortSignal;
}

export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`lease "${name}" was lost to another instance`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Runs `work` only while this instance holds the named lease: waits (standby) until the lease is
 * free, runs `work` while renewing the lease, and aborts `work`'s signal when the lease cannot be
 * renewed in time (another instance may take over once it expires). After losing the lease it goes
 * back to standby. Resolves when `work` returns or the host stops; rejects when `work` throws.
 */
export async function runExclusive(name: string, work: (signal: AbortSignal) => Promise<void>, options: ExclusiveOptions): Promise<void> {
  const { signal, logger } = options;
  while (!signal.aborted) {
    if (!(await tryAcquire(name, options))) {
      if (!(await pause(options, options.ttlMs / 3))) return;
      continue;
    }
    logger.info({ lease: name }, 'lease acquired; this instance runs the receiver');
    const lost = await runHolding(name, work, options);
    if (!lost) return;
    logger.warn({ lease: name }, 'lease lost; standing by');
  }
}

async function runHolding(name: string, work: (signal: AbortSignal) => Promise<void>, options: ExclusiveOptions): Promise<boolean> {
  const { leases, owner, signal } = options;
  const controller = new AbortController();
  const forwardStop = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardStop, { once: true });
  const keeping = new AbortController();
  const keeper = keepLease(name, options, keeping.signal).then((held) => {
    if (!held) controller.abort(new LeaseLostError(name));
  });
  try {
    await work(controller.signal);
  } finally {
    signal.removeEventListener('abort', forwardStop);
    keeping.abort();
    await keeper;
    if (!(controller.signal.reason instanceof LeaseLostError)) await leases.release(name, owner).catch(() => undefined);
  }
  return controller.signal.reason instanceof LeaseLostError;
}

/** Renews until `stop`; resolves false when the lease was not renewed within its lifetime. */
async function keepLease(name: string, options: ExclusiveOptions, stop: AbortSignal): Promise<boolean> {
  const { clock, ttlMs } = options;
  let renewedAt = clock.now();
  while (await pause(options, ttlMs / 3, stop)) {
    const held = await tryAcquire(name, options);
    if (held) renewedAt = clock.now();
    else if (held === false || clock.now() - renewedAt >= ttlMs) return false;
  }
  return true;
}

/** true/false from the store; undefined when the store could not be asked. */
async function tryAcquire(name: string, { leases, owner, ttlMs, clock, logger }: ExclusiveOptions): Promise<boolean | undefined> {
  try {
    return await leases.acquire(name, owner, ttlMs, clock.now());
  } catch (error) {
    logger.warn({ err: error, lease: name }, 'lease store unreachable');
    return undefined;
  }
}

async function pause({ clock, signal }: ExclusiveOptions, ms: number, extra?: AbortSignal): Promise<boolean> {
  const stop = extra ? AbortSignal.any([signal, extra]) : signal;
  try {
    await clock.sleep(Math.max(1, Math.floor(ms)), stop);
    return true;
  } catch {
    return false;
  }
}
