/**
 * One thing `parley doctor` verifies. `run` resolves with a detail line for the report (or
 * nothing), and rejects with an error whose message says what is wrong and, where it can, what
 * to check. It must not print, and must never put a secret in its detail or error.
 */
export interface DoctorCheck {
  /** Short label, shown first on the report line: `store`, `unblu`, `channel 'Telegram'`. */
  name: string;
  run(): Promise<string | void>;
  /** Overrides the doctor's timeout for checks that wait on purpose (a ping round trip). */
  timeoutMs?: number;
}
