import type { HealthStatus } from '@parley/core';
import type { DoctorCheck } from './doctor-check.js';

export interface AdapterCheckOptions {
  /** How long an adapter may stay `connecting` (or silent) before the check fails (default 5,000 ms). */
  waitMs?: number;
  /** How often health is read while waiting (default 100 ms). */
  pollMs?: number;
}

/**
 * The messenger adapter is usable: `connected`, or `degraded` (works with trouble; the reason is
 * shown) pass; `failed` fails with the adapter's reason. An adapter just started may still be
 * `connecting` or have reported nothing, so the check waits for it to settle, up to `waitMs`.
 */
export function adapterCheck(
  messengerId: string,
  health: () => HealthStatus | undefined,
  options: AdapterCheckOptions = {},
): DoctorCheck {
  const waitMs = options.waitMs ?? 5000;
  return {
    name: messengerId,
    timeoutMs: waitMs + 1000,
    run: async () => {
      const status = await settledHealth(health, waitMs, options.pollMs ?? 100);
      if (!status) throw new Error(`no health reported within ${waitMs} ms — did the adapter start?`);
      const reason = status.detail ? `: ${status.detail}` : '';
      switch (status.state) {
        case 'connected':
          return `connected${reason}`;
        case 'degraded':
          return `degraded${reason}`;
        case 'failed':
          throw new Error(`failed${reason}`);
        case 'connecting':
          throw new Error(`still connecting after ${waitMs} ms${reason}`);
      }
    },
  };
}

async function settledHealth(
  health: () => HealthStatus | undefined,
  waitMs: number,
  pollMs: number,
): Promise<HealthStatus | undefined> {
  const deadline = performance.now() + waitMs;
  let status = health();
  while ((status === undefined || status.state === 'connecting') && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    status = health();
  }
  return status;
}
