import { signUnbluBody } from '../signature.js';
import { UNBLU_CALL_HEADERS } from '../unblu-delivery-headers.js';
import { UNBLU_USER_AGENT } from '../unblu-request-handler-options.js';

/** How to address a call the way Unblu's sender does. */
export interface UnbluCallSpec {
  /** Signing secret; omit to send no signature at all. */
  secret?: string;
  /** `x-unblu-service-name` (outbound request). */
  serviceName?: string;
  /** `x-unblu-event` (webhook). */
  event?: string;
  invocationId?: string;
  eventId?: string;
  deliveryId?: string;
  retryNo?: number;
}

/** A call ready to send: its exact body bytes and headers. */
export interface SignedUnbluCall {
  body: string;
  headers: Record<string, string>;
}

function optionalHeaders(spec: UnbluCallSpec): Record<string, string> {
  const entries: [string, string | number | undefined][] = [
    [UNBLU_CALL_HEADERS.serviceName, spec.serviceName],
    [UNBLU_CALL_HEADERS.event, spec.event],
    [UNBLU_CALL_HEADERS.invocationId, spec.invocationId],
    [UNBLU_CALL_HEADERS.eventId, spec.eventId],
    [UNBLU_CALL_HEADERS.delivery, spec.deliveryId],
    [UNBLU_CALL_HEADERS.retryNo, spec.retryNo],
  ];
  return Object.fromEntries(entries.flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}

/**
 * Serialises `payload` (a string is sent as is) and builds the headers Unblu would send with it:
 * `User-Agent: Unblu-Hookshot`, JSON content type, the call name and delivery headers, and
 * both signatures when a secret is given.
 */
export function signedUnbluCall(payload: unknown, spec: UnbluCallSpec): SignedUnbluCall {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'user-agent': UNBLU_USER_AGENT,
    'content-type': 'application/json; charset=UTF-8',
    'x-unblu-version': 'v4',
    ...optionalHeaders(spec),
    ...(spec.secret === undefined ? {} : signUnbluBody(spec.secret, body)),
  };
  return { body, headers };
}
