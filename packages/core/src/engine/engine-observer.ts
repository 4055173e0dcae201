/** How a job attempt ended. `released` = given back at shutdown; `lost` = another instance took it over. */
export type JobOutcome = 'done' | 'retry' | 'dead' | 'released' | 'lost';

/**
 * Hooks the host uses for metrics. Called synchronously on the engine's path: keep them cheap
 * and never throw.
 */
export interface EngineObserver {
  /** A customer event reached the sink; `duplicate` when it was known already. */
  inboundAccepted?(event: { messengerId: string; kind: 'message' | 'receipt'; duplicate: boolean }): void;
  /** Unblu handed over an agent message; `duplicate` when it was a redelivery. */
  outboundAccepted?(event: { messengerId: string; duplicate: boolean; internal: boolean }): void;
  /** A job attempt ended. */
  jobSettled?(event: { kind: string; outcome: JobOutcome; durationMs: number; attempts: number; error?: string }): void;
}
