/**
 * Connection health of an adapter, reported as state (never thrown):
 * - `connecting`: starting or reconnecting, nothing known to be wrong yet;
 * - `connected`: receiving and sending normally;
 * - `degraded`: working with trouble (retries, rate limits, partial outage);
 * - `failed`: cannot work without an operator (bad credentials, account removed).
 */
export type HealthState = 'connecting' | 'connected' | 'degraded' | 'failed';

export interface HealthStatus {
  state: HealthState;
  /** Human-readable reason, shown on `/readyz` and in logs. Never contains secrets. */
  detail?: string;
  /** When the state last changed (ms since epoch). */
  since: number;
}

/** Where an adapter reports its health. Cheap to call; repeated identical reports are fine. */
export interface HealthReporter {
  report(state: HealthState, detail?: string): void;
}
