import type { UnbluDelivery } from '@parley/core';
import { compact } from './compact.js';
import { headerValue, type UnbluHeaders } from './header-values.js';
import { UnbluCallParseError } from './unblu-call-parse-error.js';

/** Headers Unblu's sender ("Unblu-Hookshot") adds to every call, besides the signatures. */
export const UNBLU_CALL_HEADERS = {
  serviceName: 'x-unblu-service-name',
  event: 'x-unblu-event',
  invocationId: 'x-unblu-invocation-id',
  eventId: 'x-unblu-event-id',
  delivery: 'x-unblu-delivery',
  retryNo: 'x-unblu-retry-no',
} as const;

/** `X-Unblu-Retry-No` as a count; absent or not a plain non-negative integer counts as the first try. */
function parseRetryNo(value: string | undefined): number {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return 0;
  return Number.parseInt(value, 10);
}

/**
 * How a call reached Parley, from its headers: an outbound request names itself in
 * `x-unblu-service-name`, a webhook in `x-unblu-event`; exactly one must be present. The id is
 * the invocation id (outbound) or event id (webhook), falling back to the other header.
 * Returns an {@link UnbluCallParseError} instead of throwing.
 */
export function readUnbluDelivery(headers: UnbluHeaders): UnbluDelivery | UnbluCallParseError {
  const serviceName = headerValue(headers, UNBLU_CALL_HEADERS.serviceName);
  const event = headerValue(headers, UNBLU_CALL_HEADERS.event);
  if (serviceName !== undefined && event !== undefined) {
    return new UnbluCallParseError('ambiguous-call-name', `both ${UNBLU_CALL_HEADERS.serviceName} and ${UNBLU_CALL_HEADERS.event} are set`);
  }
  if (serviceName === undefined && event === undefined) {
    return new UnbluCallParseError('missing-call-name', `neither ${UNBLU_CALL_HEADERS.serviceName} nor ${UNBLU_CALL_HEADERS.event} is set`);
  }
  const invocationId = headerValue(headers, UNBLU_CALL_HEADERS.invocationId);
  const eventId = headerValue(headers, UNBLU_CALL_HEADERS.eventId);
  const outbound = serviceName !== undefined;
  return compact({
    mechanism: outbound ? ('outbound' as const) : ('webhook' as const),
    name: serviceName ?? event ?? '',
    id: outbound ? (invocationId ?? eventId) : (eventId ?? invocationId),
    deliveryId: headerValue(headers, UNBLU_CALL_HEADERS.delivery),
    retryNo: parseRetryNo(headerValue(headers, UNBLU_CALL_HEADERS.retryNo)),
  });
}
