import { ParleyError, type UnbluGateway } from '@parley/core';
import type { DoctorCheck } from './doctor-check.js';
import { unbluHint, withHint } from './failure-hint.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from './run-doctor.js';

export interface PingRoundTripOptions {
  /** Report label; default `ping <channelId>`. */
  name?: string;
  /** How long Parley's endpoint may take to receive the ping (default 5,000 ms). */
  waitMs?: number;
}

/**
 * Unblu can reach Parley: asks Unblu to ping the channel endpoint (`gateway.channels.ping`) and
 * waits until Parley's endpoint received it. The host passes `waitForPing`, which must resolve on
 * the next ping its Unblu handler accepts (signature valid) and reject after `timeoutMs`. It is
 * called just before the ping is requested, so a fast ping cannot slip past it.
 */
export function pingRoundTripCheck(
  gateway: Pick<UnbluGateway, 'channels'>,
  channelId: string,
  waitForPing: (timeoutMs: number) => Promise<void>,
  options: PingRoundTripOptions = {},
): DoctorCheck {
  const waitMs = options.waitMs ?? 5000;
  return {
    name: options.name ?? `ping ${channelId}`,
    // The Unblu call itself gets the usual allowance on top of the wait.
    timeoutMs: waitMs + DEFAULT_CHECK_TIMEOUT_MS,
    run: async () => {
      const started = performance.now();
      const received = waitForPing(waitMs);
      // If asking Unblu fails we never await `received`; its later rejection is expected.
      received.catch(() => undefined);
      const pingId = await gateway.channels.ping(channelId).catch((error: unknown) => {
        throw withHint(error, pingHint(error));
      });
      await received.catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Unblu accepted the ping but Parley's endpoint did not get it (${reason}) — ${ENDPOINT_HINT}`, { cause: error });
      });
      const id = pingId === '' ? '' : ` (ping ${pingId})`;
      return `Unblu reached Parley's endpoint in ${Math.round(performance.now() - started)} ms${id}`;
    },
  };
}

const ENDPOINT_HINT = 'check that Unblu reaches unblu.publicUrl and that unblu.secret matches';

/**
 * Unblu (and the simulator) ping synchronously and answer 502 when Parley's endpoint failed or
 * refused the ping (a bad signature gets a 401 from Parley), so a 502 points at Parley's side.
 */
function pingHint(error: unknown): string | undefined {
  return error instanceof ParleyError && error.code === 'unblu.502' ? `Unblu could not deliver it: ${ENDPOINT_HINT}` : unbluHint(error);
}
