import { systemClock } from '../ports/clock.js';
import { silentLogger } from '../ports/logger.js';
import type { LeaseStore } from '../ports/parley-store.js';
import { runExclusive, type ExclusiveOptions } from './exclusive-runner.js';

/** Leases in a map, with a switch to make renewals fail as if another instance had taken over. */
class MapLeases implements LeaseStore {
  readonly held = new Map<string, { owner: string; until: number }>();
  stolen = false;
  async acquire(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    const lease = this.held.get(name);
    if (this.stolen && lease?.owner === owner) return false;
    if (lease && lease.owner !== owner && lease.until > now) return false;
    this.held.set(name, { owner, until: now + ttlMs });
    return true;
  }
  async release(name: string, owner: string): Promise<void> {
    if (this.held.get(name)?.owner === owner) this.held.delete(name);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

function options(leases: LeaseStore, owner: string, stop: AbortController): ExclusiveOptions {
  return { leases, owner, clock: systemClock, logger: silentLogger, ttlMs: 60, signal: stop.signal };
}

/** Work that runs until its signal is aborted, recording who ran it. */
function worker(log: string[], who: string) {
  return (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      log.push(`${who} started`);
      signal.addEventListener('abort', () => {
        log.push(`${who} stopped`);
        resolve();
      });
    });
}

describe('runExclusive', () => {
  it('runs the work on one instance only and fails over when that instance stops', async () => {
    const leases = new MapLeases();
    const log: string[] = [];
    const [stopA, stopB] = [new AbortController(), new AbortController()];
    const a = runExclusive('poller', worker(log, 'A'), options(leases, 'A', stopA));
    await until(() => log.length === 1);
    const b = runExclusive('poller', worker(log, 'B'), options(leases, 'B', stopB));
    await sleep(150);
    expect(log).toEqual(['A started']);
    stopA.abort();
    await a;
    await until(() => log.length === 3);
    expect(log).toEqual(['A started', 'A stopped', 'B started']);
    stopB.abort();
    await b;
    expect(leases.held.size).toBe(0);
  });

  it('aborts the work when the lease is lost and stands by', async () => {
    const leases = new MapLeases();
    const log: string[] = [];
    const stop = new AbortController();
    const run = runExclusive('mailbox', worker(log, 'A'), options(leases, 'A', stop));
    await until(() => log.length === 1);
    leases.stolen = true;
    leases.held.set('mailbox', { owner: 'B', until: Date.now() + 10_000 });
    await until(() => log.length === 2);
    await sleep(100);
    expect(log).toEqual(['A started', 'A stopped']);
    stop.abort();
    await run;
    expect(leases.held.get('mailbox')?.owner).toBe('B');
  });

  it('rejects when the work throws, and gives the lease back', async () => {
    const leases = new MapLeases();
    const stop = new AbortController();
    await expect(runExclusive('x', () => Promise.reject(new Error('boom')), options(leases, 'A', stop))).rejects.toThrow('boom');
    expect(leases.held.size).toBe(0);
  });
});
